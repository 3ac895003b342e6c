import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct AuditCommandTests {
    /// A day of logs (UTC+1, today 2026-11-22) with one line per kind of finding, and harmless lines.
    static let entries: [LogEntry] = [
        .fixture("2026-11-22T08:00:00Z", event: .sessionStart, session: "s1", model: "claude-opus-4-5"),
        .fixture("2026-11-22T08:01:00Z", session: "s1", tool: "Read", file: "/home/u/app/.env", line: 2),
        .fixture("2026-11-22T08:02:00Z", session: "s1", tool: "Bash", command: "ls -la", line: 3),
        .fixture(
            "2026-11-22T08:03:00Z", session: "s1", tool: "Bash", command: "rm -rf node_modules", line: 4),
        .fixture(
            "2026-11-22T08:04:00Z", session: "s1", tool: "WebFetch", url: "https://docs.swift.org/x", line: 5),
        .fixture(
            "2026-11-22T08:05:00Z", session: "s1", tool: "WebFetch", url: "https://docs.swift.org/y", line: 6),
        .fixture(
            "2026-11-22T08:06:00Z", session: "s2", project: "api", cwd: "/home/u/api", tool: "Bash",
            command: "git push --force origin main", line: 7),
        .fixture("2026-11-22T08:07:00Z", session: "s1", tool: "Bash", command: "echo \"rm -rf /\"", line: 8),
        .fixture("2026-11-21T09:00:00Z", session: "s0", tool: "Bash", command: "sudo rm -rf /", line: 9),
    ]

    static func run(_ arguments: [String], entries: [LogEntry] = entries) -> (ExitCode, TestContext) {
        let test = TestContext(entries: entries)
        return (AuditCommand.run(arguments, context: test.context), test)
    }

    @Test func listsFindingsNewestFirstAndFailsOnHigh() {
        let (code, test) = Self.run(["--no-color"])
        #expect(code == .finding)
        #expect(
            test.captured.standardOutput == """
                Risky actions · today · 2026-11-22: 2 high, 1 medium, 2 info

                  Time              Severity  Session  Project  Tool      Rule             What
                  2026-11-22 09:06  high      s2       api      Bash      git-push-force   git push --force origin main
                  2026-11-22 09:05  info      s1       app      WebFetch  web-fetch        https://docs.swift.org/y (docs.swift.org)
                  2026-11-22 09:04  info      s1       app      WebFetch  web-fetch        https://docs.swift.org/x (docs.swift.org)
                  2026-11-22 09:03  medium    s1       app      Bash      rm-rf            rm -rf node_modules
                  2026-11-22 09:01  high      s1       app      Read      credential-file  /home/u/app/.env (env file)

                Domains fetched
                  docs.swift.org (2)


                """ + AuditReport.blindSpots)
    }

    @Test(arguments: [
        (["--fail-on", "none"], ExitCode.success), (["--fail-on", "high"], .finding),
        (["--fail-on", "medium", "--project", "app", "--tool", "Bash"], .finding),
        (["--fail-on", "high", "--project", "app", "--tool", "Bash"], .success),
        (["--fail-on", "medium", "--tool", "WebFetch"], .success),
        (["--fail-on", "info", "--tool", "WebFetch"], .finding),
    ])
    func exitsOneAtOrAboveTheThreshold(arguments: [String], expected: ExitCode) {
        #expect(Self.run(arguments).0 == expected)
    }

    @Test func writesJSONForScripts() throws {
        let (code, test) = Self.run(["--range", "week", "--json", "--fail-on", "medium"])
        #expect(code == .finding)
        let document = try JSONDocument(parsing: test.captured.standardOutput)
        #expect(document["range"] == .string("week"))
        #expect(document["fail_on"] == .string("medium"))
        #expect(document["counts"]?["high"] == .number("3"))
        #expect(document["counts"]?["medium"] == .number("2"))
        let findings = try #require(document["findings"]?.elements)
        #expect(findings.count == 7)
        let last = try #require(findings.last)
        #expect(last["rule"] == .string("sudo") || last["rule"] == .string("rm-rf-root"))
        #expect(last["time"] == .string("2026-11-21T09:00:00.000Z"))
        #expect(last["session_id"] == .string("s0"))
        #expect(last["location"] == .string("/logs/activity-2026-11-21.jsonl:9"))
        #expect(findings.first?["match"] == .string("git push --force origin main"))
        #expect(document["domains"]?.elements?.first?["domain"] == .string("docs.swift.org"))
    }

    @Test func writesOutsideTheSessionsFirstDirectoryAreMedium() {
        let entries: [LogEntry] = [
            .fixture("2026-11-22T08:00:00Z", event: .sessionStart, cwd: "/home/u/app"),
            .fixture(
                "2026-11-22T08:01:00Z", cwd: "/home/u/app/sub", tool: "Edit", file: "/home/u/app/a.swift"),
            .fixture("2026-11-22T08:02:00Z", cwd: "/home/u/app/sub", tool: "Write", file: "/home/u/notes.md"),
        ]
        let (code, test) = Self.run(["--json", "--fail-on", "medium"], entries: entries)
        #expect(code == .finding)
        #expect(test.captured.standardOutput.contains("\"match\": \"/home/u/notes.md\""))
        #expect(!test.captured.standardOutput.contains("a.swift"))
    }

    @Test(arguments: [["--fail-on", "low"], ["--fail-on"], ["--bogus"], ["extra"], ["--range", "year"]])
    func rejectsBadArguments(_ arguments: [String]) {
        let (code, test) = Self.run(arguments)
        #expect(code == .usage)
        #expect(test.captured.standardError.hasPrefix("error: "))
    }

    @Test func saysWhenTheLogDirectoryIsMissing() {
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": "/nonexistent/logs"], source: .files)
        #expect(AuditCommand.run([], context: test.context) == .success)
        #expect(test.captured.standardOutput.hasPrefix("No logs found: /nonexistent/logs does not exist."))
    }
}
