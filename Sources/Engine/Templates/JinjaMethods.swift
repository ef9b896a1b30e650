/// Python methods on strings, dicts and lists that templates call (`content.strip()`,
/// `message.get('tool_calls')`, `text.split('</think>')`). Methods that change a list or dict
/// are refused, as in Hugging Face's immutable sandbox.
extension JinjaInterpreter {
    private static let stringMethods: Set<String> = [
        "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "startswith", "endswith", "upper", "lower", "title",
        "capitalize", "replace", "find", "rfind", "index", "count", "join", "format", "isdigit", "isalpha", "isalnum",
        "isspace", "islower", "isupper", "removeprefix", "removesuffix", "casefold",
    ]
    private static let dictMethods: Set<String> = ["items", "keys", "values", "get", "copy"]
    private static let listMethods: Set<String> = ["index", "count", "copy"]
    private static let mutatingMethods: Set<String> = ["append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear",
                                                       "update", "setdefault", "popitem"]
    /// What a dict or list answers to: its methods, and the mutating ones only to refuse them.
    private static let dictNames = dictMethods.union(mutatingMethods), listNames = listMethods.union(mutatingMethods)

    /// `value.name` as a callable, if the value's type has such a method.
    func boundMethod(_ value: JinjaValue, _ name: String) throws -> JinjaValue? {
        let known: Set<String>
        switch value {
        case .string: known = Self.stringMethods
        case .dict: known = Self.dictNames
        case .list: known = Self.listNames
        default: return nil
        }
        guard known.contains(name) else { return nil }
        return .function(JinjaFunction(name) { [unowned self] args in try callMethod(value, name, args) })
    }

    func callMethod(_ value: JinjaValue, _ name: String, _ args: JinjaArguments) throws -> JinjaValue {
        if Self.mutatingMethods.contains(name) {
            throw JinjaError.runtime("access to attribute '\(name)' of '\(value.typeName)' object is unsafe")
        }
        switch value {
        case let .string(s): return try stringMethod(s, name, args)
        case let .dict(d):
            switch name {
            case "items": return .iterator(d.entries.map { .tuple([$0.key, $0.value]) })
            case "keys": return .iterator(d.keys)
            case "values": return .iterator(d.entries.map(\.value))
            case "get":
                guard let key = args.value(0, "key") else { throw JinjaError.runtime("get expected at least 1 argument") }
                return d[key.pythonString] ?? args.value(1, "default") ?? .none
            default: return value
            }
        case let .list(items):
            switch name {
            case "count": return .int(items.filter { jinjaEqual($0, args.value(0, "x") ?? .none) }.count)
            case "index":
                guard let at = items.firstIndex(where: { jinjaEqual($0, args.value(0, "x") ?? .none) }) else {
                    throw JinjaError.runtime("value is not in list")
                }
                return .int(at)
            default: return value
            }
        default:
            throw JinjaError.runtime("'\(value.typeName)' object has no attribute '\(name)'")
        }
    }

    private func stringMethod(_ s: MarkedText, _ name: String, _ args: JinjaArguments) throws -> JinjaValue {
        let first = args.value(0, name == "split" || name == "rsplit" ? "sep" : "chars")
        func text(_ v: JinjaValue?) -> String? {
            guard let v, !v.isUndefined, !jinjaEqual(v, .none) else { return nil }
            return v.pythonString
        }
        switch name {
        case "strip", "lstrip", "rstrip":
            let chars = text(first).map { Set($0.unicodeScalars) }
            let strip: (Unicode.Scalar) -> Bool = chars.map { set in { set.contains($0) } } ?? MarkedText.isWhitespace
            return .string(s.trimmed(leading: name != "rstrip", trailing: name != "lstrip", where: strip))
        case "split", "rsplit":
            let limit = args.value(1, "maxsplit")?.integer ?? -1
            return .list(try split(s, separator: text(first), maxSplits: limit < 0 ? .max : limit, fromRight: name == "rsplit").map { .string($0) })
        case "splitlines":
            var lines = s.split(separator: "\n")
            if lines.last?.isEmpty == true { lines.removeLast() }
            return .list(lines.map { .string($0) })
        case "startswith", "endswith":
            let candidates: [JinjaValue]
            if case let .tuple(items)? = first { candidates = items } else { candidates = first.map { [$0] } ?? [] }
            return .bool(candidates.contains { c in name == "startswith" ? s.text.hasPrefix(c.pythonString) : s.text.hasSuffix(c.pythonString) })
        case "upper": return .string(s.mapRuns { $0.uppercased() })
        case "lower", "casefold": return .string(s.mapRuns { $0.lowercased() })
        case "capitalize":
            guard !s.isEmpty else { return .string(s) }
            return .string(s.slice(0 ..< 1).mapRuns { $0.uppercased() } + s.slice(1 ..< s.count).mapRuns { $0.lowercased() })
        case "title": return .string(title(s))
        case "replace":
            guard let old = text(args.value(0, "old")), let new = args.value(1, "new")?.rendered else {
                throw JinjaError.runtime("replace expected 2 arguments")
            }
            let count = args.value(2, "count")?.integer ?? -1
            let parts = old.isEmpty ? [s] : s.split(separator: old, maxSplits: count < 0 ? .max : count)
            let joined = MarkedText.joined(parts, separator: new)
            try checkSize(joined.text.utf8.count)
            return .string(joined)
        case "find", "rfind", "index":
            let needle = text(args.value(0, "sub")) ?? ""
            let found = name == "rfind" ? s.occurrences(of: needle).last : s.occurrences(of: needle, limit: 1).first
            if found == nil, name == "index" { throw JinjaError.runtime("substring not found") }
            return .int(found ?? (needle.isEmpty ? 0 : -1))
        case "count": return .int(s.occurrences(of: text(args.value(0, "sub")) ?? "").count)
        case "join":
            let parts = try (args.value(0, "iterable") ?? .list([])).iterated()
            return .string(MarkedText.joined(parts.map(\.rendered), separator: s))
        case "format": return .string(try format(s, args))
        case "removeprefix", "removesuffix":
            let affix = text(first) ?? ""
            if name == "removeprefix", s.text.hasPrefix(affix) { return .string(s.slice(affix.unicodeScalars.count ..< s.count)) }
            if name == "removesuffix", !affix.isEmpty, s.text.hasSuffix(affix) { return .string(s.slice(0 ..< s.count - affix.unicodeScalars.count)) }
            return .string(s)
        default:
            let scalars = s.text.unicodeScalars
            let test: (Unicode.Scalar) -> Bool
            switch name {
            case "isdigit": test = { $0.properties.numericType != nil }
            case "isalpha": test = { $0.properties.isAlphabetic }
            case "isalnum": test = { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            case "isspace": test = MarkedText.isWhitespace
            case "islower": return .bool(s.text == s.text.lowercased() && s.text != s.text.uppercased())
            default: return .bool(s.text == s.text.uppercased() && s.text != s.text.lowercased())
            }
            return .bool(!scalars.isEmpty && scalars.allSatisfy(test))
        }
    }

    /// Python's `split`: by `separator`, or without one at runs of whitespace (empty pieces dropped).
    private func split(_ s: MarkedText, separator: String?, maxSplits: Int, fromRight: Bool) throws -> [MarkedText] {
        if let separator {
            guard !separator.isEmpty else { throw JinjaError.runtime("empty separator") }
            if !fromRight || maxSplits == .max { return s.split(separator: separator, maxSplits: maxSplits) }
            let all = s.split(separator: separator)
            guard all.count - 1 > maxSplits else { return all }
            let keep = all.count - maxSplits
            return [MarkedText.joined(Array(all[..<keep]), separator: MarkedText(separator))] + all[keep...]
        }
        var words: [MarkedText] = [], start: Int?
        for (i, c) in s.text.unicodeScalars.enumerated() {
            if MarkedText.isWhitespace(c) {
                if let from = start { words.append(s.slice(from ..< i)); start = nil }
            } else if start == nil {
                start = i
            }
        }
        if let from = start { words.append(s.slice(from ..< s.count)) }
        return words
    }

    /// Python's `title`: each run of letters starts upper case, the rest lower.
    private func title(_ s: MarkedText) -> MarkedText {
        var out = MarkedText(), afterLetter = false
        for i in 0 ..< s.count {
            let c = s.slice(i ..< i + 1)
            let isLetter = c.text.unicodeScalars.first?.properties.isAlphabetic ?? false
            out.append(c.mapRuns { afterLetter ? $0.lowercased() : $0.uppercased() })
            afterLetter = isLetter
        }
        return out
    }

    /// `'{} and {name}'.format(a, name=b)`: replacement fields by position or name, `{{`/`}}` escapes.
    private func format(_ s: MarkedText, _ args: JinjaArguments) throws -> MarkedText {
        var out = MarkedText(), next = 0, literalStart = 0
        let scalars = Array(s.text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if (c == "{" || c == "}"), i + 1 < scalars.count, scalars[i + 1] == c {
                out.append(s.slice(literalStart ..< i + 1))
                i += 2
                literalStart = i
                continue
            }
            guard c == "{" else { i += 1; continue }
            guard let close = scalars[i...].firstIndex(of: "}") else { throw JinjaError.runtime("single '{' encountered in format string") }
            out.append(s.slice(literalStart ..< i))
            let field = String(String.UnicodeScalarView(scalars[i + 1 ..< close])).split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            let value: JinjaValue?
            if field.isEmpty {
                value = next < args.positional.count ? args.positional[next] : nil
                next += 1
            } else if let index = Int(field) {
                value = index < args.positional.count ? args.positional[index] : nil
            } else {
                value = args.named.first { $0.name == field }?.value
            }
            guard let value else { throw JinjaError.runtime("format: no argument for field '{\(field)}'") }
            out.append(value.rendered)
            i = close + 1
            literalStart = i
        }
        out.append(s.slice(literalStart ..< scalars.count))
        return out
    }
}
