import Foundation
import Render
import Testing
@testable import TUI

/// Not a test: times building a 200×60 frame and diffing it against the previous one while a
/// reply streams into a long chat. Runs only with GENPLAY_BENCH=1 and prints the figures:
///
///     GENPLAY_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter frameBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["GENPLAY_BENCH"] != nil))
func frameBenchmark() {
    var model = makeModel(width: 200, height: 60)
    model.theme = ThemeLibrary.builtin("default-dark")
    let words = "the quick brown fox jumps over the lazy dog and keeps running through the field".split(separator: " ")
    for turn in 0..<40 {
        model.exchange("question \(turn) " + words.shuffled().joined(separator: " "),
                       reply: (0..<120).map { " " + words[$0 % words.count] })
    }
    model.type("next")
    model.press(Key(.enter))
    model.press(.alt("h"))   // heatmap: a style per token

    var previous = view(model)
    let frames = 300
    var changed = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for index in 0..<frames {
        model.receive(.token(token(" " + words[index % words.count], id: Int32(index))), at: testNow + Double(index) / 50)
        let grid = view(model)
        grid.forEachChange(since: previous) { _, _, _ in changed += 1 }
        previous = grid
    }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(frames)
    print("frame build + diff at 200×60: \(String(format: "%.2f", milliseconds)) ms per frame (target ≤ 5 ms), \(changed / frames) cells changed per frame")
}
