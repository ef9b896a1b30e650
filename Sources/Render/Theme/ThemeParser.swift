/// A theme file that could not be read, with the line at fault.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public let source: String
    public let line: Int
    public let message: String

    public var description: String { "\(source):\(line): \(message)" }
}

/// Reads the plain-text theme format:
///
///     # comment (a `#` followed by a space, or at the end of a line)
///     text   = #cdd6f4 on #1e1e2e
///     accent = #89b4fa, bold
///     cursor = default on default, reverse
///
/// `role = [colour] [on colour] [, attribute ...]`, where a colour is `#rrggbb` or `default`
/// and the attributes are bold, dim, italic, underline and reverse.
public enum ThemeParser {
    public static func parse(_ text: String, name: String, source: String? = nil) throws(ThemeError) -> Theme {
        let source = source ?? "\(name).theme"
        var roles: [ThemeRole: ThemeStyle] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = stripComment(rawLine).trimmingSpaces()
            if line.isEmpty { continue }
            func fail(_ message: String) -> ThemeError { ThemeError(source: source, line: lineNumber, message: message) }

            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected `role = colour`, found `\(line)`")
            }
            let roleName = line[..<equals].trimmingSpaces()
            guard let role = ThemeRole(name: String(roleName)) else {
                throw fail("unknown role `\(roleName)`; known roles: \(ThemeRole.allCases.map(\.name).joined(separator: ", "))")
            }
            guard roles[role] == nil else { throw fail("role `\(roleName)` is set twice") }
            do {
                roles[role] = try parseStyle(line[line.index(after: equals)...])
            } catch let problem {
                throw fail(problem.message)
            }
        }
        return Theme(name: name, roles: roles)
    }

    private struct Problem: Error { let message: String }

    private static func parseStyle(_ value: Substring) throws(Problem) -> ThemeStyle {
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        var style = ThemeStyle()
        // The colours come first and are optional: `muted = dim` sets only an attribute.
        let hasColours = attributeNames[String(parts[0])] == nil
        let colours = hasColours ? parts[0].split(separator: " ", omittingEmptySubsequences: true) : []
        switch colours.count {
        case 0: break
        case 1: style.foreground = try parseColor(colours[0])
        case 2 where colours[0] == "on": style.background = try parseColor(colours[1])
        case 3 where colours[1] == "on":
            style.foreground = try parseColor(colours[0])
            style.background = try parseColor(colours[2])
        default: throw Problem(message: "expected `colour`, `on colour` or `colour on colour`, found `\(parts[0])`")
        }
        for name in parts.dropFirst(hasColours ? 1 : 0) {
            guard let attribute = attributeNames[String(name)] else {
                throw Problem(message: "unknown attribute `\(name)`; expected one of bold, dim, italic, underline, reverse")
            }
            style.attributes.insert(attribute)
        }
        if colours.isEmpty && style.attributes.isEmpty { throw Problem(message: "missing value after `=`") }
        return style
    }

    private static func parseColor(_ token: Substring) throws(Problem) -> CellColor {
        if token == "default" { return .terminalDefault }
        guard token.hasPrefix("#"), let rgb = RGB(hex: token) else {
            throw Problem(message: "bad colour `\(token)`: expected #rrggbb or default")
        }
        return .rgb(rgb)
    }

    private static let attributeNames: [String: CellAttributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse,
    ]

    /// Drops a comment: a line starting with `#`, or ` # ...` after a value (a `#` that starts
    /// a word and is followed by a space or the line's end, so `#rrggbb` stays a colour).
    private static func stripComment(_ line: Substring) -> Substring {
        if line.trimmingSpaces().hasPrefix("#") { return line[line.endIndex...] }
        var previous: Character = " "
        for index in line.indices {
            let next = line.index(after: index)
            if line[index] == "#", previous == " ", next == line.endIndex || line[next] == " " {
                return line[..<index]
            }
            previous = line[index]
        }
        return line
    }
}

extension StringProtocol {
    func trimmingSpaces() -> SubSequence {
        let start = firstIndex { $0 != " " && $0 != "\t" && $0 != "\r" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" && $0 != "\r" }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
