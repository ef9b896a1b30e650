import Testing
@testable import Engine

/// Stop strings over generated tokens: which tokens reach the reply, and when.
@Suite struct StopStringFilterTests {
    static func token(_ id: Int32, _ text: String, end: Bool = false) -> GeneratedToken {
        GeneratedToken(id: id, text: text, probability: 0.5, alternatives: [], isEndOfGeneration: end)
    }

    /// Feeds the tokens (ids 1, 2, …) until a stop; returns the ids and texts handed on after
    /// each one, and then those of a flush when nothing stopped.
    static func run(_ stops: [String], _ texts: [String], end: Bool = false) -> [[String]] {
        var filter = StopStringFilter(stops)
        var steps: [[String]] = []
        for (index, text) in texts.enumerated() {
            steps.append(filter.append(token(Int32(index + 1), text)).map { "\($0.id):\($0.text)" })
            if filter.isStopped { return steps }
        }
        steps.append((end ? filter.append(token(99, "", end: true)) : filter.flush()).map { "\($0.id):\($0.text)" })
        return steps
    }

    @Test func tokensPassAtOnceWhenNothingCanMatch() {
        #expect(Self.run([], ["a", "b"]) == [["1:a"], ["2:b"], []])
        #expect(Self.run(["zz"], ["a", "b"]) == [["1:a"], ["2:b"], []])
    }

    @Test func tokensOfTheStopStringAreDropped() {
        // "<|user|>" over three tokens after "Hi": those three never reach the reply.
        #expect(Self.run(["<|user|>"], ["Hi", "<|", "user", "|>", "more"]) == [["1:Hi"], [], [], []])
    }

    @Test func theTokenTheStopStringStartsInIsCut() {
        // " Us" + "er:" with "User:": token 2 keeps " ", token 3 is dropped.
        let steps = Self.run(["User:"], ["Hi", " Us", "er:", " x"])
        #expect(steps == [["1:Hi"], [], ["2: "]])
    }

    @Test func aTokenIsHeldWhileItsEndCouldStartAStopString() {
        // "Hi U" is held while "U" may start "User:"; "nit" rules it out: both go together.
        #expect(Self.run(["User:"], ["Hi U", "nit", "."]) == [[], ["1:Hi U", "2:nit"], ["3:."], []])
    }

    @Test func theEndOfGenerationFlushesHeldTokensBeforeIt() {
        #expect(Self.run(["User:"], ["ok", " Use"], end: true) == [["1:ok"], [], ["2: Use", "99:"]])
        #expect(Self.run(["User:"], ["ok", " Use"]) == [["1:ok"], [], ["2: Use"]])
    }

    @Test func aStopStringAtTheVeryStartLeavesNoTokens() {
        #expect(Self.run(["\n\n"], ["\n\n", "Hi"]) == [[]])
        #expect(Self.run(["\n\n"], ["\n", "\nHi"]) == [[], []])
    }

    /// A character split over tokens: the first token's text is empty until the second
    /// completes the character. An empty token before the stop string is part of it.
    @Test func emptyTokensOfASplitCharacter() {
        #expect(Self.run(["é!"], ["ab", "", "é", "!"]) == [["1:ab"], [], [], []])
        #expect(Self.run(["é!"], ["ab", "", "é", "?"]) == [["1:ab"], [], [], ["2:", "3:é", "4:?"], []])
        #expect(Self.run([], ["", "é"]) == [[], ["1:", "2:é"], []])
    }

    @Test func aCutTokenKeepsItsIdAndAlternatives() {
        var filter = StopStringFilter(["\n\n"])
        let alternatives = [TokenAlternative(id: 7, text: "x.\n\n", probability: 0.6), TokenAlternative(id: 8, text: "y", probability: 0.4)]
        let shown = filter.append(GeneratedToken(id: 7, text: "x.\n\n", probability: 0.6, alternatives: alternatives, isEndOfGeneration: false))
        #expect(shown == [GeneratedToken(id: 7, text: "x.", probability: 0.6, alternatives: alternatives, isEndOfGeneration: false)])
        #expect(filter.matched == "\n\n")
        #expect(filter.append(Self.token(9, "later")) == [])
        #expect(filter.flush() == [])
    }

    @Test func stopStringsChangedBetweenTokensApplyToTheHeldOnes() {
        var filter = StopStringFilter(["User:"])
        #expect(filter.append(Self.token(1, "a Us")) == [])
        filter.stops = ["Us"]
        #expect(filter.append(Self.token(2, "er")) == [Self.token(1, "a ")])
        #expect(filter.matched == "Us")
    }
}
