import Foundation

/// jinja2's built-in filters that chat templates use, with Hugging Face's `tojson`.
extension JinjaInterpreter {
    func applyFilter(_ name: String, to value: JinjaValue, _ arguments: CallArguments) throws -> JinjaValue {
        try applyFilter(name, to: value, try evaluate(arguments))
    }

    func applyFilter(_ name: String, to value: JinjaValue, _ args: JinjaArguments) throws -> JinjaValue {
        try tick()
        switch name {
        case "default", "d":
            let fallback = args.value(0, "default_value") ?? .string("")
            let boolean = args.value(1, "boolean")?.isTruthy ?? false
            return value.isUndefined || (boolean && !value.isTruthy) ? fallback : value
        case "length", "count":
            switch value {
            case let .string(s): return .int(s.count)
            case let .dict(d): return .int(d.count)
            case .iterator: throw JinjaError.runtime("object of type 'generator' has no len()")
            default: return .int(try value.iterated().count)
            }
        case "string": return .string(value.rendered)
        case "safe":
            var markup = value.rendered
            markup.isMarkup = true
            return .string(markup)
        case "escape", "e": return .string(value.rendered.escaped)
        case "forceescape":
            var plain = value.rendered
            plain.isMarkup = false
            return .string(plain.escaped)
        case "trim":
            let chars = args.value(0, "chars").map { Set($0.pythonString.unicodeScalars) }
            return .string(value.rendered.trimmed(where: chars.map { set in { set.contains($0) } } ?? MarkedText.isWhitespace))
        case "upper": return .string(value.rendered.mapRuns { $0.uppercased() })
        case "lower": return .string(value.rendered.mapRuns { $0.lowercased() })
        case "capitalize": return try callMethod(.string(value.rendered), "capitalize", JinjaArguments())
        case "title": return try callMethod(.string(value.rendered), "title", JinjaArguments())
        case "replace":
            var call = args
            call.named = call.named.filter { $0.name != "count" }
            if let count = args.value(2, "count") { call.positional = Array(call.positional.prefix(2)) + [count] }
            return try callMethod(.string(value.rendered), "replace", call)
        case "indent": return .string(try indent(value.rendered, args))
        case "join": return .string(try join(value, args))
        case "first":
            if case let .string(s) = value { return s.isEmpty ? .undefined("first") : .string(s.slice(0 ..< 1)) }
            return try value.iterated().first ?? .undefined("first")
        case "last":
            if case let .string(s) = value { return s.isEmpty ? .undefined("last") : .string(s.slice(s.count - 1 ..< s.count)) }
            if case .iterator = value { throw JinjaError.runtime("'generator' object is not reversible") }
            return try value.iterated().last ?? .undefined("last")
        case "list": return .list(try value.iterated())
        case "reverse":
            if case let .string(s) = value { return try slice(.string(s), start: nil, stop: nil, step: .int(-1)) }
            return .iterator(try value.iterated().reversed())
        case "unique":
            var seen: [JinjaValue] = []
            for item in try value.iterated() where !seen.contains(where: { jinjaEqual($0, item) }) { seen.append(item) }
            return .iterator(seen)
        case "items":
            guard case let .dict(d) = value else { return value.isUndefined ? .iterator([]) : try callMethod(value, "items", args) }
            return .iterator(d.entries.map { .tuple([$0.key, $0.value]) })
        case "dictsort":
            guard case let .dict(d) = value else { throw JinjaError.runtime("dictsort expects a mapping") }
            // dictsort(case_sensitive=False, by='key', reverse=False)
            let caseSensitive = args.value(0, "case_sensitive")?.isTruthy ?? false
            let byValue = args.value(1, "by")?.pythonString == "value"
            let pairs = d.entries.map { JinjaValue.tuple([$0.key, $0.value]) }
            return .list(try sorted(pairs, reverse: args.value(2, "reverse")?.isTruthy ?? false) { pair in
                guard case let .tuple(kv) = pair else { return pair }
                return Self.caseFolded(kv[byValue ? 1 : 0], unless: caseSensitive)
            })
        case "sort": return .list(try sort(try value.iterated(), args))
        // jinja2's map and select* pass over a false value (none, an empty list) as empty.
        case "map": return .iterator(value.isTruthy ? try map(try value.iterated(), args) : [])
        case "select", "reject", "selectattr", "rejectattr":
            return .iterator(try select(value.isTruthy ? try value.iterated() : [], args, byAttribute: name.hasSuffix("attr"), keep: name.hasPrefix("select")))
        case "attr": return try member(of: value, args.value(0, "name")?.pythonString ?? "")
        case "int":
            switch value {
            case let .string(s): return .int(Int(s.text.trimmingCharacters(in: .whitespaces)) ?? Double(s.text).map { Int($0) } ?? args.value(0, "default")?.integer ?? 0)
            case let .float(f): return .int(Int(f))
            default: return .int(value.integer ?? args.value(0, "default")?.integer ?? 0)
            }
        case "float":
            if case let .string(s) = value { return .float(Double(s.text.trimmingCharacters(in: .whitespaces)) ?? 0) }
            return .float(value.number ?? 0)
        case "abs":
            if case let .int(i) = value { return .int(abs(i)) }
            return .float(abs(value.number ?? 0))
        case "round":
            let digits = args.value(0, "precision")?.integer ?? 0, scale = pow(10, Double(digits))
            let method = args.value(1, "method")?.pythonString ?? "common"
            let x = (value.number ?? 0) * scale
            let rounded = method == "ceil" ? x.rounded(.up) : method == "floor" ? x.rounded(.down) : x.rounded(.toNearestOrAwayFromZero)
            return .float(rounded / scale)
        case "sum":
            var total = args.value(1, "start") ?? .int(0)
            for item in try value.iterated() { total = try binary(.add, total, args.value(0, "attribute").map { try member(of: item, $0.pythonString) } ?? item) }
            return total
        case "min", "max":
            let items = try value.iterated()
            guard var best = items.first else { return .undefined(name) }
            for item in items.dropFirst() where try compare(item, best) * (name == "min" ? -1 : 1) > 0 { best = item }
            return best
        case "wordcount": return .int(value.pythonString.split { $0.isWhitespace }.count)
        case "format": // "%s and %s" | format(a, b)
            return .string(try JinjaPercentFormat.apply(value.rendered, args.positional.count == 1 ? args.positional[0] : .tuple(args.positional)))
        case "center":
            let width = args.value(0, "width")?.integer ?? 80, text = value.pythonString, pad = max(0, width - text.unicodeScalars.count)
            return .string(String(repeating: " ", count: pad / 2) + text + String(repeating: " ", count: pad - pad / 2))
        case "tojson": return .string(MarkedText(try JinjaJSON.dump(value, args), fromMessage: value.containsMessageText))
        case "batch":
            let size = max(1, args.value(0, "linecount")?.integer ?? 1), items = try value.iterated()
            return .iterator(stride(from: 0, to: items.count, by: size).map { .list(Array(items[$0 ..< min($0 + size, items.count)])) })
        default:
            throw JinjaError.runtime("no filter named '\(name)'")
        }
    }

    /// jinja2's `indent(width=4, first=False, blank=False)`.
    private func indent(_ text: MarkedText, _ args: JinjaArguments) throws -> MarkedText {
        let width = args.value(0, "width")
        let pad = width.map { if case let .string(s) = $0 { return s } else { return MarkedText(String(repeating: " ", count: $0.integer ?? 4)) } }
            ?? MarkedText("    ")
        let first = args.value(1, "first")?.isTruthy ?? false, blank = args.value(2, "blank")?.isTruthy ?? false
        // Every line after the first gets the pad, empty ones only with blank=True; the first with first=True.
        var lines = text.split(separator: "\n")
        for i in lines.indices.dropFirst() where blank || !lines[i].isEmpty { lines[i] = pad + lines[i] }
        if first { lines[0] = pad + lines[0] }
        return MarkedText.joined(lines, separator: MarkedText("\n"))
    }

    private func join(_ value: JinjaValue, _ args: JinjaArguments) throws -> MarkedText {
        let separator = args.value(0, "d")?.rendered ?? MarkedText()
        var parts = try value.iterated()
        if let attribute = args.value(1, "attribute") { parts = try parts.map { try member(of: $0, attribute.pythonString) } }
        try tick(parts.count)
        let joined = MarkedText.joined(parts.map(\.rendered), separator: separator)
        try checkSize(joined.text.utf8.count)
        return joined
    }

    private func sort(_ items: [JinjaValue], _ args: JinjaArguments) throws -> [JinjaValue] {
        let reverse = args.value(0, "reverse")?.isTruthy ?? false
        let caseSensitive = args.value(1, "case_sensitive")?.isTruthy ?? false
        let attribute = args.value(2, "attribute")?.pythonString
        return try sorted(items, reverse: reverse) { item in
            Self.caseFolded(try attribute.map { try member(of: item, $0) } ?? item, unless: caseSensitive)
        }
    }

    private static func caseFolded(_ value: JinjaValue, unless caseSensitive: Bool) -> JinjaValue {
        if !caseSensitive, case let .string(s) = value { return .string(s.text.lowercased()) }
        return value
    }

    /// Python's stable `sorted(items, key=key, reverse=reverse)`.
    private func sorted(_ items: [JinjaValue], reverse: Bool, key: (JinjaValue) throws -> JinjaValue) throws -> [JinjaValue] {
        let keyed = try items.map { (try key($0), $0) }
        var failure: Error?
        let sorted = keyed.enumerated().sorted { a, b in
            do {
                let order = try compare(a.element.0, b.element.0)
                return order == 0 ? a.offset < b.offset : (order < 0) != reverse
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return sorted.map(\.element.1)
    }

    private func map(_ items: [JinjaValue], _ args: JinjaArguments) throws -> [JinjaValue] {
        if let attribute = args.named.first(where: { $0.name == "attribute" })?.value {
            let fallback = args.named.first { $0.name == "default" }?.value
            return try items.map {
                let v = try member(of: $0, attribute.pythonString)
                return v.isUndefined ? fallback ?? v : v
            }
        }
        guard let filter = args.positional.first?.pythonString else { throw JinjaError.runtime("map needs a filter name or attribute=") }
        let rest = JinjaArguments(positional: Array(args.positional.dropFirst()), named: args.named)
        return try items.map { try applyFilter(filter, to: $0, rest) }
    }

    /// `select(test, ...)`, `selectattr(attribute, test, ...)` and their `reject` twins.
    private func select(_ items: [JinjaValue], _ args: JinjaArguments, byAttribute: Bool, keep: Bool) throws -> [JinjaValue] {
        let offset = byAttribute ? 1 : 0
        let attribute = byAttribute ? args.positional.first?.pythonString : nil
        if byAttribute, attribute == nil { throw JinjaError.runtime("selectattr needs an attribute name") }
        let test = args.positional.count > offset ? args.positional[offset].pythonString : nil
        let testArgs = JinjaArguments(positional: Array(args.positional.dropFirst(offset + 1)), named: [])
        return try items.filter { item in
            let subject = try attribute.map { try member(of: item, $0) } ?? item
            let passes = try test.map { try runTest($0, on: subject, testArgs) } ?? subject.isTruthy
            return passes == keep
        }
    }
}
