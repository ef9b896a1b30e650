import Testing

/// `genplay --version` prints one line, and the help lists it.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct VersionTests {
    @Test func versionIsOneLine() throws {
        let result = try Genplay.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.wholeMatch(of: /genplay \d+\.\d+\.\d+\n/) != nil, "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    @Test func helpListsVersion() throws {
        let result = try Genplay.run(["--help"])
        #expect(result.stdout.contains("\n  genplay --version   print the version\n"))
    }
}
