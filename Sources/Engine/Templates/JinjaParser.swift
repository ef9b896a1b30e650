/// Builds a template's statements from its tokens, with jinja2's grammar (the expression half is
/// in `JinjaParser+Expressions.swift`).
struct JinjaParser {
    private(set) var tokens: [JinjaToken]
    var index = 0
    /// How deeply the expression or block being parsed nests; past `maxDepth` the template is
    /// refused, so rendering (which recurses over the tree) stays within a thread's stack.
    var depth = 0
    static let maxDepth = 200

    static func parse(_ text: String) throws -> [Statement] {
        var parser = JinjaParser(tokens: try JinjaLexer.tokenize(text))
        let body = try parser.parseBody(until: [])
        return body
    }

    var current: JinjaToken { tokens[index] }

    /// One level deeper; callers put `depth` back when they return.
    mutating func nest() throws {
        depth += 1
        if depth > Self.maxDepth { throw failure("template nests more than \(Self.maxDepth) levels deep") }
    }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func failure(_ message: String, at token: JinjaToken? = nil) -> JinjaError {
        let p = (token ?? current).position
        return .syntax(message, line: p.line, column: p.column)
    }

    /// True (and consumed) if the current token is the name `word`.
    mutating func skip(name word: String) -> Bool {
        guard current.kind == .name(word) else { return false }
        advance()
        return true
    }

    mutating func skip(op: String) -> Bool {
        guard current.kind == .op(op) else { return false }
        advance()
        return true
    }

    mutating func expect(op: String) throws {
        guard skip(op: op) else { throw failure("expected '\(op)', found \(describe(current))") }
    }

    mutating func expectName() throws -> String {
        guard case let .name(name) = current.kind else { throw failure("expected a name, found \(describe(current))") }
        advance()
        return name
    }

    mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else { throw failure("expected end of tag '%}', found \(describe(current))") }
        advance()
    }

    func describe(_ token: JinjaToken) -> String {
        switch token.kind {
        case let .data(text): return "text \(JinjaValue.pythonQuoted(String(text.prefix(20))))"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "'%}'"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "'}}'"
        case let .name(name): return "'\(name)'"
        case let .string(text): return "string \(JinjaValue.pythonQuoted(text))"
        case let .integer(value): return "'\(value)'"
        case let .float(value): return "'\(value)'"
        case let .op(op): return "'\(op)'"
        case .end: return "end of template"
        }
    }

    /// Statements up to a tag named in `ends` (left with the tag's name as the current token),
    /// or to the end of the template when `ends` is empty.
    mutating func parseBody(until ends: Set<String>) throws -> [Statement] {
        var body: [Statement] = []
        while true {
            let token = current
            switch token.kind {
            case let .data(text):
                body.append(.text(MarkedText(text)))
                advance()
            case .variableBegin:
                advance()
                let expression = try parseTuple()
                guard current.kind == .variableEnd else { throw failure("expected end of print statement '}}', found \(describe(current))") }
                advance()
                body.append(.output(expression, token.position))
            case .blockBegin:
                advance()
                if case let .name(name) = current.kind, ends.contains(name) { return body }
                try parseStatement(into: &body)
            case .end:
                guard ends.isEmpty else {
                    throw failure("unexpected end of template; expected " + ends.sorted().map { "'\($0)'" }.joined(separator: " or "))
                }
                return body
            default:
                throw failure("unexpected \(describe(token))")
            }
        }
    }

    /// One `{% ... %}` statement, after `{%`.
    private mutating func parseStatement(into body: inout [Statement]) throws {
        let start = current, saved = depth
        defer { depth = saved }
        try nest()
        let keyword = try expectName()
        switch keyword {
        case "if": body.append(try parseIf())
        case "for": body.append(try parseFor(start))
        case "set": body.append(try parseSet(start))
        case "macro": body.append(try parseMacro())
        case "call": body.append(try parseCall(start))
        case "filter":
            let filters = try parseFilterChain()
            try expectBlockEnd()
            body.append(.filterBlock(filters, body: try parseClosedBody("endfilter")))
        case "break", "continue":
            try expectBlockEnd()
            body.append(keyword == "break" ? .breakLoop : .continueLoop)
        case "generation": // Hugging Face's marker around assistant text: renders its body
            try expectBlockEnd()
            body += try parseClosedBody("endgeneration")
        default:
            throw failure("unknown tag '\(keyword)'", at: start)
        }
    }

    /// A body that ends with `{% end %}`, consumed.
    private mutating func parseClosedBody(_ end: String) throws -> [Statement] {
        let body = try parseBody(until: [end])
        advance()
        try expectBlockEnd()
        return body
    }

    private mutating func parseIf() throws -> Statement {
        var branches: [(condition: Expression, body: [Statement])] = []
        var condition = try parseExpression()
        while true {
            try expectBlockEnd()
            let body = try parseBody(until: ["elif", "else", "endif"])
            branches.append((condition, body))
            let word = try expectName()
            if word == "elif" {
                condition = try parseExpression()
                continue
            }
            if word == "else" {
                try expectBlockEnd()
                let otherwise = try parseClosedBody("endif")
                return .branches(branches, otherwise: otherwise)
            }
            try expectBlockEnd()
            return .branches(branches, otherwise: [])
        }
    }

    private mutating func parseFor(_ start: JinjaToken) throws -> Statement {
        let target = try parseAssignTarget(allowsMember: false)
        guard skip(name: "in") else { throw failure("expected 'in' in the for loop, found \(describe(current))") }
        let iterable = try parseTuple(conditionals: false)
        let condition = skip(name: "if") ? try parseExpression() : nil
        let recursive = skip(name: "recursive")
        try expectBlockEnd()
        let bodyStart = index
        let body = try parseBody(until: ["else", "endfor"])
        let usesLoop = tokens[bodyStart ..< index].contains { $0.kind == .name("loop") }
        var otherwise: [Statement] = []
        if try expectName() == "else" {
            try expectBlockEnd()
            otherwise = try parseClosedBody("endfor")
        } else {
            try expectBlockEnd()
        }
        return .loop(.init(target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise,
                           recursive: recursive, usesLoop: usesLoop, position: start.position))
    }

    private mutating func parseSet(_ start: JinjaToken) throws -> Statement {
        let target = try parseAssignTarget(allowsMember: true)
        if skip(op: "=") {
            let value = try parseTuple()
            try expectBlockEnd()
            return .set(target, value, start.position)
        }
        let filters = current.kind == .op("|") ? try parseFilterChain() : []
        try expectBlockEnd()
        return .setBlock(target, body: try parseClosedBody("endset"), filters: filters)
    }

    private mutating func parseMacro() throws -> Statement {
        let name = try expectName()
        let parameters = try parseParameters()
        try expectBlockEnd()
        return .macro(MacroDefinition(name: name, parameters: parameters, body: try parseClosedBody("endmacro")))
    }

    private mutating func parseCall(_ start: JinjaToken) throws -> Statement {
        let parameters = current.kind == .op("(") ? try parseParameters() : []
        let call = try parseExpression()
        guard case .call = call else { throw failure("expected a call after 'call'", at: start) }
        try expectBlockEnd()
        return .callBlock(call: call, callerParameters: parameters, body: try parseClosedBody("endcall"), start.position)
    }

    /// `(a, b=default, ...)` of a macro or a call block's caller.
    private mutating func parseParameters() throws -> [(name: String, defaultValue: Expression?)] {
        try expect(op: "(")
        var parameters: [(name: String, defaultValue: Expression?)] = []
        while !skip(op: ")") {
            if !parameters.isEmpty { try expect(op: ",") }
            if skip(op: ")") { break }
            let name = try expectName()
            parameters.append((name, skip(op: "=") ? try parseExpression() : nil))
        }
        return parameters
    }

    /// `name(args) | name ...` after `{% filter` or `{% set x |`.
    private mutating func parseFilterChain() throws -> [FilterApplication] {
        var filters: [FilterApplication] = []
        repeat {
            let start = current
            let name = try parseDottedName()
            let arguments = current.kind == .op("(") ? try parseCallArguments() : CallArguments()
            filters.append(FilterApplication(name: name, arguments: arguments, position: start.position))
        } while skip(op: "|")
        return filters
    }

    /// What `for` and `set` assign to: a name, names separated by commas, or `ns.member`.
    private mutating func parseAssignTarget(allowsMember: Bool) throws -> AssignTarget {
        let parenthesised = skip(op: "(")
        var names = [try expectName()]
        if allowsMember, !parenthesised, skip(op: ".") { return .member(names[0], try expectName()) }
        while skip(op: ",") {
            guard case .name = current.kind else { break }
            names.append(try expectName())
        }
        if parenthesised { try expect(op: ")") }
        return names.count == 1 && !parenthesised ? .name(names[0]) : .names(names)
    }
}
