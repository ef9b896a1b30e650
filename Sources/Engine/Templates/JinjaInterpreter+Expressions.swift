import Foundation

/// Expressions, with Python's operators as jinja2 applies them.
extension JinjaInterpreter {
    /// The value of `expression`; `caller` is passed to the macro a `{% call %}` block calls.
    func evaluate(_ expression: Expression, caller: JinjaFunction? = nil) throws -> JinjaValue {
        switch expression {
        case let .literal(literal):
            switch literal {
            case .none: return .none
            case let .bool(b): return .bool(b)
            case let .int(i): return .int(i)
            case let .float(f): return .float(f)
            case let .string(s): return .string(s)
            }
        case let .name(name, _):
            return scope.lookup(name) ?? .undefined(name)
        case let .list(items):
            return .list(try items.map { try evaluate($0) })
        case let .tuple(items):
            return .tuple(try items.map { try evaluate($0) })
        case let .dict(entries):
            var dict = JinjaDict()
            for entry in entries {
                try dict.set(try evaluate(entry.key), try evaluate(entry.value))
            }
            return .dict(dict)
        case let .attribute(base, name):
            return try member(of: try evaluate(base), name)
        case let .item(base, key):
            return try item(of: try evaluate(base), try evaluate(key))
        case let .slice(base, start, stop, step):
            return try slice(try evaluate(base), start: start.map { try evaluate($0) }, stop: stop.map { try evaluate($0) },
                             step: step.map { try evaluate($0) })
        case let .call(callee, arguments):
            var args = try evaluate(arguments)
            if let caller { args.named.append(("caller", .function(caller))) }
            return try call(try evaluate(callee), args)
        case let .filter(base, name, arguments, _):
            return try applyFilter(name, to: try evaluate(base), arguments)
        case let .test(base, name, arguments, negated, _):
            let value = try evaluate(base)
            return .bool(try runTest(name, on: value, try evaluate(arguments)) != negated)
        case let .not(inner):
            return .bool(!(try evaluate(inner).isTruthy))
        case let .negate(inner):
            switch try evaluate(inner) {
            case let .int(i): return .int(-i)
            case let .float(f): return .float(-f)
            case let .bool(b): return .int(b ? -1 : 0)
            case let other: throw JinjaError.runtime("bad operand type for unary -: '\(other.typeName)'")
            }
        case let .plus(inner):
            let value = try evaluate(inner)
            guard value.number != nil else { throw JinjaError.runtime("bad operand type for unary +: '\(value.typeName)'") }
            return value
        case let .and(left, right):
            let l = try evaluate(left)
            return l.isTruthy ? try evaluate(right) : l
        case let .or(left, right):
            let l = try evaluate(left)
            return l.isTruthy ? l : try evaluate(right)
        case let .binary(op, left, right):
            return try binary(op, try evaluate(left), try evaluate(right))
        case let .comparison(first, rest):
            var left = try evaluate(first)
            for (op, next) in rest {
                let right = try evaluate(next)
                guard try binary(op, left, right).isTruthy else { return .bool(false) }
                left = right
            }
            return .bool(true)
        case let .conditional(then, condition, otherwise):
            if try evaluate(condition).isTruthy { return try evaluate(then) }
            return try otherwise.map { try evaluate($0) } ?? .undefined("conditional expression")
        }
    }

    func evaluate(_ arguments: CallArguments) throws -> JinjaArguments {
        JinjaArguments(positional: try arguments.positional.map { try evaluate($0) },
                       named: try arguments.named.map { ($0.name, try evaluate($0.value)) })
    }

    func call(_ callee: JinjaValue, _ args: JinjaArguments) throws -> JinjaValue {
        // A recursive loop's `loop` is called to recurse.
        if case let .dict(d) = callee, let recurse = d["__call__"] { return try call(recurse, args) }
        guard case let .function(function) = callee else {
            if case let .undefined(name) = callee { throw JinjaError.runtime("'\(name)' is undefined") }
            throw JinjaError.runtime("'\(callee.typeName)' object is not callable")
        }
        try tick()
        return try function.call(args)
    }

    /// `value.name`: a method or attribute first, then the item of that name (jinja2's getattr).
    func member(of value: JinjaValue, _ name: String) throws -> JinjaValue {
        switch value {
        case let .undefined(missing): throw JinjaError.runtime("'\(missing)' is undefined")
        case let .namespace(ns): return ns.attributes[name] ?? .undefined(name)
        default:
            if let method = try boundMethod(value, name) { return method }
            if case let .dict(d) = value { return d[name] ?? .undefined(name) }
            return .undefined(name)
        }
    }

    /// `value[key]`: the item first, then for a string key the attribute (jinja2's getitem).
    func item(of value: JinjaValue, _ key: JinjaValue) throws -> JinjaValue {
        switch (value, key) {
        case let (.undefined(missing), _): throw JinjaError.runtime("'\(missing)' is undefined")
        case let (.list(items), _), let (.tuple(items), _):
            guard let i = key.integer else { throw JinjaError.runtime("list indices must be integers, not \(key.typeName)") }
            let at = i < 0 ? items.count + i : i
            return items.indices.contains(at) ? items[at] : .undefined("item \(i)")
        case let (.string(s), _):
            guard let i = key.integer else { throw JinjaError.runtime("string indices must be integers") }
            let count = s.count, at = i < 0 ? count + i : i
            return (0 ..< count).contains(at) ? .string(s.slice(at ..< at + 1)) : .undefined("item \(i)")
        case let (.dict(d), _):
            if let found = d[key] { return found }
            guard case let .string(k) = key else { return .undefined("item") }
            return try member(of: value, k.text)
        case let (_, .string(k)):
            return try member(of: value, k.text)
        default:
            return .undefined("item")
        }
    }

    /// `value[start:stop:step]` as Python slices sequences.
    func slice(_ value: JinjaValue, start: JinjaValue?, stop: JinjaValue?, step: JinjaValue?) throws -> JinjaValue {
        func bound(_ v: JinjaValue?) throws -> Int? {
            guard let v, !(v.isUndefined), !(jinjaEqual(v, .none)) else { return nil }
            guard let i = v.integer else { throw JinjaError.runtime("slice indices must be integers") }
            return i
        }
        let step = try bound(step) ?? 1
        guard step != 0 else { throw JinjaError.runtime("slice step cannot be zero") }
        func indices(_ count: Int) throws -> [Int] {
            func clamp(_ i: Int?, _ fallback: Int) -> Int {
                guard let i else { return fallback }
                let at = i < 0 ? i + count : i
                return step > 0 ? min(max(at, 0), count) : min(max(at, -1), count - 1)
            }
            let from = clamp(try bound(start), step > 0 ? 0 : count - 1), to = clamp(try bound(stop), step > 0 ? count : -1)
            return Array(stride(from: from, to: to, by: step))
        }
        switch value {
        case let .list(items): return .list(try indices(items.count).map { items[$0] })
        case let .tuple(items): return .tuple(try indices(items.count).map { items[$0] })
        case let .string(s):
            let picked = try indices(s.count)
            if step == 1, let first = picked.first { return .string(s.slice(first ..< first + picked.count)) }
            if step == 1 { return .string("") }
            var out = MarkedText()
            for i in picked { out.append(s.slice(i ..< i + 1)) }
            return .string(out)
        case let .undefined(missing): throw JinjaError.runtime("'\(missing)' is undefined")
        default: throw JinjaError.runtime("'\(value.typeName)' object is not subscriptable")
        }
    }

    func binary(_ op: BinaryOperator, _ a: JinjaValue, _ b: JinjaValue) throws -> JinjaValue {
        switch op {
        case .concat:
            let joined = a.rendered + b.rendered
            try checkSize(joined.text.utf8.count)
            return .string(joined)
        case .equal: return .bool(jinjaEqual(a, b))
        case .notEqual: return .bool(!jinjaEqual(a, b))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let order = try compare(a, b)
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .contains: return .bool(try contains(b, a))
        case .notContains: return .bool(!(try contains(b, a)))
        default: return try arithmetic(op, a, b)
        }
    }

    /// Python's ordering: numbers with numbers, strings by code point, lists item by item.
    func compare(_ a: JinjaValue, _ b: JinjaValue) throws -> Int {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.list(x), .list(y)), let (.tuple(x), .tuple(y)):
            for (p, q) in zip(x, y) where !jinjaEqual(p, q) { return try compare(p, q) }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        default:
            guard let x = a.number, let y = b.number else {
                throw JinjaError.runtime("'<' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
            }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    /// `needle in haystack`.
    func contains(_ haystack: JinjaValue, _ needle: JinjaValue) throws -> Bool {
        switch haystack {
        case let .string(s):
            guard case let .string(n) = needle else { throw JinjaError.runtime("'in <string>' requires string as left operand, not \(needle.typeName)") }
            return n.isEmpty || s.text.contains(n.text)
        case let .list(items), let .tuple(items): return items.contains { jinjaEqual($0, needle) }
        case let .dict(d):
            return d[needle] != nil
        case .undefined: return false
        default: throw JinjaError.runtime("argument of type '\(haystack.typeName)' is not iterable")
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ a: JinjaValue, _ b: JinjaValue) throws -> JinjaValue {
        switch (op, a, b) {
        case let (.add, .string(x), .string(y)):
            try checkSize(x.text.utf8.count + y.text.utf8.count)
            return .string(MarkedText.pythonConcatenation(x, y))
        case let (.add, .list(x), .list(y)): return .list(x + y)
        case let (.multiply, .string(s), n) where n.integer != nil, let (.multiply, n, .string(s)) where n.integer != nil:
            let times = max(0, n.integer!)
            try checkSize(s.text.utf8.count * times)
            return .string(s.repeated(times))
        case let (.multiply, .list(items), n) where n.integer != nil:
            let times = max(0, n.integer!)
            try tick(items.count * times)
            return .list(Array(Array(repeating: items, count: times).joined()))
        case let (.modulo, .string(format), values):
            return .string(try JinjaPercentFormat.apply(format, values))
        default: break
        }
        if let x = a.integer, let y = b.integer {
            switch op {
            case .add: return .int(x &+ y)
            case .subtract: return .int(x &- y)
            case .multiply: return .int(x &* y)
            case .divide:
                guard y != 0 else { throw JinjaError.runtime("division by zero") }
                return .float(Double(x) / Double(y))
            case .floorDivide, .modulo:
                guard y != 0 else { throw JinjaError.runtime("integer division or modulo by zero") }
                let q = Int((Double(x) / Double(y)).rounded(.down)), r = x - q * y
                return .int(op == .modulo ? r : q)
            case .power:
                guard y >= 0 else { return .float(pow(Double(x), Double(y))) }
                return .int(Int(pow(Double(x), Double(y))))
            default: break
            }
        }
        guard let x = a.number, let y = b.number else {
            throw JinjaError.runtime("unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
        }
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            guard y != 0 else { throw JinjaError.runtime("float division by zero") }
            return .float(x / y)
        case .floorDivide:
            guard y != 0 else { throw JinjaError.runtime("float floor division by zero") }
            return .float((x / y).rounded(.down))
        case .modulo:
            guard y != 0 else { throw JinjaError.runtime("float modulo") }
            return .float(x - (x / y).rounded(.down) * y)
        default: return .float(pow(x, y))
        }
    }
}
