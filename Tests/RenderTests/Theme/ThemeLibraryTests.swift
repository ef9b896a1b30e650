import Foundation
import Testing
@testable import Render

@Suite struct ThemeLibraryTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    @Test func shipsTheFourThemesAndTheyParse() throws {
        for name in ["default-dark", "light", "high-contrast", "mono"] {
            let theme = try ThemeLibrary.load(name, userDirectory: nil)
            #expect(theme.name == name)
            #expect(Set(theme.roles.keys) == Set(ThemeRole.allCases), "\(name) sets every role")
        }
        #expect(ThemeLibrary.builtin("mono").isMonochrome)
        #expect(!ThemeLibrary.builtin("default-dark").isMonochrome)
    }

    @Test func embeddedThemesMatchTheThemeFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path).filter { $0.hasSuffix(".theme") }
        #expect(Set(files.map { String($0.dropLast(6)) }) == Set(ThemeLibrary.builtinSources.keys))
        for file in files {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(file), encoding: .utf8)
            #expect(ThemeLibrary.builtinSources[String(file.dropLast(6))] == text,
                    "\(file) changed: run python3 Themes/generate_builtin_themes.py")
        }
    }

    @Test func noColorSelectsMono() {
        #expect(ThemeLibrary.startupThemeName(requested: nil, environment: ["NO_COLOR": "1"]) == "mono")
        #expect(ThemeLibrary.startupThemeName(requested: nil, environment: ["NO_COLOR": ""]) == "default-dark")
        #expect(ThemeLibrary.startupThemeName(requested: "light", environment: ["NO_COLOR": "1"]) == "light")
    }

    @Test func userThemesOverrideAndReportErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genplay-themes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "text = #010203".write(to: folder.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        try "text = nope".write(to: folder.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)

        #expect(try ThemeLibrary.load("light", userDirectory: folder).roles[.text]?.foreground == .rgb(RGB(1, 2, 3)))
        #expect(throws: ThemeLibrary.LookupError.self) { try ThemeLibrary.load("broken", userDirectory: folder) }
        do {
            _ = try ThemeLibrary.load("missing", userDirectory: folder)
            Issue.record("expected notFound")
        } catch {
            #expect(error == .notFound(name: "missing", available: ["broken", "default-dark", "high-contrast", "light", "mono"]))
        }
    }
}
