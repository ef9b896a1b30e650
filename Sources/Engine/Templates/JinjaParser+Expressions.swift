/// jinja2's expression grammar, loosest first: `a if c else b`, `or`, `and`, `not`, comparisons
/// (`==`, `in`, `not in`, chained), `+ -`, `~`, `* / // %`, `**`, unary `- +`, then a primary with
/// its postfixes (`.name`, `[key]`, `[a:b]`, calls) and its filters and tests (`| f`, `is t`).
extension JinjaParser {
    /// Expressions separated by commas make a tuple (`{{ a, b }}`, `set x = a, b`).
    mutating func parseTuple(conditionals: Bool = true) throws -> Expression {
        let first = conditionals ? try parseExpression() : try parseOr()
        guard current.kind == .op(",") else { return first }
        var items = [first]
        while skip(op: ",") {
            guard startsExpression(current) else { break }
            items.append(conditionals ? try parseExpression() : try parseOr())
        }
        return .tuple(items)
    }

    private func startsExpression(_ token: JinjaToken) -> Bool {
        switch token.kind {
        case .name, .string, .integer, .float: return true
        case let .op(op): return ["(", "[", "{", "-", "+"].contains(op)
        default: return false
        }
    }

    mutating func parseExpression() throws -> Expression {
        let saved = depth
        defer { depth = saved }
        var expression = try parseOr()
        while skip(name: "if") {
            try nest()
            let condition = try parseOr()
            let otherwise = skip(name: "else") ? try parseExpression() : nil
            expression = .conditional(then: expression, condition: condition, otherwise: otherwise)
        }
        return expression
    }

    private mutating func parseOr() throws -> Expression {
        let saved = depth
        defer { depth = saved }
        var left = try parseAnd()
        while skip(name: "or") {
            try nest()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> Expression {
        let saved = depth
        defer { depth = saved }
        var left = try parseNot()
        while skip(name: "and") {
            try nest()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws -> Expression {
        if skip(name: "not") {
            let saved = depth
            defer { depth = saved }
            try nest()
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Expression {
        let first = try parseSum()
        var rest: [(BinaryOperator, Expression)] = []
        while true {
            if case let .op(op) = current.kind, let comparison = BinaryOperator(rawValue: op),
               [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(comparison) {
                advance()
                rest.append((comparison, try parseSum()))
            } else if skip(name: "in") {
                rest.append((.contains, try parseSum()))
            } else if current.kind == .name("not"), tokens[index + 1].kind == .name("in") {
                advance()
                advance()
                rest.append((.notContains, try parseSum()))
            } else {
                break
            }
        }
        if rest.isEmpty { return first }
        if rest.count == 1 { return .binary(rest[0].0, first, rest[0].1) }
        return .comparison(first, rest)
    }

    private mutating func parseBinary(_ operators: [BinaryOperator], next: (inout JinjaParser) throws -> Expression) throws -> Expression {
        let saved = depth
        defer { depth = saved }
        var left = try next(&self)
        while case let .op(op) = current.kind, let found = operators.first(where: { $0.rawValue == op }) {
            advance()
            try nest()
            left = .binary(found, left, try next(&self))
        }
        return left
    }

    private mutating func parseSum() throws -> Expression {
        try parseBinary([.add, .subtract]) { try $0.parseConcat() }
    }

    private mutating func parseConcat() throws -> Expression {
        try parseBinary([.concat]) { try $0.parseProduct() }
    }

    private mutating func parseProduct() throws -> Expression {
        try parseBinary([.multiply, .divide, .floorDivide, .modulo]) { try $0.parsePower() }
    }

    private mutating func parsePower() throws -> Expression {
        try parseBinary([.power]) { try $0.parseUnary(filters: true) }
    }

    private mutating func parseUnary(filters: Bool) throws -> Expression {
        let saved = depth
        defer { depth = saved }
        try nest()
        var expression: Expression
        if skip(op: "-") {
            expression = .negate(try parseUnary(filters: false))
        } else if skip(op: "+") {
            expression = .plus(try parseUnary(filters: false))
        } else {
            expression = try parsePostfix(try parsePrimary())
        }
        return filters ? try parseFiltersAndTests(expression) : expression
    }

    private mutating func parsePrimary() throws -> Expression {
        let token = current
        advance()
        switch token.kind {
        case let .name(name):
            switch name {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None": return .literal(.none)
            default: return .name(name, token.position)
            }
        case var .string(text):
            while case let .string(more) = current.kind { // adjacent strings join, as in Python
                text += more
                advance()
            }
            return .literal(.string(text))
        case let .integer(value): return .literal(.int(value))
        case let .float(value): return .literal(.float(value))
        case .op("("):
            if skip(op: ")") { return .tuple([]) }
            let inner = try parseTuple()
            try expect(op: ")")
            return inner
        case .op("["):
            var items: [Expression] = []
            while !skip(op: "]") {
                if !items.isEmpty { try expect(op: ",") }
                if skip(op: "]") { break }
                items.append(try parseExpression())
            }
            return .list(items)
        case .op("{"):
            var entries: [(key: Expression, value: Expression)] = []
            while !skip(op: "}") {
                if !entries.isEmpty { try expect(op: ",") }
                if skip(op: "}") { break }
                let key = try parseExpression()
                try expect(op: ":")
                entries.append((key, try parseExpression()))
            }
            return .dict(entries)
        default:
            throw failure("unexpected \(describe(token))", at: token)
        }
    }

    private mutating func parsePostfix(_ base: Expression) throws -> Expression {
        let saved = depth
        defer { depth = saved }
        var expression = base
        while true {
            try nest()
            if skip(op: ".") {
                switch current.kind {
                case let .name(name):
                    advance()
                    expression = .attribute(expression, name)
                case let .integer(value):
                    advance()
                    expression = .item(expression, .literal(.int(value)))
                default:
                    throw failure("expected a name after '.', found \(describe(current))")
                }
            } else if skip(op: "[") {
                expression = try parseSubscript(expression)
            } else if current.kind == .op("(") {
                expression = .call(expression, try parseCallArguments())
            } else {
                return expression
            }
        }
    }

    /// After `[`: `[key]` or a slice `[start:stop:step]`.
    private mutating func parseSubscript(_ base: Expression) throws -> Expression {
        func bound(_ parser: inout JinjaParser) throws -> Expression? {
            [.op(":"), .op("]")].contains(parser.current.kind) ? nil : try parser.parseExpression()
        }
        let start = try bound(&self)
        guard skip(op: ":") else {
            guard let start else { throw failure("expected a subscript") }
            try expect(op: "]")
            return .item(base, start)
        }
        let stop = try bound(&self)
        let step = skip(op: ":") ? try bound(&self) : nil
        try expect(op: "]")
        return .slice(base, start: start, stop: stop, step: step)
    }

    mutating func parseCallArguments() throws -> CallArguments {
        try expect(op: "(")
        var arguments = CallArguments()
        var first = true
        while !skip(op: ")") {
            if !first { try expect(op: ",") }
            first = false
            if skip(op: ")") { break }
            if case let .name(name) = current.kind, tokens[index + 1].kind == .op("=") {
                advance()
                advance()
                arguments.named.append((name, try parseExpression()))
            } else {
                guard arguments.named.isEmpty else { throw failure("a positional argument follows a keyword argument") }
                arguments.positional.append(try parseExpression())
            }
        }
        return arguments
    }

    /// A filter's or test's name: `name` or `a.b`.
    mutating func parseDottedName() throws -> String {
        var name = try expectName()
        while skip(op: ".") { name += "." + (try expectName()) }
        return name
    }

    private mutating func parseFiltersAndTests(_ base: Expression) throws -> Expression {
        let saved = depth
        defer { depth = saved }
        var expression = base
        while true {
            try nest()
            let start = current
            if skip(op: "|") {
                let name = try parseDottedName()
                let arguments = current.kind == .op("(") ? try parseCallArguments() : CallArguments()
                expression = .filter(expression, name: name, arguments, start.position)
            } else if skip(name: "is") {
                let negated = skip(name: "not")
                let name = try parseDottedName()
                var arguments = CallArguments()
                if current.kind == .op("(") {
                    arguments = try parseCallArguments()
                } else if takesBareTestArgument(current) {
                    arguments.positional = [try parsePostfix(try parsePrimary())]
                }
                expression = .test(expression, name: name, arguments, negated: negated, start.position)
            } else if current.kind == .op("(") {
                expression = .call(expression, try parseCallArguments())
            } else {
                return expression
            }
        }
    }

    /// jinja2 reads `x is divisibleby 3` and `x is sameas none`: one argument without parentheses.
    private func takesBareTestArgument(_ token: JinjaToken) -> Bool {
        switch token.kind {
        case let .name(name): return !["else", "or", "and"].contains(name)
        case .string, .integer, .float: return true
        case let .op(op): return ["[", "{"].contains(op)
        default: return false
        }
    }
}
