import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite("Report text")
struct StatsReportTextTests {
    @Test(
        "the week's report matches its golden file",
        arguments: [
            (["--range", "week"], "report-week.txt"),
            (["--range", "today"], "report-today.txt"),
            (["--range", "week", "--project", "api", "--top", "1"], "report-week-api.txt"),
        ])
    func golden(arguments: [String], file: String) throws {
        let test = TestContext()
        #expect(test.run(["report"] + arguments) == .success)
        let expected = try #require(
            GoldenFile.expected(file, actual: test.captured.standardOutput),
            "missing \(file); run with UPDATE_GOLDEN=1")
        #expect(test.captured.standardOutput == expected)
        #expect(test.captured.standardError == "")
    }

    @Test("colour codes only on a terminal without NO_COLOR or --no-color")
    func colour() {
        let terminal = TestContext(isTerminal: true)
        _ = terminal.run(["--range", "week"])
        #expect(terminal.captured.standardOutput.contains("\u{1B}["))

        for (variables, flags) in [
            (["HOME": "/h", "NO_COLOR": "1"], [String]()), (["HOME": "/h"], ["--no-color"]),
        ] {
            let test = TestContext(variables: variables, isTerminal: true)
            _ = test.run(["--range", "week"] + flags)
            #expect(!test.captured.standardOutput.contains("\u{1B}"))
            #expect(test.captured.standardOutput.contains("Summary"))
        }
        let pipe = TestContext(isTerminal: false)
        _ = pipe.run(["--range", "week"])
        #expect(!pipe.captured.standardOutput.contains("\u{1B}"))
    }

    @Test("the rates used are named, and an unknown model is called out")
    func ratesNamed() {
        let test = TestContext()
        _ = test.run(["--range", "week"])
        let text = test.captured.standardOutput
        #expect(text.contains("Opus 4.5+"))
        #expect(text.contains("Haiku 4.5"))
        #expect(text.contains("Sonnet 4.x"))
        #expect(text.contains("unknown model (Sonnet rates)"))
        #expect(text.contains("Model unknown for 1 session: priced at Sonnet rates."))
    }

    @Test("the Daily section appears only when the range spans more than a day")
    func daily() {
        let week = TestContext()
        _ = week.run(["--range", "week"])
        #expect(week.captured.standardOutput.contains("Daily"))
        #expect(week.captured.standardOutput.contains("Mon 2026-11-16"))
        let today = TestContext()
        _ = today.run(["--range", "today"])
        #expect(!today.captured.standardOutput.contains("Daily"))
    }
}
