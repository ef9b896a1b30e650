import Foundation
import Testing
@testable import Engine

/// The scalar classes against llama.cpp's own table (`src/unicode-data.cpp`, generated from
/// Unicode 15.1), read from the anchor's source tree when it is there.
@Suite struct TokenizerScalarClassTests {
    @Test func spotChecks() {
        #expect(ScalarClass.of(0x41) == .letter && ScalarClass.of(0x4E2D) == .letter)  // A 中
        #expect(ScalarClass.of(0x0663) == .number && ScalarClass.of(0x2167) == .number)  // ٣ Ⅷ
        #expect(ScalarClass.of(0x20) == [.separator, .whitespace] && ScalarClass.of(0x0A) == [.control, .whitespace])
        #expect(ScalarClass.of(0x0301) == .mark && ScalarClass.of(0x2C) == .punctuation && ScalarClass.of(0x24) == .symbol)
        #expect(ScalarClass.of(0x1F600) == .symbol && ScalarClass.of(0xE000) == .control)
        #expect(ScalarClass.of(0x1C89) == .undefined, "assigned in Unicode 16, after llama.cpp's table")
        #expect(ScalarClass.of(0x2EBF0) == .letter, "assigned in Unicode 15.1")
        #expect(ScalarClass.of(0x110000) == .undefined)
    }

    @Test(.enabled(if: TokenizerTestSupport.llamaCppSource != nil, TokenizerTestSupport.llamaCppMissing))
    func everyCodePointMatchesLlamaCppsTable() throws {
        let source = try String(contentsOfFile: TokenizerTestSupport.llamaCppSource! + "/src/unicode-data.cpp",
                                encoding: .utf8)
        let ranges = Self.hexPairs(in: Self.section(of: source, named: "unicode_ranges_flags"))
        let whitespace = Set(Self.section(of: source, named: "unicode_set_whitespace")
            .split(whereSeparator: { !$0.isHexDigit && $0 != "x" }).filter { $0.hasPrefix("0x") }
            .compactMap { UInt32($0.dropFirst(2), radix: 16) })
        #expect(ranges.count > 1000 && whitespace.count == 25)
        let classes = ScalarClass.of(Array(0 ..< 0x110000))
        var mismatches: [String] = []
        for (range, next) in zip(ranges, ranges.dropFirst()) {
            for cpt in range.start ..< next.start {
                // llama.cpp's flags use the same bit for each category as ScalarClass.
                let expected = ScalarClass(rawValue: UInt16(range.flags)).union(whitespace.contains(cpt) ? .whitespace : [])
                if classes[Int(cpt)] != expected, mismatches.count < 20 {
                    mismatches.append("U+\(String(cpt, radix: 16)): \(classes[Int(cpt)].rawValue) vs \(expected.rawValue)")
                }
            }
        }
        #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
    }

    /// The text between `name ... = {` and the next `};`.
    static func section(of source: String, named name: String) -> Substring {
        guard let start = source.range(of: name), let open = source[start.upperBound...].range(of: "{"),
              let close = source[open.upperBound...].range(of: "};") else { return "" }
        return source[open.upperBound ..< close.lowerBound]
    }

    /// `{0x000041, 0x0004},` entries.
    static func hexPairs(in text: Substring) -> [(start: UInt32, flags: UInt32)] {
        text.split(separator: "\n").compactMap { line in
            let numbers = line.split(whereSeparator: { !$0.isHexDigit && $0 != "x" }).filter { $0.hasPrefix("0x") }
                .compactMap { UInt32($0.dropFirst(2), radix: 16) }
            return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
        }
    }
}
