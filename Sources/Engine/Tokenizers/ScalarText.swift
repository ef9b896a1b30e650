/// A stretch of valid UTF-8 decoded once for the pre-tokenizer: its scalars, their classes and
/// where each scalar starts in the bytes, so that pieces found in scalar positions map back to
/// byte ranges for BPE.
struct ScalarText {
    let scalars: [UInt32]
    let classes: [ScalarClass]
    /// `byteOffsets[i]` is where scalar `i` starts; one extra entry holds the end.
    let byteOffsets: [Int]

    var count: Int { scalars.count }

    /// Decodes `bytes[range]`, which must be valid UTF-8 (it comes from a Swift string).
    init(utf8 bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var scalars: [UInt32] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(range.count)
        offsets.reserveCapacity(range.count + 1)
        var i = range.lowerBound
        while i < range.upperBound {
            offsets.append(i)
            let lead = UInt32(bytes[i])
            let length = UTF8Sequence.length(leadByte: bytes[i])
            var value = length == 1 ? lead : lead & (0x7F >> length)
            for k in 1 ..< length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            scalars.append(value)
            i += length
        }
        offsets.append(range.upperBound)
        self.scalars = scalars
        self.byteOffsets = offsets
        self.classes = ScalarClass.of(scalars)
    }

    /// The class at `position`, or no class at all outside `bounds` (the splitters look one or
    /// two scalars ahead and must not see past the piece they work on).
    @inline(__always)
    func classAt(_ position: Int, in bounds: Range<Int>) -> ScalarClass {
        bounds.contains(position) ? classes[position] : []
    }

    @inline(__always)
    func scalarAt(_ position: Int, in bounds: Range<Int>) -> UInt32? {
        bounds.contains(position) ? scalars[position] : nil
    }

    func byteRange(of piece: Range<Int>) -> Range<Int> {
        byteOffsets[piece.lowerBound] ..< byteOffsets[piece.upperBound]
    }
}

/// Facts about UTF-8 sequences shared by the decoder above and the streaming detokenizer.
enum UTF8Sequence {
    /// The sequence length announced by a lead byte (1 for ASCII and for stray continuation or
    /// invalid bytes, which then stand alone).
    @inline(__always)
    static func length(leadByte b: UInt8) -> Int {
        switch b {
        case 0xC2 ... 0xDF: return 2
        case 0xE0 ... 0xEF: return 3
        case 0xF0 ... 0xF4: return 4
        default: return 1
        }
    }

    /// The allowed range of the byte after `lead` (the first continuation byte is narrower for
    /// a few leads: no overlong forms, no surrogates, nothing past U+10FFFF).
    static func secondByteRange(after lead: UInt8) -> ClosedRange<UInt8> {
        switch lead {
        case 0xE0: return 0xA0 ... 0xBF
        case 0xED: return 0x80 ... 0x9F
        case 0xF0: return 0x90 ... 0xBF
        case 0xF4: return 0x80 ... 0x8F
        default: return 0x80 ... 0xBF
        }
    }
}
