import Foundation

/// A value inside a running template, with Python's semantics where jinja2 inherits them
/// (truthiness, `str()`, `repr()`, `==`).
public enum JinjaValue {
    /// A name or member that does not exist; it prints as nothing and is false, and using it
    /// further (a member, a call) is an error naming it.
    case undefined(String)
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(MarkedText)
    case list([JinjaValue])
    /// Python tuples: printed with parentheses, otherwise lists.
    case tuple([JinjaValue])
    /// What `map`, `select` and their kin return in jinja2: a generator, which loops and `join`
    /// take but `length`, indexing and `tojson` do not.
    case iterator([JinjaValue])
    case dict(JinjaDict)
    case namespace(JinjaNamespace)
    case function(JinjaFunction)

    public static func string(_ text: String, fromMessage: Bool = false) -> JinjaValue { .string(MarkedText(text, fromMessage: fromMessage)) }

    var isUndefined: Bool { if case .undefined = self { return true } else { return false } }

    var typeName: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .iterator: return "generator"
        case .dict: return "dict"
        case .namespace: return "Namespace"
        case .function: return "function"
        }
    }

    /// Python's truth value.
    var isTruthy: Bool {
        switch self {
        case .undefined, .none: return false
        case let .bool(b): return b
        case let .int(i): return i != 0
        case let .float(f): return f != 0
        case let .string(s): return !s.isEmpty
        case let .list(items), let .tuple(items): return !items.isEmpty
        case let .dict(d): return !d.isEmpty
        case .namespace, .function, .iterator: return true
        }
    }

    /// Items of a list, tuple, string (its characters) or dict (its keys), as `for` sees them.
    func iterated() throws -> [JinjaValue] {
        switch self {
        case .undefined: return []
        case let .list(items), let .tuple(items), let .iterator(items): return items
        case let .dict(d): return d.keys
        case let .string(s): return (0 ..< s.count).map { .string(s.slice($0 ..< $0 + 1)) }
        default: throw JinjaError.runtime("'\(typeName)' object is not iterable")
        }
    }

    /// What `{{ value }}` writes: Python's `str()`, with the conversation's marks kept on strings.
    var rendered: MarkedText {
        switch self {
        case .undefined: return MarkedText()
        case let .string(s): return s
        default: return MarkedText(pythonString, fromMessage: containsMessageText)
        }
    }

    /// Python's `str()`.
    var pythonString: String {
        switch self {
        case let .string(s): return s.text
        case .undefined: return ""
        default: return pythonRepr
        }
    }

    /// Python's `repr()`, as lists and dicts print their members.
    var pythonRepr: String {
        switch self {
        case .undefined: return ""
        case .none: return "None"
        case let .bool(b): return b ? "True" : "False"
        case let .int(i): return String(i)
        case let .float(f): return Self.pythonFloat(f)
        case let .string(s): return Self.pythonQuoted(s.text)
        case let .list(items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case let .tuple(items): return "(" + items.map(\.pythonRepr).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case let .dict(d): return "{" + d.entries.map { "\($0.key.pythonRepr): \($0.value.pythonRepr)" }.joined(separator: ", ") + "}"
        case let .namespace(ns): return "<Namespace " + JinjaValue.dict(ns.attributes).pythonRepr + ">"
        case let .function(f): return "<function \(f.name)>"
        case .iterator: return "<generator object>"
        }
    }

    /// Whether any string inside came from the conversation.
    var containsMessageText: Bool {
        switch self {
        case let .string(s): return s.hasMessageText
        case let .list(items), let .tuple(items), let .iterator(items): return items.contains { $0.containsMessageText }
        case let .dict(d): return d.entries.contains { $0.key.containsMessageText || $0.value.containsMessageText }
        case let .namespace(ns): return JinjaValue.dict(ns.attributes).containsMessageText
        default: return false
        }
    }

    /// Python's `repr(float)`: the shortest digits that read back the same, `1e+20` style
    /// exponents from 1e16 and below 1e-4.
    static func pythonFloat(_ f: Double) -> String {
        if f.isNaN { return "nan" }
        if f.isInfinite { return f < 0 ? "-inf" : "inf" }
        var text = "\(f)"
        if let e = text.firstIndex(of: "e") {
            var mantissa = String(text[..<e]), exponent = String(text[text.index(after: e)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" })
            if exponent.count < 2 { exponent = "0" + exponent }
            text = mantissa + "e" + (negative ? "-" : "+") + exponent
        }
        return text
    }

    /// Python's `repr(str)`: single quotes unless the text has one and no double quote.
    static func pythonQuoted(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(c) == quote { out += "\\" + String(quote) }
                else if c.value < 0x20 || c.value == 0x7F { out += String(format: "\\x%02x", c.value) }
                else { out.unicodeScalars.append(c) }
            }
        }
        return out + String(quote)
    }
}

/// Python's `==` between template values (1 == 1.0 == True; undefined equals only undefined).
func jinjaEqual(_ a: JinjaValue, _ b: JinjaValue) -> Bool {
    switch (a, b) {
    case (.undefined, .undefined), (.none, .none): return true
    case let (.string(x), .string(y)): return x == y
    case let (.list(x), .list(y)), let (.tuple(x), .tuple(y)): return x.count == y.count && zip(x, y).allSatisfy(jinjaEqual)
    case let (.dict(x), .dict(y)):
        return x.count == y.count && x.entries.allSatisfy { e in y[e.key].map { jinjaEqual(e.value, $0) } ?? false }
    case let (.namespace(x), .namespace(y)): return x === y
    default:
        if let x = a.number, let y = b.number { return x == y }
        return false
    }
}

extension JinjaValue {
    /// Ints, floats and bools as a number (bools are ints in Python).
    var number: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .float(f): return f
        case let .bool(b): return b ? 1 : 0
        default: return nil
        }
    }

    var integer: Int? {
        switch self {
        case let .int(i): return i
        case let .bool(b): return b ? 1 : 0
        default: return nil
        }
    }
}

/// A dict that keeps insertion order, as Python's does (JSON objects keep their key order).
public struct JinjaDict {
    /// Keys are strings, except in dicts a template writes itself (`{0: 0, 512: 128}`).
    public private(set) var entries: [(key: JinjaValue, value: JinjaValue)] = []
    private var index: [Key: Int] = [:]

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    var keys: [JinjaValue] { entries.map(\.key) }

    public subscript(key: String) -> JinjaValue? { self[.string(MarkedText(key))] }

    subscript(key: JinjaValue) -> JinjaValue? {
        Self.hashKey(key).flatMap { index[$0] }.map { entries[$0].value }
    }

    public mutating func set(_ key: String, _ value: JinjaValue) { try! set(.string(MarkedText(key)), value) }

    public mutating func set(_ key: MarkedText, _ value: JinjaValue) { try! set(.string(key), value) }

    /// Throws for keys Python cannot hash (lists, dicts).
    mutating func set(_ key: JinjaValue, _ value: JinjaValue) throws {
        guard let hash = Self.hashKey(key) else { throw JinjaError.runtime("unhashable type: '\(key.typeName)'") }
        if let i = index[hash] {
            entries[i].value = value
        } else {
            index[hash] = entries.count
            entries.append((key, value))
        }
    }

    /// Python's key identity: 1, 1.0 and True are one key; "1" is another.
    private indirect enum Key: Hashable {
        case string(String), integer(Int), float(Double), none, tuple([Key])
    }

    private static func hashKey(_ key: JinjaValue) -> Key? {
        switch key {
        case let .string(s): return .string(s.text)
        case .none: return Key.none
        case let .float(f) where f != f.rounded() || !f.isFinite: return .float(f)
        case .bool, .int, .float: return key.integer.map { .integer($0) }
        case let .tuple(items):
            let parts = items.compactMap(hashKey)
            return parts.count == items.count ? .tuple(parts) : nil
        default: return nil
        }
    }
}

/// `namespace(...)`: the one mutable object templates have, so a loop can pass values out.
public final class JinjaNamespace {
    var attributes: JinjaDict
    init(_ attributes: JinjaDict) { self.attributes = attributes }
}

/// A macro, a bound method or a global such as `range`: called with positional and keyword
/// arguments.
public final class JinjaFunction {
    let name: String
    let call: (JinjaArguments) throws -> JinjaValue
    init(_ name: String, _ call: @escaping (JinjaArguments) throws -> JinjaValue) {
        self.name = name
        self.call = call
    }
}

/// The arguments of a call: positional, then by name.
struct JinjaArguments {
    var positional: [JinjaValue] = []
    var named: [(name: String, value: JinjaValue)] = []

    /// The argument at `position` or called `name`, if given.
    func value(_ position: Int, _ name: String) -> JinjaValue? {
        if position < positional.count { return positional[position] }
        return named.first { $0.name == name }?.value
    }
}
