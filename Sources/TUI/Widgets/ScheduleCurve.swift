import Engine
import Render

/// The noise schedule as a braille plot: ᾱ_t from 1 (clean) down to 0 (noise) over
/// t = 0 … T − 1, the run's timesteps as ticks along the bottom, and the step shown marked by a
/// vertical line.
struct ScheduleCurve {
    let schedule: NoiseSchedule
    let timesteps: [Int]
    let marked: Int?

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard area.width >= 8, area.height >= 3 else { return }
        let (title, rest) = area.splitTop(1)
        let (plot, axis) = rest.splitBottom(1)
        let last = Double(max(1, schedule.count - 1))
        grid.clipped(to: title) { grid in
            grid.write("ᾱ_t over t", x: title.x, y: title.y, style: theme[.muted])
        }
        var canvas = BrailleCanvas(width: plot.width, height: plot.height, xRange: 0 ... last, yRange: 0 ... 1)
        let colored = !theme.isMonochrome
        let stride = max(1, schedule.count / (plot.width * 2))
        canvas.polyline(Swift.stride(from: 0, to: schedule.count, by: stride).map { (Double($0), schedule.alphaBar($0)) },
                        color: colored ? RGB(0xB0, 0xB0, 0xB0) : nil)
        for t in timesteps { canvas.plot(x: Double(t), y: 0, color: colored ? RGB(0x70, 0x70, 0x70) : nil) }
        if let marked {
            canvas.line(x0: Double(marked), y0: 0, x1: Double(marked), y1: 1, color: colored ? RGB(0xFF, 0xAF, 0x00) : nil)
        }
        canvas.draw(into: &grid, at: Point(x: plot.x, y: plot.y), style: theme[.text])
        grid.clipped(to: axis) { grid in
            let end = "\(schedule.count - 1)"
            grid.write("0", x: axis.x, y: axis.y, style: theme[.muted])
            grid.write(end, x: axis.maxX - DisplayWidth.of(end), y: axis.y, style: theme[.muted])
            if let marked {
                let label = "t \(marked)"
                let x = axis.x + Int(Double(marked) / last * Double(axis.width - 1)) - DisplayWidth.of(label) / 2
                grid.write(label, x: min(max(axis.x + 2, x), axis.maxX - DisplayWidth.of(label) - 4), y: axis.y, style: theme[.accent])
            }
        }
    }
}
