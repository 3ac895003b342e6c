import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct ErrorsCommandTests {
    /// Failures of several kinds over two days (UTC+1, today 2026-11-22), with successes between.
    static let entries: [LogEntry] = {
        var entries: [LogEntry] = [
            .fixture("2026-11-21T10:00:00Z", session: "old", tool: "Bash", command: "make", line: 1),
            .fixture(
                "2026-11-21T10:01:00Z", event: .postToolUseFailure, session: "old", tool: "Bash",
                command: "make",
                error: "exit code 2\nmore", line: 2),
            .fixture(
                "2026-11-22T08:00:00Z", event: .postToolUseFailure, session: "s1", tool: "Edit",
                file: "/a/b.swift",
                error: "String to replace not found in file.", line: 3),
            .fixture(
                "2026-11-22T08:01:00Z", session: "s1", tool: "Bash", command: "swift build",
                interrupted: true, line: 4),
            .fixture("2026-11-22T08:02:00Z", session: "s1", tool: "Read", file: "/a/c.swift", line: 5),
            .fixture(
                "2026-11-22T08:03:00Z", event: .preToolUse, session: "s1", tool: "Bash", command: "x",
                line: 6),
        ]
        var legacy = LogEntry.fixture(
            "2026-11-22T08:04:00Z", session: "1700000000-1", project: "legacy", tool: "Bash",
            command: "ls /nope",
            source: .legacy, line: 7)
        legacy.failures = 1
        entries.append(legacy)
        var rollup = LogEntry.fixture(
            "2026-11-22T08:05:00Z", session: "s1", tool: "Bash", source: .rollup, line: 8)
        rollup.failures = 1
        entries.append(rollup)
        return entries
    }()

    static func run(_ arguments: [String]) -> (ExitCode, TestContext) {
        let test = TestContext(entries: entries)
        return (ErrorsCommand.run(arguments, context: test.context), test)
    }

    @Test func listsTodaysFailuresNewestFirst() {
        let (code, test) = Self.run(["--no-color"])
        #expect(code == .success)
        #expect(
            test.captured.standardOutput == """
                Failed calls · today · 2026-11-22 (3)

                  Time              Session   Project  Tool  Call         Error
                  2026-11-22 09:04  17000000  legacy   Bash  ls /nope     (no error text)
                  2026-11-22 09:01  s1        app      Bash  swift build  interrupted
                  2026-11-22 09:00  s1        app      Edit  /a/b.swift   String to replace not found in file.

                """)
    }

    @Test func limitsToTheMostRecent() throws {
        let (_, test) = Self.run(["-n", "2", "--range", "week", "--json"])
        let document = try JSONDocument(parsing: test.captured.standardOutput)
        #expect(document["total"] == .number("4"))
        let errors = try #require(document["errors"]?.elements)
        #expect(
            errors.map { $0["time"]?.stringValue } == [
                "2026-11-22T08:04:00.000Z", "2026-11-22T08:01:00.000Z",
            ])
        #expect(errors[1]["interrupted"] == .bool(true))
        let (_, all) = Self.run(["-n", "0", "--range", "week", "--tool", "Bash", "--no-color"])
        #expect(all.captured.standardOutput.hasPrefix("Failed calls · week · 2026-11-16 to 2026-11-22 (3)\n"))
        #expect(all.captured.standardOutput.contains("make         exit code 2\n"))
        let (_, two) = Self.run(["-n", "1", "--no-color"])
        #expect(
            two.captured.standardOutput.hasPrefix("Failed calls · today · 2026-11-22 (1 most recent of 3)\n"))
    }

    @Test func keepsOnlyTheNewestWhenManyFail() {
        let many = (0..<500).map { index in
            LogEntry.fixture(
                "2026-11-22T0\(index / 100):\(10 + index % 50):00Z", event: .postToolUseFailure,
                tool: "Bash",
                error: "e\(index)", line: index)
        }
        let test = TestContext(entries: many.shuffled())
        let collected = ErrorsCommand.collect(
            try! ErrorsCommand.parse(["-n", "3"]).get(), directories: ["/x"], context: test.context)
        #expect(collected.total == 500)
        let sorted = many.sorted { $0.timestamp > $1.timestamp }
        #expect(collected.entries.map(\.timestamp) == sorted.prefix(3).map(\.timestamp))
    }

    @Test(arguments: [["-n", "-1"], ["-n", "x"], ["--fail-on", "high"], ["x"]])
    func rejectsBadArguments(_ arguments: [String]) {
        #expect(Self.run(arguments).0 == .usage)
    }

    @Test func saysWhenNothingFailed() {
        let test = TestContext(entries: [.fixture("2026-11-22T08:00:00Z", tool: "Read")])
        #expect(ErrorsCommand.run([], context: test.context) == .success)
        #expect(
            test.captured.standardOutput == "No failed calls today · 2026-11-22 in /home/u/.claude/logs.\n")
    }
}
