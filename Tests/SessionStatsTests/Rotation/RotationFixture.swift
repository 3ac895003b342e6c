import SessionLogCore
import TestSupport

@testable import SessionStats

/// A log directory with seven weeks of history for rotation tests, at UTC+1 with today 2026-11-22
/// (as `TestContext`): four old activity files to rotate, with v1 and legacy entries, bad lines,
/// `invalid` hook lines, a line filed under another day than its own (a time zone change), sessions
/// spanning days and models; a rollup rotated long ago; two recent files; names rotate must ignore;
/// and a 1,500-line `logger-errors.log`.
enum RotationFixture {
    /// The old days, whose files a 30-day rotation rolls up.
    static let oldDays = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"]
    /// Names that only look like log files.
    static let strangers = [
        "activity-2026-10-01.jsonl.bak", "notes.txt", "activity-2026-1-1.jsonl", "activity-2026-02-30.jsonl",
        "Activity-2026-10-02.jsonl", "rollup-2026-10-05.json",
    ]

    /// Fills `directory`.
    static func write(into directory: ScratchDirectory) {
        let opus = "aaaa1111-0000-4000-8000-000000000001"
        let api = "bbbb2222-0000-4000-8000-000000000002"
        let haiku = "cccc3333-0000-4000-8000-000000000003"
        let sonnet = "dddd4444-0000-4000-8000-000000000004"
        let recent = "eeee5555-0000-4000-8000-000000000005"

        directory.write(
            line("2026-10-01T09:00:00.000Z", .sessionStart, opus, model: "claude-opus-4-5-20251101")
                + line("2026-10-01T09:00:05.000Z", .userPromptSubmit, opus, input: 40)
                + line(
                    "2026-10-01T09:01:00.000Z", .postToolUse, opus, tool: "Read",
                    file: "/home/u/app/a.swift",
                    input: 12, output: 1480, duration: 12, tags: [("team", "core")])
                + line(
                    "2026-10-01T09:02:00.000Z", .postToolUse, opus, tool: "Bash", command: "ls", input: 3,
                    output: 200, duration: 41)
                + line(
                    "2026-10-01T09:03:00.000Z", .postToolUseFailure, opus, tool: "Bash",
                    command: "swift test",
                    input: 3, output: 640, duration: 8020, error: "exit code 1")
                + line(
                    "2026-10-01T09:04:00.000Z", .postToolUse, opus, tool: "Edit",
                    file: "/home/u/app/a.swift",
                    input: 300, output: 20, interrupted: true)
                + "{\"v\":1,\"timestamp\":\n\n{}\n"
                + line("2026-10-01T09:05:00.000Z", .invalid, "")
                + line(
                    "2026-10-01T23:30:00.000Z", .postToolUse, api, project: "api", tool: "Grep", input: 5,
                    output: 100, duration: 95),
            to: "activity-2026-10-01.jsonl")
        directory.write(
            """
            {
              "timestamp": "2026-10-02T10:00:00Z",
              "session_id": "1700000000-1234",
              "tool": "Bash",
              "command": "ls",
              "project": "legacy",
              "tokens": {
                "input": 5,
                "output": 0,
                "total": 5
              }
            }

            """
                + line(
                    "2026-10-02T10:05:00.000Z", .postToolUse, opus, tool: "Write",
                    file: "/home/u/app/b.swift",
                    input: 900, output: 12, duration: 9)
                + line("2026-10-02T11:00:00.000Z", .sessionEnd, opus),
            to: "activity-2026-10-02.jsonl")
        directory.write(
            line("2026-10-02T22:30:00.000Z", .sessionStart, haiku, project: "web", model: "claude-haiku-4-5")
                + line(
                    "2026-10-03T08:00:00.000Z", .postToolUse, haiku, project: "web", tool: "WebFetch",
                    input: 30, output: 4000, duration: 700)
                + "{\"v\":1,\"timestamp\":\"2026-10-03T08:01:00.000Z\",\"event\":\"PostToolUse\"",
            to: "activity-2026-10-03.jsonl")
        directory.write(
            line(
                "2026-10-04T07:00:00.000Z", .postToolUse, haiku, project: "web", tool: "Bash",
                command: "npm test", input: 4, output: 900, duration: 15000)
                + line("2026-10-04T09:00:00.000Z", .sessionStart, sonnet, model: "claude-sonnet-4-5")
                + line(
                    "2026-10-04T09:01:00.000Z", .postToolUse, sonnet, tool: "mcp__github__create_issue",
                    input: 50, output: 60, duration: 300)
                + line(
                    "2026-10-04T09:02:00.000Z", .postToolUseFailure, sonnet, tool: "Edit", file: "x",
                    input: 70, output: 0, error: "String to replace not found"),
            to: "activity-2026-10-04.jsonl")
        let old = RollupRecord(
            day: CivilDate("2026-09-01")!, event: .postToolUse, sessionID: "ffff6666", project: "app",
            tool: "Bash",
            count: 7, failures: 2, inputTokens: 70, outputTokens: 700, durationTotalMS: 7000,
            first: Timestamp(iso8601: "2026-09-01T08:00:00Z")!,
            last: Timestamp(iso8601: "2026-09-01T18:00:00Z")!)
        directory.write(old.jsonLine, to: "rollup-2026-09-01.jsonl")
        directory.write(
            line("2026-11-21T10:00:00.000Z", .sessionStart, recent, model: "claude-opus-4-5")
                + line("2026-11-21T10:01:00.000Z", .postToolUse, recent, tool: "Read", input: 10, output: 99),
            to: "activity-2026-11-21.jsonl")
        directory.write(
            line(
                "2026-11-22T08:00:00.000Z", .postToolUse, recent, tool: "Bash", command: "ls", input: 3,
                output: 30),
            to: "activity-2026-11-22.jsonl")
        for name in strangers {
            directory.write(line("2026-10-01T09:00:00.000Z", .postToolUse, "x"), to: name)
        }
        directory.write(
            (1...1500).map { "2026-10-01T00:00:00.000Z error: problem \($0)\n" }.joined(),
            to: "logger-errors.log")
    }

    /// One v1 line.
    static func line(
        _ time: String, _ event: HookEvent, _ session: String, project: String = "app", tool: String? = nil,
        file: String? = nil, command: String? = nil, model: String? = nil, input: Int = 0, output: Int = 0,
        duration: Int? = nil, error: String? = nil, interrupted: Bool? = nil, tags: [(String, String)] = []
    ) -> String {
        var record = LogRecord(timestamp: Timestamp(iso8601: time)!, event: event)
        record.sessionID = session.isEmpty ? nil : session
        record.project = project
        record.cwd = "/home/u/" + project
        record.tool = tool
        record.file = file
        record.command = command
        record.model = model
        record.inputTokens = input
        record.outputTokens = output
        record.durationMS = duration
        record.error = error
        record.interrupted = interrupted
        record.tags = tags.map { (key: $0.0, value: $0.1) }
        if event == .postToolUse { record.success = true }
        if event == .postToolUseFailure { record.success = false }
        return String(decoding: record.jsonLine, as: UTF8.self)
    }
}
