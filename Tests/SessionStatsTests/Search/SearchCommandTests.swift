import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct SearchCommandTests {
    @Test(arguments: [
        // AND: every word, anywhere in the session.
        (["exit", "review"], [SearchFixture.review]),
        (["exit", "build"], [SearchFixture.shop]),
        (["menu", "nowhere"], []),
        // Case folding, ASCII and beyond.
        (["MENU"], [SearchFixture.shop, SearchFixture.blog]),
        (["café"], [SearchFixture.shop]),
        (["CAFÉ"], [SearchFixture.shop]),
        (["ΣΟΦΊΑ"], [SearchFixture.blog]),
        (["σοφια"], [SearchFixture.review]),
        // A quoted phrase must occur as written; the words alone occur in both sessions.
        (["\"exit code\""], [SearchFixture.shop]),
        (["exit code"], [SearchFixture.shop]),
        (["exit", "code"], [SearchFixture.review, SearchFixture.shop]),
        // Literal text: never a pattern.
        (["a.b"], [SearchFixture.review]),
        (["x*y"], [SearchFixture.review]),
        (["arr[0]"], [SearchFixture.review]),
        (["a*b"], []),
        // Not read by default: tool input and output, thinking, Claude Code's own text, subagents.
        (["toolinputonly"], []),
        (["tooloutputonly"], []),
        (["thinkonly"], []),
        (["metaonly"], []),
        (["sidechainonly"], []),
        (["agentonly"], []),
    ])
    func matchingRules(words: [String], expected: [String]) {
        #expect(SearchFixture().ids(words) == expected)
    }

    @Test(arguments: [
        (["--all", "toolinputonly"], [SearchFixture.shop]),
        (["--all", "tooloutputonly"], [SearchFixture.shop]),
        (["--all", "metaonly"], [SearchFixture.shop]),
        (["--thinking", "thinkonly"], [SearchFixture.shop]),
        (["--subagents", "agentonly"], [SearchFixture.blog]),
        (["--subagents", "sidechainonly"], [SearchFixture.shop]),
        (["-p", "BLOG", "menu"], [SearchFixture.blog]),
        (["--project", "user/shop"], [SearchFixture.review, SearchFixture.shop]),
        (["--since", "2026-11-15", "menu"], [SearchFixture.shop]),
        (["--until", "2026-11-15", "menu"], [SearchFixture.blog]),
        (["--date", "2026-11-21"], [SearchFixture.review]),
        (["--since", "5d"], [SearchFixture.review, SearchFixture.shop]),
    ])
    func scopeAndFilters(arguments: [String], expected: [String]) {
        #expect(SearchFixture().ids(arguments) == expected)
    }

    @Test func newestFirstByTheSessionsOwnTimestamps() {
        // File order and modification times say nothing; the last timestamps do.
        #expect(SearchFixture().ids([]) == [SearchFixture.review, SearchFixture.shop, SearchFixture.blog])
    }

    @Test func limitShowsTheNewestAndSaysSo() {
        let fixture = SearchFixture()
        let result = fixture.run(["-n", "1", "menu"])
        #expect(result.code == .success)
        #expect(result.out.contains("menu-prices"))
        #expect(!result.out.contains("σοφία"))
        #expect(result.out.contains("Newest 1 shown; -n 0 shows all."))
    }

    @Test func titlesPreferTheCustomTitleThenTheAITitleThenSummaryThenThePrompt() {
        let fixture = SearchFixture()
        let out = fixture.run(["--json"]).out
        #expect(out.contains("\"title\": \"menu-prices\""))
        #expect(out.contains("\"title\": \"Old summary of an earlier conversation\""))
        #expect(out.contains("\"title\": \"Write a post about σοφία and the menu\""))
    }

    @Test func textOutputMatchesTheGolden() {
        let fixture = SearchFixture()
        let out = fixture.run(["menu"]).out + "\n---\n" + fixture.run([]).out
        let actual = out.replacing(SearchFixture.root, with: "ROOT")
        #expect(GoldenFile.expected("search-menu.txt", actual: actual) == actual)
    }

    @Test func jsonOutputMatchesTheGolden() {
        let fixture = SearchFixture()
        let actual = fixture.run(["--json", "café"]).out.replacing(SearchFixture.root, with: "ROOT")
        #expect(GoldenFile.expected("search-cafe.json", actual: actual) == actual)
    }

    @Test func highlightsTheWordsOnATerminal() {
        let out = SearchFixture().run(["PRICES"], isTerminal: true).out
        #expect(out.contains("\u{1B}[1mprices\u{1B}[0m"))
    }

    @Test func skipsAndCountsLinesThatAreNotJSON() {
        // Indexing reads every line once: one is broken; the half-written last line is left for later.
        let fixture = SearchFixture()
        let result = fixture.run([])
        #expect(result.code == .success)
        #expect(
            result.err == "note: skipped 1 transcript line that is not well-formed JSON or too long to read\n"
        )
        #expect(result.out.contains("Old summary"))
        // The line still counts for the searches that read it.
        #expect(fixture.run(["broken"]).err.contains("note: skipped 1 transcript line"))
        #expect(fixture.run(["last", "words"]).err == "")
    }

    @Test func allWithoutWordsIsAUsageError() {
        let result = SearchFixture().run(["--all"])
        #expect(result.code == .usage)
        #expect(result.err.hasPrefix("error: missing words to search for"))
        if case .failure = SearchCommand.parse(["--all", "\" \""]) {
        } else {
            Issue.record("accepted blank words")
        }
    }

    @Test func noTranscriptsAtAllIsANoteAndExitZero() {
        let empty = ScratchDirectory()
        let result = SearchFixture(transcripts: empty.file("missing")).run(["anything"])
        #expect(result.code == .success)
        #expect(result.err.contains("note: no Claude Code transcripts in"))
        #expect(result.out == "No session contains \"anything\".\n")
    }

    @Test func parseKeepsWordsAndOptions() throws {
        let options = try SearchCommand.parse(["fix", "-p", "shop", "-n", "3", "login page", "--subagents"])
            .get()
        #expect(options.words == ["fix", "login page"])
        #expect(options.project == "shop")
        #expect(options.limit == 3)
        #expect(options.subagents)
        #expect(try SearchCommand.parse(["--", "-n"]).get().words == ["-n"])
    }
}
