/// Why a template did not render.
public enum JinjaError: Error, Equatable, CustomStringConvertible {
    /// The template's text is not valid Jinja, at a 1-based line and column.
    case syntax(String, line: Int, column: Int)
    /// `raise_exception(message)`: the template refuses the conversation.
    case raised(String)
    /// An error while rendering (a missing member, a wrong type), at a line when known.
    case runtime(String)
    /// Rendering went past a limit (output size, work, recursion).
    case limit(String)

    public var description: String {
        switch self {
        case let .syntax(message, line, column): return "template syntax error at line \(line), column \(column): \(message)"
        case let .raised(message): return message
        case let .runtime(message): return "template error: \(message)"
        case let .limit(message): return "template stopped: \(message)"
        }
    }
}

/// Where a node starts in the template's text, for error messages.
struct SourcePosition: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// Literal values written in a template.
enum JinjaLiteral: Sendable {
    case none, bool(Bool), int(Int), float(Double), string(String)
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
    case concat = "~", equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case contains = "in", notContains = "not in"
}

/// A call's arguments as written: positional, then `name=value`.
struct CallArguments: Sendable {
    var positional: [Expression] = []
    var named: [(name: String, value: Expression)] = []
}

/// An expression inside `{{ }}` or a tag.
indirect enum Expression: Sendable {
    case literal(JinjaLiteral)
    case name(String, SourcePosition)
    case list([Expression]), tuple([Expression]), dict([(key: Expression, value: Expression)])
    case attribute(Expression, String)
    case item(Expression, Expression)
    case slice(Expression, start: Expression?, stop: Expression?, step: Expression?)
    case call(Expression, CallArguments)
    case filter(Expression, name: String, CallArguments, SourcePosition)
    case test(Expression, name: String, CallArguments, negated: Bool, SourcePosition)
    case not(Expression), negate(Expression), plus(Expression)
    case and(Expression, Expression), or(Expression, Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `a < b < c`: each comparison with the next operand, all of them true.
    case comparison(Expression, [(BinaryOperator, Expression)])
    case conditional(then: Expression, condition: Expression, otherwise: Expression?)
}

/// What `set` and `for` assign to.
enum AssignTarget: Sendable {
    case name(String)
    case names([String])
    /// `ns.attribute`: a namespace's member.
    case member(String, String)
}

/// A macro's parameters, with default values.
struct MacroDefinition: Sendable {
    var name: String
    var parameters: [(name: String, defaultValue: Expression?)]
    var body: [Statement]
}

/// A filter as `{% filter %}` and `{% set x | f %}` apply it.
struct FilterApplication: Sendable {
    var name: String
    var arguments: CallArguments
    var position: SourcePosition
}

/// A piece of the template body.
indirect enum Statement: Sendable {
    case text(MarkedText)
    case output(Expression, SourcePosition)
    case branches([(condition: Expression, body: [Statement])], otherwise: [Statement])
    case loop(Loop)
    case set(AssignTarget, Expression, SourcePosition)
    case setBlock(AssignTarget, body: [Statement], filters: [FilterApplication])
    case macro(MacroDefinition)
    case callBlock(call: Expression, callerParameters: [(name: String, defaultValue: Expression?)], body: [Statement], SourcePosition)
    case filterBlock([FilterApplication], body: [Statement])
    case breakLoop, continueLoop

    struct Loop: Sendable {
        var target: AssignTarget
        var iterable: Expression
        var condition: Expression?
        var body: [Statement]
        var otherwise: [Statement]
        var recursive: Bool
        /// Whether the body names `loop` at all; most loops do not, and skip building it.
        var usesLoop: Bool
        var position: SourcePosition
    }
}
