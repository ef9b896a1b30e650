import Testing
@testable import Render

@Suite struct CellTests {
    @Test func blockElementsAreTheBlockRange() {
        #expect(["▀", "▌", "█", "░", "▓", "▟"].allSatisfy { Cell($0).isBlockElement })
        #expect(!["a", "", " ", "⣿", "─"].contains { Cell($0).isBlockElement })
    }
}
