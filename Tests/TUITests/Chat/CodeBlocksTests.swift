import Testing
@testable import TUI

@Suite struct CodeBlocksTests {
    @Test func fencesOfBackticksOrTildesWithOrWithoutALanguage() {
        let text = "Try:\n```python\nprint(1)\nprint(2)\n```\nor\n~~~~\necho hi\n~~~~\ndone"
        let blocks = CodeBlocks(text).blocks
        #expect(blocks.map(\.code) == ["print(1)\nprint(2)", "echo hi"])
        // A span covers its fences: "Try:\n" is 5 bytes, the first block 31.
        #expect(blocks[0].span == 5 ..< 36)
        #expect(CodeBlocks(text).block(at: 20)?.code == "print(1)\nprint(2)")
        #expect(CodeBlocks(text).block(at: 0)?.code == "echo hi")      // outside any: the last
        #expect(CodeBlocks(text).block(at: nil)?.code == "echo hi")
    }

    @Test func aShorterOrDifferentFenceDoesNotClose() {
        let text = "````\n```\ninner\n~~~\n````"
        #expect(CodeBlocks(text).blocks.map(\.code) == ["```\ninner\n~~~"])
    }

    @Test func anOpenFenceRunsToTheEnd() {
        #expect(CodeBlocks("Here:\n```swift\nlet x = 1\n").blocks.map(\.code) == ["let x = 1\n"])
        #expect(CodeBlocks("no code here, just `inline`").blocks.isEmpty)
    }
}
