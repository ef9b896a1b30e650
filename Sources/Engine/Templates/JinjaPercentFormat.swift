import Foundation

/// Python's `format % values` on strings: `%s %r %d %i %f %e %g %x %o %c %%` with flags
/// (`-+ 0#`), width and precision, and `%(name)s` taking values from a dict.
enum JinjaPercentFormat {
    static func apply(_ format: MarkedText, _ values: JinjaValue) throws -> MarkedText {
        var positional: [JinjaValue]
        if case let .tuple(items) = values { positional = items } else { positional = [values] }
        let scalars = Array(format.text.unicodeScalars)
        var out = MarkedText(), literalStart = 0, i = 0
        func flushLiteral(to end: Int) {
            out.append(format.slice(literalStart ..< end))
        }
        while i < scalars.count {
            guard scalars[i] == "%" else { i += 1; continue }
            flushLiteral(to: i)
            i += 1
            var key: String?
            if i < scalars.count, scalars[i] == "(" {
                guard let close = scalars[i...].firstIndex(of: ")") else { throw JinjaError.runtime("incomplete format key") }
                key = String(String.UnicodeScalarView(scalars[(i + 1) ..< close]))
                i = close + 1
            }
            var flags = "", width = "", precision: String?
            while i < scalars.count, "-+ 0#".unicodeScalars.contains(scalars[i]) { flags.unicodeScalars.append(scalars[i]); i += 1 }
            while i < scalars.count, ("0" ... "9").contains(scalars[i]) { width.unicodeScalars.append(scalars[i]); i += 1 }
            if i < scalars.count, scalars[i] == "." {
                i += 1
                var digits = ""
                while i < scalars.count, ("0" ... "9").contains(scalars[i]) { digits.unicodeScalars.append(scalars[i]); i += 1 }
                precision = digits
            }
            guard i < scalars.count else { throw JinjaError.runtime("incomplete format") }
            let code = scalars[i]
            i += 1
            literalStart = i
            if code == "%" { out.append("%"); continue }
            let value: JinjaValue
            if let key {
                guard case let .dict(d) = values, let found = d[key] else { throw JinjaError.runtime("format requires a mapping with '\(key)'") }
                value = found
            } else {
                guard !positional.isEmpty else { throw JinjaError.runtime("not enough arguments for format string") }
                value = positional.removeFirst()
            }
            let converted = try convert(value, code, flags: flags, precision: precision)
            let pad = max(0, (Int(width) ?? 0) - converted.count)
            if pad == 0 {
                out.append(converted)
            } else if flags.contains("-") {
                out.append(converted)
                out.append(String(repeating: " ", count: pad))
            } else if flags.contains("0"), code != "s", code != "r" {
                let sign = converted.text.first.map { "+- ".contains($0) } == true ? 1 : 0
                out.append(converted.slice(0 ..< sign))
                out.append(String(repeating: "0", count: pad))
                out.append(converted.slice(sign ..< converted.count))
            } else {
                out.append(String(repeating: " ", count: pad))
                out.append(converted)
            }
        }
        flushLiteral(to: scalars.count)
        if !positional.isEmpty, case .tuple = values { throw JinjaError.runtime("not all arguments converted during string formatting") }
        return out
    }

    private static func convert(_ value: JinjaValue, _ code: Unicode.Scalar, flags: String, precision: String?) throws -> MarkedText {
        let sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
        switch code {
        case "s":
            let text = value.rendered
            return precision.flatMap(Int.init).map { text.slice(0 ..< min($0, text.count)) } ?? text
        case "r": return MarkedText(value.pythonRepr, fromMessage: value.containsMessageText)
        case "d", "i", "u", "x", "X", "o":
            guard let number = value.number else { throw JinjaError.runtime("%\(code) format: a real number is required, not \(value.typeName)") }
            let n = Int(number)
            let digits: String
            switch code {
            case "x": digits = (flags.contains("#") ? "0x" : "") + String(n.magnitude, radix: 16)
            case "X": digits = (flags.contains("#") ? "0X" : "") + String(n.magnitude, radix: 16).uppercased()
            case "o": digits = (flags.contains("#") ? "0o" : "") + String(n.magnitude, radix: 8)
            default: digits = String(n.magnitude)
            }
            return MarkedText((n < 0 ? "-" : sign) + digits)
        case "f", "F", "e", "E", "g", "G":
            guard let number = value.number else { throw JinjaError.runtime("must be real number, not \(value.typeName)") }
            let cFlags = (flags.contains("#") ? "#" : "") + sign
            return MarkedText(String(format: "%\(cFlags).\(precision.flatMap(Int.init) ?? 6)\(Character(code))", number))
        case "c":
            if let n = value.integer, let scalar = Unicode.Scalar(UInt32(clamping: max(0, n))) { return MarkedText(String(Character(scalar))) }
            if case let .string(s) = value, s.count == 1 { return s }
            throw JinjaError.runtime("%c requires an int or a single character")
        default:
            throw JinjaError.runtime("unsupported format character '\(code)'")
        }
    }
}
