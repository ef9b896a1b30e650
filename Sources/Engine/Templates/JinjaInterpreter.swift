/// Names visible at one point of a template: a loop iteration, a macro call or the template's
/// top level, each seeing its parent's (a macro sees where it was defined, as in jinja2).
final class JinjaScope {
    var values: [String: JinjaValue] = [:]
    let parent: JinjaScope?
    /// A loop iteration's `loop`, built the first time the body reads it.
    var loop: (() -> JinjaValue)?

    init(parent: JinjaScope?, _ values: [String: JinjaValue] = [:]) {
        self.parent = parent
        self.values = values
    }

    func lookup(_ name: String) -> JinjaValue? {
        var scope: JinjaScope? = self
        while let s = scope {
            if let value = s.values[name] { return value }
            if name == "loop", let make = s.loop {
                let value = make()
                s.values[name] = value
                return value
            }
            scope = s.parent
        }
        return nil
    }
}

/// Runs a parsed template: statements write into the current output buffer; `set` blocks,
/// macros and filter blocks render into buffers of their own. Every step counts against
/// `JinjaLimits`, so a hostile template ends with an error instead of running away.
final class JinjaInterpreter {
    enum Flow { case normal, breakLoop, continueLoop }

    let limits: JinjaLimits
    var scope: JinjaScope
    private var buffers: [MarkedText] = [MarkedText()]
    private var steps = 0
    private var callDepth = 0
    /// Where the statement running now starts, for runtime errors.
    private var position = SourcePosition(line: 1, column: 1)
    let now: JinjaDate

    init(globals: [String: JinjaValue], limits: JinjaLimits, now: JinjaDate) {
        self.limits = limits
        self.now = now
        scope = JinjaScope(parent: nil)
        scope.values = builtinGlobals().merging(globals) { $1 }
        scope = JinjaScope(parent: scope)
    }

    func render(_ body: [Statement]) throws -> MarkedText {
        do {
            _ = try execute(body)
        } catch let JinjaError.runtime(message) where !message.hasPrefix("line ") {
            throw JinjaError.runtime("line \(position.line): \(message)")
        }
        return buffers[0]
    }

    /// One unit of work; past the limit rendering stops.
    func tick(_ amount: Int = 1) throws {
        steps += amount
        if steps > limits.steps { throw JinjaError.limit("more than \(limits.steps) steps (a loop too long?)") }
    }

    func write(_ text: MarkedText) throws {
        buffers[buffers.count - 1].append(text)
        try checkSize(buffers[buffers.count - 1].text.utf8.count)
    }

    func checkSize(_ bytes: Int) throws {
        if bytes > limits.outputBytes { throw JinjaError.limit("output over \(limits.outputBytes) bytes") }
    }

    /// Runs `body` into a fresh buffer and returns what it wrote.
    func capture(_ body: () throws -> Void) throws -> MarkedText {
        buffers.append(MarkedText())
        defer { buffers.removeLast() }
        try body()
        return buffers[buffers.count - 1]
    }

    /// Runs `body` in a child scope of `parent` (the current scope by default).
    func within<T>(_ child: JinjaScope, _ body: () throws -> T) rethrows -> T {
        let saved = scope
        scope = child
        defer { scope = saved }
        return try body()
    }

    func execute(_ statements: [Statement]) throws -> Flow {
        for statement in statements {
            try tick()
            let flow = try execute(statement)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private func execute(_ statement: Statement) throws -> Flow {
        switch statement {
        case let .text(text):
            try write(text)
        case let .output(expression, at):
            position = at
            try write(try evaluate(expression).rendered)
        case let .branches(branches, otherwise):
            for branch in branches where try evaluate(branch.condition).isTruthy {
                return try execute(branch.body)
            }
            return try execute(otherwise)
        case let .loop(loop):
            position = loop.position
            return try run(loop)
        case let .set(target, expression, at):
            position = at
            try assign(target, try evaluate(expression))
        case let .setBlock(target, body, filters):
            var value = JinjaValue.string(try capture { _ = try execute(body) })
            for filter in filters { value = try applyFilter(filter.name, to: value, filter.arguments) }
            try assign(target, value)
        case let .macro(definition):
            scope.values[definition.name] = .function(macro(definition, definedIn: scope))
        case let .callBlock(call, parameters, body, at):
            position = at
            let definition = MacroDefinition(name: "caller", parameters: parameters, body: body)
            try write(try evaluate(call, caller: macro(definition, definedIn: scope)).rendered)
        case let .filterBlock(filters, body):
            var value = JinjaValue.string(try capture { _ = try execute(body) })
            for filter in filters { value = try applyFilter(filter.name, to: value, filter.arguments) }
            try write(value.rendered)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        }
        return .normal
    }

    func assign(_ target: AssignTarget, _ value: JinjaValue) throws {
        switch target {
        case let .name(name):
            scope.values[name] = value
        case let .names(names):
            let items = try value.iterated()
            guard items.count == names.count else {
                throw JinjaError.runtime("cannot unpack \(items.count) values into \(names.count) names")
            }
            for (name, item) in zip(names, items) { scope.values[name] = item }
        case let .member(name, member):
            guard case let .namespace(ns)? = scope.lookup(name) else {
                throw JinjaError.runtime("cannot assign attribute on non-namespace object '\(name)'")
            }
            ns.attributes.set(member, value)
        }
    }

    private func run(_ loop: Statement.Loop) throws -> Flow {
        try run(loop, over: try evaluate(loop.iterable), depth: 1)
    }

    /// One pass of a `for` loop; a `recursive` loop's body calls `loop(items)` for the next depth.
    private func run(_ loop: Statement.Loop, over iterable: JinjaValue, depth: Int) throws -> Flow {
        var items = try iterable.iterated()
        if let condition = loop.condition {
            items = try items.filter { item in
                try within(JinjaScope(parent: scope)) {
                    try assign(loop.target, item)
                    return try evaluate(condition).isTruthy
                }
            }
        }
        if items.isEmpty { return try execute(loop.otherwise) }
        let outer = scope
        for (i, item) in items.enumerated() {
            try tick()
            let iteration = JinjaScope(parent: outer)
            if loop.usesLoop {
                iteration.loop = { [unowned self] in
                    var info = loopInfo(index: i, items: items, depth: depth)
                    if loop.recursive {
                        info.set("__call__", .function(JinjaFunction("loop") { [unowned self] args in
                            callDepth += 1
                            defer { callDepth -= 1 }
                            if callDepth > limits.callDepth { throw JinjaError.limit("recursive loop nested more than \(limits.callDepth) deep") }
                            let children = args.positional.first ?? .list([])
                            return .string(try capture { _ = try within(outer) { try run(loop, over: children, depth: depth + 1) } })
                        }))
                    }
                    return .dict(info)
                }
            }
            let flow = try within(iteration) {
                try assign(loop.target, item)
                return try execute(loop.body)
            }
            if flow == .breakLoop { break }
        }
        return .normal
    }

    /// jinja2's `loop` variable for iteration `index`.
    private func loopInfo(index: Int, items: [JinjaValue], depth: Int) -> JinjaDict {
        let count = items.count
        var info = JinjaDict()
        info.set("index", .int(index + 1))
        info.set("index0", .int(index))
        info.set("revindex", .int(count - index))
        info.set("revindex0", .int(count - index - 1))
        info.set("first", .bool(index == 0))
        info.set("last", .bool(index == count - 1))
        info.set("length", .int(count))
        info.set("depth", .int(depth))
        info.set("depth0", .int(depth - 1))
        info.set("previtem", index > 0 ? items[index - 1] : .undefined("loop.previtem"))
        info.set("nextitem", index + 1 < count ? items[index + 1] : .undefined("loop.nextitem"))
        info.set("cycle", .function(JinjaFunction("loop.cycle") { args in
            guard !args.positional.isEmpty else { throw JinjaError.runtime("no items for cycling given") }
            return args.positional[index % args.positional.count]
        }))
        return info
    }

    /// A macro as a function: arguments bound to its parameters (the rest in `varargs` and
    /// `kwargs`), its body rendered in a scope of its own.
    private func macro(_ definition: MacroDefinition, definedIn home: JinjaScope) -> JinjaFunction {
        JinjaFunction(definition.name) { [unowned self] args in
            callDepth += 1
            defer { callDepth -= 1 }
            if callDepth > limits.callDepth { throw JinjaError.limit("macros nested more than \(limits.callDepth) deep") }
            let frame = JinjaScope(parent: home)
            return try within(frame) {
                var extra: [JinjaValue] = []
                for (i, value) in args.positional.enumerated() {
                    if i < definition.parameters.count { frame.values[definition.parameters[i].name] = value } else { extra.append(value) }
                }
                var kwargs = JinjaDict()
                for (name, value) in args.named {
                    if name == "caller" || definition.parameters.contains(where: { $0.name == name }) { frame.values[name] = value } else { kwargs.set(name, value) }
                }
                for parameter in definition.parameters where frame.values[parameter.name] == nil {
                    frame.values[parameter.name] = try parameter.defaultValue.map { try evaluate($0) } ?? .undefined(parameter.name)
                }
                frame.values["varargs"] = .list(extra)
                frame.values["kwargs"] = .dict(kwargs)
                return .string(try capture { _ = try execute(definition.body) })
            }
        }
    }
}
