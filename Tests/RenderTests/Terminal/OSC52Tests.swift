import Render
import Testing

@Suite struct OSC52Tests {
    @Test func theTextGoesBase64EncodedInOneSequence() {
        #expect(OSC52.sequence(copying: "hi") == "\u{1B}]52;c;aGk=\u{07}")
        // Controls in the text cannot end the sequence early: base64 has none.
        #expect(OSC52.sequence(copying: "a\u{07}\u{1B}\\é") == "\u{1B}]52;c;YQcbXMOp\u{07}")
    }

    @Test func tooLongToSendIsNil() {
        #expect(OSC52.sequence(copying: String(repeating: "x", count: OSC52.maximumBytes)) != nil)
        #expect(OSC52.sequence(copying: String(repeating: "x", count: OSC52.maximumBytes + 1)) == nil)
    }
}
