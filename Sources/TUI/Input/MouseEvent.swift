import Render

/// The mouse events the app uses: the wheel scrolls, a click picks a tab.
public enum MouseEvent: Equatable, Sendable {
    case wheelUp(at: Point)
    case wheelDown(at: Point)
    case click(at: Point)
}
