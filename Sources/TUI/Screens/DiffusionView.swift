import Foundation
import Engine
import Render

/// Where the Diffusion tab's parts go: the pictures on top; under them the numbers and the
/// schedule curve, with the settings panel on the right when there is room.
struct DiffusionLayout {
    static let knobsWidth = 36

    let panels: Rect
    let info: Rect
    let curve: Rect?
    let knobs: Rect?

    init(_ screen: DiffusionScreen, inner: Rect) {
        let knobHeight = KnobPanel.height(rows: DiffusionScreen.knobs.count)
        let bottomHeight = inner.height >= 24 ? knobHeight : min(3, max(0, inner.height - 3))
        let (top, bottom) = inner.splitBottom(bottomHeight)
        let beside = inner.width >= 70 && bottom.height >= knobHeight
        let (left, right) = bottom.splitRight(beside ? Self.knobsWidth : 0)
        let (info, curve) = left.splitTop(3)
        panels = top
        self.info = info
        self.curve = curve.height >= 3 ? curve : nil
        if beside {
            knobs = right
        } else if screen.panel.isFocused {
            // Narrow or short: the panel goes over the pictures while it has the keys.
            let width = min(inner.width, Self.knobsWidth), height = min(knobHeight, inner.height)
            knobs = Rect(x: inner.maxX - width, y: inner.maxY - height, width: width, height: height)
        } else {
            knobs = nil
        }
    }
}

extension AppModel {
    func drawDiffusion(in area: Rect, grid: inout CellGrid) {
        let title = "Diffusion · " + diffusion.mode.title + (diffusion.model.info.map { " · \($0.name)" } ?? "")
        guard let inner = drawImageTab(diffusion.model, title: title, what: "diffusion model", in: area, grid: &grid),
              let info = diffusion.model.info else { return }
        let layout = DiffusionLayout(diffusion, inner: inner)
        let step = shownStep
        if let panels = diffusion.panels(at: step) {
            drawPanelRow(panels, in: layout.panels.inset(by: 1), grid: &grid)
        } else {
            let what = diffusion.mode == .forward && diffusion.forward.source == nil ? "Loading the test image…" : "Computing step \(step + 1)…"
            drawWrapped("\(Spinner.frame(animationFrame)) \(what)", in: layout.panels.inset(by: 1), role: .accent, grid: &grid)
        }
        drawDiffusionInfo(in: layout.info, grid: &grid)
        if let curve = layout.curve {
            ScheduleCurve(schedule: NoiseSchedule(betas: info.betas), timesteps: diffusion.timesteps,
                          marked: diffusion.shownTimestep(step: step)?.t)
                .draw(in: Rect(x: curve.x + 1, y: curve.y, width: curve.width - 2, height: curve.height), theme: theme, grid: &grid)
        }
        drawKnobs(DiffusionScreen.knobs, of: diffusion, focus: diffusion.panel, in: layout.knobs, grid: &grid)
    }

    /// Three lines: the step, its t and ᾱ_t, playback and progress; how x_t is made; the settings.
    private func drawDiffusionInfo(in area: Rect, grid: inout CellGrid) {
        let s = diffusion.settings, step = shownStep
        var numbers = [(diffusion.mode == .forward ? "forward step" : "step") + " \(step + 1)/\(s.steps)"]
        var mixing = ["x_t = √ᾱ·x0 + √(1−ᾱ)·ε"]
        if let (t, alphaBar) = diffusion.shownTimestep(step: step) {
            numbers += ["t \(t)", "ᾱ_t \(fixed(alphaBar))"]
            mixing = ["√ᾱ \(fixed(alphaBar.squareRoot()))", "√(1−ᾱ) \(fixed((1 - alphaBar).squareRoot()))"] + mixing
        }
        numbers.append("\(diffusion.playback.isPlaying ? "▶" : "⏸") \(diffusion.playback.rate)/s")
        if diffusion.isComputing { numbers.append("computing \(diffusion.shownCount)/\(s.steps)") }
        let label = className(s.label, diffusion.model.info?.classNames ?? [])
        let settings = [s.method.title, "\(s.steps) steps", "η \(short(s.eta))", "guidance \(short(s.guidance))", label, "seed \(s.seed)"]
        for (offset, (parts, role)) in [(numbers, ThemeRole.text), (mixing, .muted), (settings, .muted)].enumerated() where offset < area.height {
            InfoLine(parts).draw(in: Rect(x: area.x, y: area.y + offset, width: area.width, height: 1), style: theme[role], grid: &grid)
        }
    }
}

/// ᾱ and friends at a glance: 4 significant digits, scientific below 0.001.
func fixed(_ value: Double) -> String {
    value != 0 && abs(value) < 0.001 ? String(format: "%.2e", value) : String(format: "%.4f", value)
}
