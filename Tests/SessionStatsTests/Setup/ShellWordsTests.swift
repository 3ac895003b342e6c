import Testing

@testable import SessionStats

@Suite struct ShellWordsTests {
    @Test(arguments: [
        ("/home/u/.local/bin/session-logger", "/home/u/.local/bin/session-logger"),
        ("~/.local/bin/session-logger", "~/.local/bin/session-logger"),
        ("/Users/Jane Doe/bin/session-logger", "'/Users/Jane Doe/bin/session-logger'"),
        ("~/my bin/session-logger", "~/'my bin/session-logger'"),
        ("/it's/session-logger", "'/it'\\''s/session-logger'"),
        ("/a$b/session-logger", "'/a$b/session-logger'"),
    ])
    func quotesOnlyWhenNeeded(path: String, word: String) {
        #expect(ShellWords.quoted(path) == word)
        // Whatever the quoting, the program name reads back.
        #expect(ShellWords.programName(of: word + " --flag") == "session-logger")
    }

    @Test func splitsWordsLikeAShell() {
        let words = ShellWords.words(of: #"  a 'b c'd "e \" f" g\ h ; ignored"#).map(\.text)
        #expect(words == ["a", "b cd", "e \" f", "g h"])
    }
}
