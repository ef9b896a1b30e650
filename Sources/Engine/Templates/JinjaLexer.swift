/// One token of a template: literal text between tags, a tag's delimiters, or a word inside one.
struct JinjaToken: Sendable {
    enum Kind: Equatable, Sendable {
        case data(String)
        case blockBegin, blockEnd, variableBegin, variableEnd
        case name(String), string(String), integer(Int), float(Double), op(String)
        case end
    }

    var kind: Kind
    var position: SourcePosition
}

/// Splits a template into tokens as jinja2's lexer does with Hugging Face's settings:
/// `trim_blocks` (the first newline after a block or comment tag goes), `lstrip_blocks` (spaces
/// and tabs from the start of a line up to a block or comment tag go), `-` and `+` whitespace
/// control on any tag, `{% raw %}`, and the template's last newline dropped.
struct JinjaLexer {
    private let source: [Unicode.Scalar]
    private let lineStarts: [Int]
    private var offset = 0
    /// Whether the last tag ended a line (or nothing came yet): `lstrip_blocks` then also strips
    /// text that has no newline of its own.
    private var lineStarting = true
    private(set) var tokens: [JinjaToken] = []

    static func tokenize(_ text: String) throws -> [JinjaToken] {
        var lexer = JinjaLexer(text)
        try lexer.run()
        return lexer.tokens
    }

    private init(_ text: String) {
        // Line breaks become "\n" and one trailing newline is dropped (keep_trailing_newline off).
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let scalars = Array(lines.joined(separator: "\n").unicodeScalars)
        source = scalars
        lineStarts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
    }

    private func position(_ at: Int) -> SourcePosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= at { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: at - lineStarts[low] + 1)
    }

    private func failure(_ message: String, at: Int) -> JinjaError {
        let p = position(at)
        return .syntax(message, line: p.line, column: p.column)
    }

    private func scalar(_ at: Int) -> Unicode.Scalar? { at < source.count ? source[at] : nil }

    private func matches(_ text: String, at: Int) -> Bool {
        var i = at
        for c in text.unicodeScalars {
            guard scalar(i) == c else { return false }
            i += 1
        }
        return true
    }

    private func skipWhitespace(from: Int) -> Int {
        var i = from
        while let c = scalar(i), MarkedText.isWhitespace(c) { i += 1 }
        return i
    }

    private mutating func emit(_ kind: JinjaToken.Kind, at: Int) {
        tokens.append(JinjaToken(kind: kind, position: position(at)))
    }

    private mutating func run() throws {
        while offset < source.count {
            guard let tag = nextTagStart(from: offset) else {
                emitData(offset ..< source.count, at: offset)
                break
            }
            let kind = source[tag + 1]
            let sign = scalar(tag + 2).flatMap { $0 == "-" || $0 == "+" ? $0 : nil }
            let rawEnd = kind == "%" ? rawTagEnd(from: tag + 2 + (sign == nil ? 0 : 1)) : nil
            emitData(stripped(offset ..< tag, sign: sign, lstrips: kind != "{"), at: offset)
            offset = tag + 2 + (sign == nil ? 0 : 1)
            if let rawEnd {
                try readRaw(from: rawEnd)
            } else if kind == "#" {
                try skipComment(start: tag)
            } else {
                try readTag(variable: kind == "{", start: tag)
            }
        }
        emit(.end, at: source.count)
    }

    private func nextTagStart(from: Int) -> Int? {
        var i = from
        while i + 1 < source.count {
            if source[i] == "{", ["{", "%", "#"].contains(source[i + 1]) { return i }
            i += 1
        }
        return nil
    }

    /// The text before a tag after its whitespace control.
    private func stripped(_ range: Range<Int>, sign: Unicode.Scalar?, lstrips: Bool) -> Range<Int> {
        var range = range
        if sign == "-" {
            while let last = range.last, MarkedText.isWhitespace(source[last]) { range = range.dropLast() }
        } else if sign != "+", lstrips {
            let lineStart = (range.lastIndex { source[$0] == "\n" }).map { $0 + 1 } ?? range.lowerBound
            let tail = lineStart ..< range.upperBound
            if lineStart > range.lowerBound || lineStarting, !tail.isEmpty, tail.allSatisfy({ MarkedText.isWhitespace(source[$0]) }) {
                range = range.lowerBound ..< lineStart
            }
        }
        return range
    }

    private mutating func emitData(_ range: Range<Int>, at: Int) {
        guard !range.isEmpty else { return }
        emit(.data(String(String.UnicodeScalarView(source[range]))), at: at)
    }

    /// Where a tag's end delimiter's match ends: `-%}` eats the whitespace after it, `+%}`
    /// nothing, a plain `%}` (or `#}`) one newline.
    private func tagEnd(at: Int, close: String, trims: Bool) -> Int? {
        let end = close.unicodeScalars.count
        if matches("-" + close, at: at) { return skipWhitespace(from: at + 1 + end) }
        if matches("+" + close, at: at) { return at + 1 + end }
        if matches(close, at: at) { return trims && scalar(at + end) == "\n" ? at + end + 1 : at + end }
        return nil
    }

    private mutating func finishTag(at end: Int) {
        lineStarting = end > 0 && source[end - 1] == "\n"
        offset = end
    }

    private mutating func skipComment(start: Int) throws {
        var i = offset
        while i < source.count {
            if let end = tagEnd(at: i, close: "#}", trims: true) { return finishTag(at: end) }
            i += 1
        }
        throw failure("missing end of comment tag", at: start)
    }

    /// After `{%` (and its sign): the offset past `raw %}` if the tag is `{% raw %}`.
    private func rawTagEnd(from: Int) -> Int? {
        let word = skipWhitespace(from: from)
        guard matches("raw", at: word) else { return nil }
        return tagEnd(at: skipWhitespace(from: word + 3), close: "%}", trims: true)
    }

    private mutating func readRaw(from start: Int) throws {
        finishTag(at: start)
        var i = start
        while i < source.count {
            if matches("{%", at: i) {
                let sign = scalar(i + 2).flatMap { $0 == "-" || $0 == "+" ? $0 : nil }
                let word = skipWhitespace(from: i + 2 + (sign == nil ? 0 : 1))
                if matches("endraw", at: word), let end = tagEnd(at: skipWhitespace(from: word + 6), close: "%}", trims: true) {
                    emitData(stripped(start ..< i, sign: sign, lstrips: true), at: start)
                    return finishTag(at: end)
                }
            }
            i += 1
        }
        throw failure("missing end of raw directive", at: start)
    }

    private mutating func readTag(variable: Bool, start: Int) throws {
        emit(variable ? .variableBegin : .blockBegin, at: start)
        var brackets: [Unicode.Scalar] = []
        while true {
            let i = skipWhitespace(from: offset)
            guard let c = scalar(i) else { throw failure("unexpected end of template inside a tag", at: start) }
            if brackets.isEmpty, let end = tagEnd(at: i, close: variable ? "}}" : "%}", trims: !variable) {
                emit(variable ? .variableEnd : .blockEnd, at: i)
                return finishTag(at: end)
            }
            offset = i
            if c.properties.isXIDStart || c == "_" {
                var j = i + 1
                while let d = scalar(j), d.properties.isXIDContinue { j += 1 }
                emit(.name(String(String.UnicodeScalarView(source[i ..< j]))), at: i)
                offset = j
            } else if ("0" ... "9").contains(c) {
                try readNumber(at: i)
            } else if c == "'" || c == "\"" {
                try readString(at: i, quote: c)
            } else {
                let op = ["//", "**", "==", "!=", ">=", "<="].first { matches($0, at: i) }
                    ?? (("+-/*%~[](){}><=.:|,;".unicodeScalars.contains(c)) ? String(c) : nil)
                guard let op else { throw failure("unexpected character '\(c)'", at: i) }
                if let close = ["(": ")", "[": "]", "{": "}"][op] {
                    brackets.append(close.unicodeScalars.first!)
                } else if [")", "]", "}"].contains(op) {
                    guard let expected = brackets.popLast() else { throw failure("unexpected '\(op)'", at: i) }
                    guard String(expected) == op else { throw failure("unexpected '\(op)', expected '\(expected)'", at: i) }
                }
                emit(.op(op), at: i)
                offset = i + op.unicodeScalars.count
            }
        }
    }

    /// Integers and floats as Python writes them (`1_000`, `2.5`, `1e-3`).
    private mutating func readNumber(at start: Int) throws {
        func digits(_ from: Int) -> Int {
            var j = from
            while let d = scalar(j), ("0" ... "9").contains(d) || (d == "_" && scalar(j + 1).map { ("0" ... "9").contains($0) } == true) { j += 1 }
            return j
        }
        var end = digits(start), isFloat = false
        if scalar(end) == ".", let d = scalar(end + 1), ("0" ... "9").contains(d) {
            end = digits(end + 1)
            isFloat = true
        }
        if scalar(end) == "e" || scalar(end) == "E" {
            var j = end + 1
            if scalar(j) == "+" || scalar(j) == "-" { j += 1 }
            if let d = scalar(j), ("0" ... "9").contains(d) {
                end = digits(j)
                isFloat = true
            }
        }
        let text = String(String.UnicodeScalarView(source[start ..< end])).replacingOccurrences(of: "_", with: "")
        if isFloat, let value = Double(text) {
            emit(.float(value), at: start)
        } else if let value = Int(text) {
            emit(.integer(value), at: start)
        } else {
            throw failure("number out of range: \(text)", at: start)
        }
        offset = end
    }

    /// A quoted string with Python's escapes (`\n`, `\t`, `\\`, `\'`, `\xhh`, `\uhhhh`, ...);
    /// an unknown escape keeps its backslash.
    private mutating func readString(at start: Int, quote: Unicode.Scalar) throws {
        var out = String.UnicodeScalarView(), i = start + 1
        while true {
            guard let c = scalar(i) else { throw failure("unterminated string", at: start) }
            if c == quote { break }
            if c == "\\", let e = scalar(i + 1) {
                let simple: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", "\"": "\"",
                                                               "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "v": "\u{0B}", "0": "\0", "\n": "\n"]
                let width = ["x": 2, "u": 4, "U": 8][Character(e)]
                if let width, let hex = hexScalar(from: i + 2, width: width) {
                    out.append(hex)
                    i += 2 + width
                } else if e == "\n" {
                    i += 2 // a backslash before a line break joins the lines
                } else if let mapped = simple[e] {
                    out.append(mapped)
                    i += 2
                } else {
                    out.append(c)
                    i += 1
                }
                continue
            }
            out.append(c)
            i += 1
        }
        emit(.string(String(out)), at: start)
        offset = i + 1
    }

    private func hexScalar(from: Int, width: Int) -> Unicode.Scalar? {
        guard from + width <= source.count else { return nil }
        let digits = String(String.UnicodeScalarView(source[from ..< from + width]))
        return UInt32(digits, radix: 16).flatMap(Unicode.Scalar.init)
    }
}
