/// How far a template may go before rendering stops with `JinjaError.limit`: enough for any
/// real chat (a 100-turn chat takes a few thousand steps), small enough that a hostile
/// template ends in well under a second.
public struct JinjaLimits: Sendable {
    public var outputBytes = 10_000_000
    public var steps = 1_000_000
    public var callDepth = 100

    public init() {}
}

/// A Jinja template as Hugging Face renders chat templates (jinja2 with `trim_blocks`,
/// `lstrip_blocks`, loop controls, its `tojson`, `raise_exception` and `strftime_now`). Parsed
/// once; each `render` runs on its own values.
public struct JinjaTemplate: Sendable {
    let body: [Statement]

    /// Throws `JinjaError.syntax` with the line and column of the first error.
    public init(_ source: String) throws {
        body = try JinjaParser.parse(source)
    }

    /// The text the template writes for `context` (its variables), with which stretches came
    /// from the context's marked strings.
    public func render(_ context: [String: JinjaValue], limits: JinjaLimits = JinjaLimits(), date: JinjaDate = .now) throws -> MarkedText {
        try JinjaInterpreter(globals: context, limits: limits, now: date).render(body)
    }
}
