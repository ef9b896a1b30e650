import Foundation

/// JSON in and out of templates: conversations read with their key order kept (Python's dicts
/// keep it, and templates print tool schemas in it), and `tojson` written byte for byte as
/// Hugging Face's filter writes it with Python's `json.dumps`.
public enum JinjaJSON {
    /// The value of a JSON text; its strings are marked as conversation text when `fromMessage`.
    public static func parse(_ text: String, fromMessage: Bool = true) throws -> JinjaValue {
        var parser = Parser(scalars: Array(text.unicodeScalars), marked: fromMessage)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.at >= parser.scalars.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    /// `json.dumps(value, ensure_ascii=, indent=, separators=, sort_keys=)` with HF's defaults
    /// (`ensure_ascii=False`).
    static func dump(_ value: JinjaValue, _ args: JinjaArguments) throws -> String {
        var style = Style()
        style.ensureASCII = args.value(0, "ensure_ascii")?.isTruthy ?? false
        switch args.value(1, "indent") {
        case let .int(n)?: style.indent = String(repeating: " ", count: max(0, n))
        case let .string(s)?: style.indent = s.text
        default: break
        }
        if case let .list(pair)? = args.value(2, "separators"), pair.count == 2 {
            (style.item, style.key) = (pair[0].pythonString, pair[1].pythonString)
        } else if case let .tuple(pair)? = args.value(2, "separators"), pair.count == 2 {
            (style.item, style.key) = (pair[0].pythonString, pair[1].pythonString)
        } else {
            style.item = style.indent == nil ? ", " : ","
        }
        style.sortKeys = args.value(3, "sort_keys")?.isTruthy ?? false
        var out = ""
        try write(value, style, level: 0, into: &out)
        return out
    }

    struct Style {
        var ensureASCII = false
        var indent: String?
        var item = ", "
        var key = ": "
        var sortKeys = false
    }

    private static func write(_ value: JinjaValue, _ style: Style, level: Int, into out: inout String) throws {
        func open(_ bracket: String, _ items: [(String?, JinjaValue)], close: String) throws {
            guard !items.isEmpty else { return out += bracket + close }
            out += bracket
            let newline = style.indent.map { "\n" + String(repeating: $0, count: level + 1) }
            for (i, (key, item)) in items.enumerated() {
                if i > 0 { out += style.item }
                if let newline { out += newline }
                if let key { out += quoted(key, ascii: style.ensureASCII) + style.key }
                try write(item, style, level: level + 1, into: &out)
            }
            if let indent = style.indent { out += "\n" + String(repeating: indent, count: level) }
            out += close
        }
        switch value {
        case .none: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .float(f): out += f.isNaN ? "NaN" : f.isInfinite ? (f < 0 ? "-Infinity" : "Infinity") : JinjaValue.pythonFloat(f)
        case let .string(s): out += quoted(s.text, ascii: style.ensureASCII)
        case let .list(items), let .tuple(items): try open("[", items.map { (nil, $0) }, close: "]")
        case let .dict(d):
            var entries = try d.entries.map { (key: try jsonKey($0.key), value: $0.value) }
            if style.sortKeys { entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } }
            try open("{", entries.map { ($0.key, $0.value) }, close: "}")
        default: throw JinjaError.runtime("Object of type \(value.typeName) is not JSON serializable")
        }
    }

    /// What Python's `json.dumps` makes of a dict key.
    private static func jsonKey(_ key: JinjaValue) throws -> String {
        switch key {
        case let .string(s): return s.text
        case .none: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .float(f): return JinjaValue.pythonFloat(f)
        default: throw JinjaError.runtime("keys must be str, int, float, bool or None, not \(key.typeName)")
        }
    }

    /// A JSON string as Python writes it: `\"`, `\\`, `\n`-style escapes and `\u00XX` for the
    /// other control characters; with `ascii` every non-ASCII character as `\uXXXX` (pairs
    /// above U+FFFF).
    static func quoted(_ s: String, ascii: Bool) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if c.value < 0x20 || (ascii && c.value > 0x7E) {
                    for unit in String(c).utf16 { out += String(format: "\\u%04x", unit) }
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let marked: Bool
        var at = 0

        func failure(_ message: String) -> JinjaError {
            let before = scalars[..<min(at, scalars.count)]
            let line = before.filter { $0 == "\n" }.count + 1
            let column = at - (before.lastIndex(of: "\n").map { $0 + 1 } ?? 0) + 1
            return .syntax(message, line: line, column: column)
        }

        mutating func skipSpace() {
            while at < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[at]) { at += 1 }
        }

        mutating func value(depth: Int) throws -> JinjaValue {
            guard depth < 512 else { throw failure("nested too deeply") }
            guard at < scalars.count else { throw failure("unexpected end of JSON") }
            switch scalars[at] {
            case "{":
                at += 1
                var dict = JinjaDict()
                skipSpace()
                if take("}") { return .dict(dict) }
                repeat {
                    skipSpace()
                    guard at < scalars.count, scalars[at] == "\"" else { throw failure("expected a string key") }
                    let key = try string()
                    skipSpace()
                    guard take(":") else { throw failure("expected ':'") }
                    skipSpace()
                    dict.set(MarkedText(key, fromMessage: marked), try value(depth: depth + 1))
                    skipSpace()
                } while take(",")
                guard take("}") else { throw failure("expected ',' or '}'") }
                return .dict(dict)
            case "[":
                at += 1
                var items: [JinjaValue] = []
                skipSpace()
                if take("]") { return .list(items) }
                repeat {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                } while take(",")
                guard take("]") else { throw failure("expected ',' or ']'") }
                return .list(items)
            case "\"": return .string(MarkedText(try string(), fromMessage: marked))
            default:
                for (word, value) in [("true", JinjaValue.bool(true)), ("false", .bool(false)), ("null", .none)] where take(word) {
                    return value
                }
                return try number()
            }
        }

        mutating func take(_ word: String) -> Bool {
            let w = Array(word.unicodeScalars)
            guard at + w.count <= scalars.count, Array(scalars[at ..< at + w.count]) == w else { return false }
            at += w.count
            return true
        }

        mutating func number() throws -> JinjaValue {
            let start = at
            while at < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[at]) { at += 1 }
            let text = String(String.UnicodeScalarView(scalars[start ..< at]))
            if !text.contains(where: { ".eE".contains($0) }), let i = Int(text) { return .int(i) }
            guard !text.isEmpty, let f = Double(text) else { at = start; throw failure("unexpected character") }
            return .float(f)
        }

        mutating func string() throws -> String {
            at += 1
            var out = String.UnicodeScalarView()
            while true {
                guard at < scalars.count else { throw failure("unterminated string") }
                let c = scalars[at]
                at += 1
                if c == "\"" { return String(out) }
                guard c == "\\" else {
                    guard c.value >= 0x20 else { throw failure("control character in a string") }
                    out.append(c)
                    continue
                }
                guard at < scalars.count else { throw failure("unterminated string") }
                let e = scalars[at]
                at += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "/", "\\", "\"": out.append(e)
                case "u":
                    var unit = try hex4()
                    if (0xD800 ..< 0xDC00).contains(unit), take("\\u") {
                        let low = try hex4()
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                default: throw failure("bad escape '\\\(e)'")
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= scalars.count, let v = UInt32(String(String.UnicodeScalarView(scalars[at ..< at + 4])), radix: 16) else {
                throw failure("bad \\u escape")
            }
            at += 4
            return v
        }
    }
}
