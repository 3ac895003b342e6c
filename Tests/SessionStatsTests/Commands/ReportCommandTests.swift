import SessionLogCore
import Testing

@testable import SessionStats

@Suite("report command")
struct ReportCommandTests {
    @Test("parsing: --top and every shared option")
    func parse() throws {
        let options = try ReportCommand.parse(["--top", "3", "--range", "week", "--json", "--dir", "/x"])
            .get()
        #expect(options.top == 3)
        #expect(options.common.range == .week)
        #expect(options.common.json)
        #expect(options.common.directories == ["/x"])
        #expect(try ReportCommand.parse([]).get().top == 10)
    }

    @Test(
        "parsing errors",
        arguments: [
            (["--top", "x"], UsageError.badNumber(option: "--top", value: "x")),
            (["--top"], .missingValue(option: "--top")),
            (["stray"], .unexpectedArgument("stray")),
            (["-n", "3"], .unknownOption("-n")),
        ])
    func parseErrors(arguments: [String], error: UsageError) {
        #expect(throws: error) { try ReportCommand.parse(arguments).get() }
    }

    @Test(
        "every usage error exits 64 with error: on stderr and nothing on stdout",
        arguments: [
            ["--range", "fortnight"], ["--date", "2026-02-30"], ["--since", "x"], ["--top", "-1"],
            ["--bogus"],
            ["--since", "2026-11-20", "--until", "2026-11-01"], ["--range", "week", "--session", "3f2a"],
        ])
    func usageExit(arguments: [String]) {
        let test = TestContext()
        #expect(test.run(["report"] + arguments) == .usage)
        #expect(test.captured.standardError.hasPrefix("error: "))
        #expect(test.captured.standardError.contains("--help"))
        #expect(test.captured.standardOutput == "")
    }

    @Test("a malformed CLAUDE_RATE_INPUT is a usage error")
    func badRate() {
        let test = TestContext(variables: ["HOME": "/h", "CLAUDE_RATE_INPUT": "cheap"])
        #expect(test.run(["report"]) == .usage)
        #expect(test.captured.standardError.hasPrefix("error: CLAUDE_RATE_INPUT: "))
    }

    @Test("the project injection string matches nothing")
    func injection() {
        let test = TestContext()
        #expect(
            test.run(["--range", "all", "--project", "x\" or true or .project == \"y", "--json"]) == .success)
        #expect(test.captured.standardOutput.contains("\"total_operations\": 0,"))
        let text = TestContext()
        #expect(text.run(["--range", "all", "--project", "x\" or true or .project == \"y"]) == .success)
        #expect(text.captured.standardOutput.hasPrefix("No activity"))
    }

    @Test("no logs in range: a clear message and exit 0; --json prints zero totals")
    func empty() {
        let text = TestContext()
        #expect(text.run(["--date", "2026-01-01"]) == .success)
        #expect(text.captured.standardOutput == "No activity on 2026-01-01 in /home/u/.claude/logs.\n")
        let json = TestContext()
        #expect(json.run(["--date", "2026-01-01", "--json"]) == .success)
        let output = json.captured.standardOutput
        for expected in [
            "\"range\": \"2026-01-01\"", "\"total_operations\": 0,", "\"sessions\": 0,", "\"failed\": 0,",
            "\"total\": 0.0000,", "\"currency\": \"USD\"", "\"tools\": []", "\"top_files\": []",
            "\"days\": []",
            "\"sessions\": []",
        ] {
            #expect(output.contains(expected), "\(expected)")
        }
    }

    @Test("a missing log directory says so and how to start logging, exit 0")
    func missingDirectory() {
        var diagnostics = ReadDiagnostics()
        diagnostics.missingDirectories = ["/nowhere"]
        let test = TestContext(entries: [], diagnostics: diagnostics)
        #expect(test.run(["--dir", "/nowhere"]) == .success)
        #expect(test.captured.standardOutput.hasPrefix("No logs found: /nowhere does not exist."))
        #expect(test.captured.standardOutput.contains("session-stats hooks install"))
        #expect(test.captured.standardError == "")
        let json = TestContext(entries: [], diagnostics: diagnostics)
        #expect(json.run(["--dir", "/nowhere", "--json"]) == .success)
        #expect(
            json.captured.standardOutput.contains("\"missing_directories\": [\n      \"/nowhere\"\n    ]"))
    }

    @Test("skipped lines are warned about on stderr with file:line, and counted in --json")
    func warnings() {
        var diagnostics = ReadDiagnostics()
        for line in 1...9 {
            diagnostics.skip(LogLocation(file: "/logs/activity-2026-11-22.jsonl", line: line), .notAnObject)
        }
        let test = TestContext(diagnostics: diagnostics)
        #expect(test.run(["--json"]) == .success)
        #expect(
            test.captured.standardError.hasPrefix(
                "warning: /logs/activity-2026-11-22.jsonl:1: not a JSON object\n"))
        #expect(
            test.captured.standardError.contains(
                "warning: 4 more problems not shown; 9 records skipped in all\n"))
        #expect(test.captured.standardOutput.contains("\"skipped_lines\": 9,"))
    }

    @Test("--json keeps the bash tool's schema and adds to it")
    func jsonSchema() {
        let test = TestContext()
        #expect(test.run(["--range", "week", "--json"]) == .success)
        let json = test.captured.standardOutput
        for key in [
            "\"range\": \"week\"", "\"summary\": {", "\"total_operations\": 19", "\"sessions\": 4",
            "\"tokens\": {", "\"estimated_cost\": {", "\"total\": 0.1013,", "\"currency\": \"USD\"",
            "\"tools\": [", "\"tool\": \"Edit\",\n      \"count\": 8", "\"projects\": [",
            "\"project\": \"app\",\n      \"count\": 10",
            "\"top_files\": [", "\"file\": \"Sources/App/main.swift\",\n      \"count\": 2", "\"days\": [",
            "\"sessions\": [", "\"warnings\": {", "\"from\": \"2026-11-16\"", "\"to\": \"2026-11-22\"",
        ] {
            #expect(json.contains(key), "\(key)")
        }
    }

    @Test("--top limits sessions and files; 0 lists all")
    func top() {
        let one = TestContext()
        _ = one.run(["--range", "week", "--top", "1"])
        #expect(one.captured.standardOutput.contains("Sessions (top 1 by tokens)"))
        #expect(!one.captured.standardOutput.contains("b7e1d2c3"))
        let all = TestContext()
        _ = all.run(["--range", "all", "--top", "0"])
        #expect(all.captured.standardOutput.contains("Sessions (by tokens)"))
        #expect(all.captured.standardOutput.contains("9d8c7b6a"))
    }

    @Test("filters by tool and tag narrow the report")
    func filters() {
        let tool = TestContext()
        _ = tool.run(["--range", "week", "--tool", "WebFetch", "--json"])
        #expect(tool.captured.standardOutput.contains("\"total_operations\": 1,"))
        let tagged = TestContext(entries: [
            .fixture("2026-11-22T10:00:00Z", tool: "Bash", tags: ["team": "core"]),
            .fixture("2026-11-22T10:01:00Z", tool: "Bash", tags: ["team": "web"]),
        ])
        _ = tagged.run(["--tag", "team=core", "--json"])
        #expect(tagged.captured.standardOutput.contains("\"total_operations\": 1,"))
    }

    @Test(
        "the heading and the empty message name the range",
        arguments: [
            (["--date", "2026-11-20"], "Claude Code activity · 2026-11-20\n"),
            (
                ["--since", "2026-11-19", "--until", "2026-11-21"],
                "Claude Code activity · 2026-11-19 to 2026-11-21\n"
            ),
            (["--range", "yesterday"], "Claude Code activity · yesterday · 2026-11-21\n"),
            (["--range", "all"], "Claude Code activity · all days · 2026-11-10 to 2026-11-22\n"),
        ])
    func heading(arguments: [String], heading: String) {
        let test = TestContext()
        #expect(test.run(arguments) == .success)
        #expect(test.captured.standardOutput.hasPrefix(heading))
    }

    @Test(
        "empty ranges are described in words",
        arguments: [
            (
                ["--range", "week"],
                "No activity in the last 7 days (2026-11-16 to 2026-11-22) in /home/u/.claude/logs.\n"
            ),
            (["--since", "2026-12-01"], "No activity since 2026-12-01 in /home/u/.claude/logs.\n"),
            (
                ["--range", "all", "--tool", "Nope"],
                "No activity in any log matching the filters in /home/u/.claude/logs.\n"
            ),
        ])
    func emptyPhrases(arguments: [String], message: String) {
        let test = TestContext(entries: arguments.contains("--tool") ? SampleLogs.week : [])
        #expect(test.run(arguments) == .success)
        #expect(test.captured.standardOutput == message)
    }
}
