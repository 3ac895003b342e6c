import Testing

@testable import SessionStats

@Suite struct SearchTermTests {
    @Test(arguments: [
        (["fix", "login page"], ["fix", "login page"]),
        (["\"exit code\" retry"], ["exit code", "retry"]),
        (["a \"b c\" d"], ["a", "b c", "d"]),
        (["  spaced  "], ["spaced"]),
        (["same", "same"], ["same"]),
        (["\"\"", " "], []),
    ])
    func parsesWordsAndPhrases(words: [String], expected: [String]) {
        #expect(SearchTerm.parse(words).map(\.text) == expected)
    }

    @Test(arguments: [
        ("café", "Le CAFÉ est ouvert", true),
        ("CAFÉ", "un café noir", true),
        ("straße", "STRASSE", false),
        ("σοφία", "ΣΟΦΊΑ", true),
        ("ПРИВЕТ", "привет мир", true),
        ("Login", "the LOGIN page", true),
        ("a.b", "axb", false),
        ("a.b", "see a.b here", true),
        ("x*", "xyz", false),
        ("[0]", "arr[0]", true),
        ("日本", "日本語", true),
    ])
    func matchesLiterallyInAnyCase(term: String, text: String, expected: Bool) {
        var text = text
        let found = text.withUTF8 { SearchTerm(term).firstMatch(in: $0) }
        #expect((found != nil) == expected)
    }

    @Test func reportsTheRangeInTheOriginalText() {
        var text = "İx CAFÉ y"
        let range = text.withUTF8 { SearchTerm("café").firstMatch(in: $0) }
        // İ folds to two scalars; the range still points at CAFÉ's bytes.
        #expect(range == 4..<9)
    }

    @Test func anchorsAreThePlainASCIIPartsJSONNeverEscapes() {
        #expect(SearchTerm("café").anchor?.bytes == Array("caf".utf8))
        #expect(SearchTerm("say \"hi\" now").anchor?.bytes == Array("say ".utf8))
        #expect(SearchTerm("日本").anchor?.bytes == Array("日本".utf8))
        #expect(SearchTerm("ΣΟΦΙΑ").anchor == nil)
    }

    @Test func caselessPatternFindsEitherCaseAcrossTheBuffer() {
        let pattern = CaselessPattern(Array("Quux".utf8))
        var text = "qqq quUX QUUX"
        let found = text.withUTF8 { buffer in
            pattern.firstMatch(in: buffer.baseAddress!, start: 0, end: buffer.count)
        }
        #expect(found == 4)
        var short = "quu"
        #expect(short.withUTF8 { pattern.firstMatch(in: $0.baseAddress!, start: 0, end: $0.count) } == nil)
    }
}
