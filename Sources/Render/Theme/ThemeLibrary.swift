import Foundation

/// Finds themes by name: a user's `NAME.theme` in `$XDG_CONFIG_HOME/genplay/themes`
/// (default `~/.config/genplay/themes`) first, then the themes built into the binary.
public enum ThemeLibrary {
    public static let defaultName = "default-dark"
    public static let monochromeName = "mono"

    public enum LookupError: Error, Equatable, CustomStringConvertible {
        case notFound(name: String, available: [String])
        case unreadable(path: String, reason: String)
        case invalid(ThemeError)

        public var description: String {
            switch self {
            case .notFound(let name, let available):
                "no theme named `\(name)`; available: \(available.joined(separator: ", "))"
            case .unreadable(let path, let reason): "cannot read theme \(path): \(reason)"
            case .invalid(let error): error.description
            }
        }
    }

    /// The theme to start with: `requested` when given, else mono when `NO_COLOR` is set to
    /// anything non-empty (https://no-color.org), else the default.
    public static func startupThemeName(requested: String?, environment: [String: String]) -> String {
        if let requested { return requested }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return monochromeName }
        return defaultName
    }

    public static func userDirectory(environment: [String: String]) -> URL {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return config.appendingPathComponent("genplay/themes")
    }

    public static func load(_ name: String, userDirectory: URL?) throws(LookupError) -> Theme {
        if let userDirectory {
            let file = userDirectory.appendingPathComponent("\(name).theme")
            if FileManager.default.fileExists(atPath: file.path) {
                let text: String
                do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                    throw .unreadable(path: file.path, reason: error.localizedDescription)
                }
                do { return try ThemeParser.parse(text, name: name, source: file.path) } catch { throw .invalid(error) }
            }
        }
        guard let text = builtinSources[name] else {
            throw .notFound(name: name, available: availableNames(userDirectory: userDirectory))
        }
        do { return try ThemeParser.parse(text, name: name) } catch { throw .invalid(error) }
    }

    /// The built-in theme `name`; these are tested to parse, so a failure is a programming error.
    public static func builtin(_ name: String) -> Theme {
        guard let text = builtinSources[name], let theme = try? ThemeParser.parse(text, name: name) else {
            preconditionFailure("built-in theme \(name) is missing or invalid")
        }
        return theme
    }

    public static func availableNames(userDirectory: URL?) -> [String] {
        var names = Set(builtinSources.keys)
        if let userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: userDirectory.path) {
            names.formUnion(files.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) })
        }
        return names.sorted()
    }
}
