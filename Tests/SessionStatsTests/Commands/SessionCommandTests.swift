import SessionLogCore
import Testing

@testable import SessionStats

@Suite("session command")
struct SessionCommandTests {
    @Test("parsing: the id, a range and output options")
    func parse() throws {
        let options = try SessionCommand.parse(["abc", "--json", "--range", "week"]).get()
        #expect(options.id == "abc")
        #expect(options.common.json)
        #expect(options.common.rangeGiven)
        #expect(try SessionCommand.parse(["--help"]).get().common.request == .help)
    }

    @Test(
        "parsing errors",
        arguments: [
            ([String](), UsageError.missingArgument("session ID")),
            (["a", "b"], .unexpectedArgument("b")),
            (["a", "--project", "x"], .unknownOption("--project")),
            (["a", "--date", "nope"], .badDate(option: "--date", value: "nope")),
        ])
    func parseErrors(arguments: [String], error: UsageError) {
        #expect(throws: error) { try SessionCommand.parse(arguments).get() }
    }

    @Test("an ambiguous prefix lists the candidates, exit 64")
    func ambiguous() {
        let test = TestContext()
        #expect(test.run(["session", "3f2a"]) == .usage)
        #expect(
            test.captured.standardError.contains(
                "session prefix 3f2a matches 2 sessions: \(SampleLogs.opusID), \(SampleLogs.haikuID)"))
    }

    @Test("an unknown id is a usage error, exit 64")
    func unknown() {
        let test = TestContext()
        #expect(test.run(["session", "zzz"]) == .usage)
        #expect(test.captured.standardError.hasPrefix("error: no session matches zzz\n"))
    }

    @Test("all days are searched unless a range is given")
    func days() {
        let all = TestContext()
        #expect(all.run(["session", SampleLogs.oldID]) == .success)
        let today = TestContext()
        #expect(today.run(["session", SampleLogs.oldID, "--range", "today"]) == .usage)
    }

    @Test("with a range, the model is still found before it")
    func modelBeforeRange() {
        let entries: [LogEntry] = [
            .fixture(
                "2026-11-21T22:00:00Z", event: .sessionStart, session: "night", model: "claude-haiku-4-5"),
            .fixture("2026-11-21T23:30:00Z", session: "night", tool: "Bash", input: 10),
        ]
        let test = TestContext(entries: entries)
        #expect(test.run(["session", "night", "--range", "today"]) == .success)
        #expect(test.captured.standardOutput.contains("claude-haiku-4-5 (Haiku 4.5 rates)"))
    }

    @Test("a missing log directory: a message in text, a usage error with --json")
    func missingDirectory() {
        var diagnostics = ReadDiagnostics()
        diagnostics.missingDirectories = ["/nowhere"]
        let text = TestContext(entries: [], diagnostics: diagnostics)
        #expect(text.run(["session", "abc", "--dir", "/nowhere"]) == .success)
        #expect(text.captured.standardOutput.hasPrefix("No logs found: /nowhere does not exist."))
        let json = TestContext(entries: [], diagnostics: diagnostics)
        #expect(json.run(["session", "abc", "--dir", "/nowhere", "--json"]) == .usage)
        #expect(json.captured.standardOutput == "")
    }
}
