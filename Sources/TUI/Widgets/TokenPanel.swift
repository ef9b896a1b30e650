import Engine
import Render

/// The token panel: for the token under the cursor (or step mode's proposal), the strip of
/// tokens around it, the step's top candidates with their probabilities, and what Enter does.
struct TokenPanel {
    enum Subject {
        case cursor(tokens: [GeneratedToken], cursor: TokenCursor)
        case proposal(Proposal, acceptedSoFar: [GeneratedToken])
    }

    let subject: Subject
    let isFocused: Bool

    static let listRows = 10
    /// Frame, strip, a blank row, the list, a blank row and the hint.
    static var height: Int { listRows + 6 }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: theme[.text])
        let title: String, token: GeneratedToken, selected: Int, hint: String
        let strip: TokenStrip
        switch subject {
        case .cursor(let tokens, let cursor):
            token = tokens[cursor.token]
            title = "Token \(cursor.token + 1) of \(tokens.count)"
            selected = cursor.alternative
            strip = TokenStrip(tokens: tokens, cursor: cursor.token)
            hint = selected == 0 || token.candidates[selected].id == token.id
                ? "←→ token  ↑↓ alternative  Esc back" : "Enter: branch here with this token"
        case .proposal(let proposal, let accepted):
            token = proposal.token
            title = "Next token · step \(accepted.count + 1)"
            selected = proposal.selected
            strip = TokenStrip(tokens: accepted + [proposal.token], cursor: accepted.count)
            hint = "Enter accept  ↑↓ pick  c continue  Esc stop"
        }
        grid.drawBox(area, style: theme[isFocused ? .borderFocused : .border], title: title, titleStyle: theme[.title])
        let inner = area.inset(by: 1)
        grid.clipped(to: inner) { grid in
            strip.draw(in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), theme: theme, grid: &grid)
            AlternativesList(candidates: token.candidates, chosenID: token.id, selected: selected)
                .draw(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: Self.listRows), theme: theme, grid: &grid)
            grid.write(hint, x: inner.x + 1, y: inner.maxY - 1, style: theme[.muted])
        }
    }
}
