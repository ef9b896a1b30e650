import Foundation
import Testing
@testable import Engine

/// Stop strings on text that arrives in pieces: what is shown after each piece, where the
/// reply ends, and what is held back and flushed.
@Suite struct StopStringsTests {
    /// Feeds `pieces` until a stop; returns what was shown after each piece fed, and the flush
    /// when no stop string ended the text.
    static func run(_ stops: [String], _ pieces: [String]) -> (shown: [String], flushed: String?, matched: String?) {
        var matcher = StopStrings(stops)
        var shown: [String] = []
        for piece in pieces {
            shown.append(matcher.append(piece))
            if matcher.isStopped { return (shown, nil, matcher.matched) }
        }
        return (shown, matcher.flush(), nil)
    }

    /// The reply as the user sees it: everything shown, then the flush.
    static func reply(_ stops: [String], _ pieces: [String]) -> String {
        let result = run(stops, pieces)
        return result.shown.joined() + (result.flushed ?? "")
    }

    @Test func withoutStopStringsEveryPieceIsShownAtOnce() {
        let result = Self.run([], ["Hello", ", ", "world"])
        #expect(result.shown == ["Hello", ", ", "world"])
        #expect(result.flushed == "")
        #expect(Self.run([""], ["a", "b"]).shown == ["a", "b"])  // an empty stop string is ignored
    }

    @Test func aStopStringSplitAcrossManyPiecesIsHeldBackThenCut() {
        let result = Self.run(["<|user|>"], ["Fine.", " <", "|", "us", "er", "|", ">", " more"])
        #expect(result.shown == ["Fine.", " ", "", "", "", "", ""])
        #expect(result.matched == "<|user|>")
        #expect(result.shown.joined() == "Fine. ")
    }

    @Test func aStopStringInsideOnePieceCutsThatPiece() {
        let result = Self.run(["STOP"], ["one two", " three STOP four", "five"])
        #expect(result.shown == ["one two", " three "])
        #expect(result.matched == "STOP")
    }

    @Test func aPartialMatchThatTurnsOutNotToMatchIsShownLate() {
        let result = Self.run(["User:"], ["a Us", "e", "r said", " User", "s"])
        #expect(result.shown == ["a ", "", "User said", " ", "Users"])
        #expect(result.flushed == "")
        // held back to the end, then flushed
        #expect(Self.run(["User:"], ["a Use"]) == (["a "], "Use", nil))
    }

    @Test func aStopStringAtTheVeryStartLeavesAnEmptyReply() {
        #expect(Self.run(["\n\n"], ["\n\nHi"]) == ([""], nil, "\n\n"))
        #expect(Self.run(["\n\n"], ["\n", "\nHi"]) == (["", ""], nil, "\n\n"))
    }

    @Test func theFirstOfSeveralStopStringsEndsTheText() {
        #expect(Self.reply(["###", "User:", "\n\n"], ["Sure", "!\n", "User", ":", " x ###"]) == "Sure!\n")
        // When one piece completes two, the one that starts first wins.
        #expect(Self.run(["bc", "abcd"], ["xab", "cd"]).matched == "abcd")
        #expect(Self.reply(["bc", "abcd"], ["xab", "cd"]) == "x")
        // A stop string that completes first wins over a longer one still arriving.
        #expect(Self.reply(["abcd", "bc"], ["xa", "b", "c", "d"]) == "xa")
    }

    /// A stop string whose start reappears inside it ("aab" in "aaab"): the automaton falls
    /// back instead of giving up, and holds back only what can still match.
    @Test func overlappingPrefixes() {
        #expect(Self.run(["aab"], ["a", "a", "a", "b"]) == (["", "", "a", ""], nil, "aab"))
        #expect(Self.reply(["abab"], ["ab", "ab", "ab"]) == "")
        #expect(Self.reply(["abac"], ["ab", "ab", "ac"]) == "ab")
        #expect(Self.run(["<|im_end|>", "<|im_start|>"], ["x <|im_", "start|>"]) == (["x ", ""], nil, "<|im_start|>"))
        // one stop string a prefix of another: the shorter is complete first
        #expect(Self.reply(["User", "User:"], ["Hi User:"]) == "Hi ")
    }

    @Test func multiScalarTextIsHeldAndCutBetweenScalars() {
        // "é" arrives whole; the stop string starts after a family emoji of several scalars.
        #expect(Self.run(["→end"], ["café 👨‍👩‍👧 →", "en", "d"]) == (["café 👨‍👩‍👧 ", "", ""], nil, "→end"))
        // A stop string made of an emoji sequence, its scalars split over pieces.
        #expect(Self.reply(["👍🏽"], ["ok ", "👍", "🏽", " yes"]) == "ok ")
        // Bytes, as llama.cpp: "e" is found in a decomposed "é", and a partial "🏽" match is
        // not taken for a thumbs-up of another colour.
        #expect(Self.reply(["e"], ["caf", "e\u{301}"]) == "caf")
        #expect(Self.reply(["👍🏽"], ["👍", "🏿"]) == "👍🏿")
        // Held text never ends inside a scalar: "日本" is held whole, then shown whole.
        #expect(Self.run(["日本語"], ["日本", "人"]) == (["", "日本人"], "", nil))
    }

    @Test func flushHandsOutTheHeldTextOnce() {
        var matcher = StopStrings(["END"])
        #expect(matcher.append("the EN") == "the ")
        #expect(matcher.flush() == "EN")
        #expect(matcher.flush() == "")
        // After a flush the text starts afresh: "EN" is not the start of a match any more.
        #expect(matcher.append("D") == "D")
    }

    @Test func afterAStopNothingMoreIsShown() {
        var matcher = StopStrings(["x"])
        #expect(matcher.append("axb") == "a")
        #expect(matcher.append("more") == "")
        #expect(matcher.flush() == "")
        #expect(matcher.matched == "x")
    }

    /// Changing the stop strings (live, while generating) checks the held-back text again.
    @Test func changedStopStringsApplyToTheHeldText() {
        var matcher = StopStrings(["User:"])
        #expect(matcher.append("hi Us") == "hi ")
        matcher.stops = ["Us"]
        #expect(matcher.append("") == "")
        #expect(matcher.matched == "Us")

        var widened = StopStrings(["Use"])
        #expect(widened.append("a U") == "a ")
        widened.stops = []
        #expect(widened.append("b") == "Ub")

        var atTheEnd = StopStrings(["User:"])
        #expect(atTheEnd.append("ok Us") == "ok ")
        atTheEnd.stops = ["U"]
        #expect(atTheEnd.flush() == "")  // the held "Us" holds a stop string now
        #expect(atTheEnd.matched == "U")
    }

    /// A long stop string costs no more than its length: a megabyte of near-misses against a
    /// 10 000-byte stop string (the naive search would compare ~10^10 bytes).
    @Test func longStopStringsStayLinear() {
        let stop = String(repeating: "a", count: 10_000) + "b"
        var matcher = StopStrings([stop])
        var shown = 0
        for _ in 0 ..< 100 { shown += matcher.append(String(repeating: "a", count: 10_000)).utf8.count }
        #expect(shown == 1_000_000 - 10_000)
        #expect(matcher.append("b") == "")
        #expect(matcher.matched == stop)
    }
}
