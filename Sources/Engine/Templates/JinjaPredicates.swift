/// jinja2's tests (`value is name`), as Python types answer them.
extension JinjaInterpreter {
    func runTest(_ name: String, on value: JinjaValue, _ args: JinjaArguments) throws -> Bool {
        let other = args.value(0, "other") ?? .undefined("argument")
        switch name {
        case "defined": return !value.isUndefined
        case "undefined": return value.isUndefined
        case "none": if case .none = value { return true } else { return false }
        case "boolean": if case .bool = value { return true } else { return false }
        case "true": if case .bool(true) = value { return true } else { return false }
        case "false": if case .bool(false) = value { return true } else { return false }
        case "integer": if case .int = value { return true } else { return false }
        case "float": if case .float = value { return true } else { return false }
        case "number":
            switch value {
            case .int, .float, .bool: return true
            default: return false
            }
        case "string": if case .string = value { return true } else { return false }
        case "mapping": if case .dict = value { return true } else { return false }
        case "callable": if case .function = value { return true } else { return false }
        case "iterable":
            switch value {
            case .string, .list, .tuple, .dict, .iterator: return true
            default: return false
            }
        case "sequence":
            switch value {
            case .string, .list, .tuple, .dict: return true
            default: return false
            }
        case "odd", "even":
            guard let i = value.integer else { throw JinjaError.runtime("test '\(name)' needs an integer, not \(value.typeName)") }
            return (i % 2 != 0) == (name == "odd")
        case "divisibleby":
            guard let i = value.integer, let n = other.integer, n != 0 else { throw JinjaError.runtime("divisibleby needs integers") }
            return i % n == 0
        case "lower": return value.pythonString == value.pythonString.lowercased()
        case "upper": return value.pythonString == value.pythonString.uppercased()
        case "sameas":
            switch (value, other) {
            case (.none, .none), (.undefined, .undefined): return true
            case let (.bool(a), .bool(b)): return a == b
            case let (.namespace(a), .namespace(b)): return a === b
            default: return false
            }
        case "eq", "equalto", "==": return jinjaEqual(value, other)
        case "ne", "!=": return !jinjaEqual(value, other)
        case "lt", "lessthan", "<": return try compare(value, other) < 0
        case "le", "<=": return try compare(value, other) <= 0
        case "gt", "greaterthan", ">": return try compare(value, other) > 0
        case "ge", ">=": return try compare(value, other) >= 0
        case "in": return try contains(other, value)
        case "escaped": return false
        default: throw JinjaError.runtime("no test named '\(name)'")
        }
    }
}
