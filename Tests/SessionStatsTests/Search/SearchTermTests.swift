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
        ("straße", "STRASSE", true),
        ("STRASSE", "die Straße ist", true),
        ("strasse", "DIE STRAẞE", true),
        ("ẞ", "Fuß", true),
        ("fuss", "FUẞ", true),
        ("file", "the ﬁle menu", true),
        ("ﬁle", "FILE", true),
        ("ﬄ", "baffle", true),
        ("ss", "ſs", true),
        ("kelvin", "273 \u{212A}ELVIN", true),
        ("baﬄe", "BAFFLE", true),
        ("λόγος", "ΛΌΓΟΣ", true),
        ("ΛΌΓΟΣ", "ο λόγος", true),
        ("σοφός", "ΣΟΦΌΣ", true),
        ("İstanbul", "istanbul", true),
        ("istanbul", "İSTANBUL", true),
        ("kırmızı", "KIRMIZI", true),
        ("KIRMIZI", "kırmızı", true),
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

    @Test(arguments: [
        ("strasse", "Die STRAßE ist", "STRAßE"),
        ("STRASSE", "in der straße.", "straße"),
        ("file", "the ﬁle menu", "ﬁle"),
        ("λόγος", "ο ΛΌΓΟΣ μου", "ΛΌΓΟΣ"),
        ("istanbul", "from İstanbul on", "İstanbul"),
        ("café", "ß CAFÉ", "CAFÉ"),
    ])
    func highlightsTheOriginalCharacters(term: String, text: String, expected: String) {
        var text = text
        let found = text.withUTF8 { buffer in
            SearchTerm(term).firstMatch(in: buffer).map { String(decoding: buffer[$0], as: UTF8.self) }
        }
        #expect(found == expected)
    }

    @Test func anchorsSkipLettersANonASCIILetterMayStandFor() {
        // `ss` may be written `ß`, `fi` `ﬁ`, `i` `İ`: the raw bytes need not hold them.
        #expect(SearchTerm("strasse").anchor?.bytes == Array("ra".utf8))
        #expect(SearchTerm("straße").anchor?.bytes == Array("ra".utf8))
        #expect(SearchTerm("migration").anchor?.bytes == Array("grat".utf8))
        #expect(SearchTerm("database").anchor?.bytes == Array("database".utf8))
        #expect(SearchTerm("kelvin").anchor?.bytes == Array("elv".utf8))
    }

    @Test(arguments: [
        ("migration", #"{"text":"a MIGRATION here"}"#, true),
        ("migration", #"{"text":"m\u0130gration"}"#, true),
        ("migration", #"{"text":"MİGRATİON"}"#, true),
        ("migration", #"{"text":"mıgratıon"}"#, true),
        ("migration", #"{"text":"integration, grateful"}"#, false),
        ("migration", #"{"text":"migrate"}"#, false),
        ("strasse", #"{"text":"STRAẞE"}"#, true),
        ("strasse", #"{"text":"extra"}"#, false),
        ("database", #"{"text":"DataBase"}"#, true),
    ])
    func rawPreFilterKeepsEveryLineThatMayHoldTheTerm(term: String, line: String, kept: Bool) {
        var line = line
        let result = line.withUTF8 {
            SearchTerm(term).mayOccur(inRaw: $0.baseAddress!, start: 0, end: $0.count)
        }
        #expect(result == kept)
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
