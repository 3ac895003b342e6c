import SessionLogCore

@testable import SessionStats

/// A small week of logs for report tests and golden files, with local days at UTC+1.
///
/// Today is Sunday 2026-11-22. Four sessions fall in the week: an Opus one today, a Haiku one
/// yesterday (sharing its first 8 id characters with today's), a Sonnet one on Friday that also
/// edits a file outside its cwd and has a failure, and a legacy bash-logger one on Wednesday with
/// no model. One older Sonnet session on 2026-11-10 lies outside the week.
enum SampleLogs {
    /// Today's Opus session.
    static let opusID = "3f2a9c1e-7b44-4d0a-9c3e-1a2b3c4d5e6f"
    /// Yesterday's Haiku session.
    static let haikuID = "3f2a9c1e-7c01-4e55-8f00-aaaaaaaaaaaa"
    /// Friday's Sonnet session.
    static let sonnetID = "b7e1d2c3-5a6f-4b8c-9d0e-f1a2b3c4d5e6"
    /// Wednesday's legacy session.
    static let legacyID = "1763640000-4242"
    /// The session of 2026-11-10.
    static let oldID = "9d8c7b6a-1111-4222-8333-444455556666"

    /// All entries, in file order.
    static let week: [LogEntry] = old + legacy + sonnet + haiku + opus

    static let opus: [LogEntry] = {
        let app = "/home/u/app"
        func entry(
            _ time: String, _ event: HookEvent = .postToolUse, tool: String? = nil, file: String? = nil,
            command: String? = nil, path: String? = nil, pattern: String? = nil, model: String? = nil,
            input: Int = 0, output: Int = 0, duration: Int? = nil, error: String? = nil
        ) -> LogEntry {
            .fixture(
                "2026-11-22T" + time + "Z", event: event, session: opusID, project: "app", cwd: app,
                tool: tool,
                file: file, command: command, path: path, pattern: pattern, model: model, input: input,
                output: output, duration: duration, error: error)
        }
        return [
            entry("08:00:00.000", .sessionStart, model: "claude-opus-4-5-20251101"),
            entry("08:00:05.120", .userPromptSubmit, input: 40),
            entry(
                "08:00:10.000", tool: "Read", file: app + "/Sources/App/main.swift", input: 12, output: 1480,
                duration: 12),
            entry(
                "08:01:00.000", tool: "Edit", file: app + "/Sources/App/main.swift", input: 320, output: 25,
                duration: 35),
            entry(
                "08:02:00.000", tool: "Bash", command: "swift build", input: 3, output: 2150, duration: 41_250
            ),
            entry(
                "08:04:00.000", .postToolUseFailure, tool: "Bash", command: "swift test", input: 3,
                output: 640,
                duration: 8020, error: "exit code 1: 2 tests failed"),
            entry(
                "08:05:00.000", tool: "Edit", file: app + "/Sources/App/main.swift", input: 410, output: 30,
                duration: 28),
            entry(
                "08:06:00.000", tool: "Write", file: app + "/Tests/AppTests/AppTests.swift", input: 900,
                output: 12, duration: 9),
            entry(
                "08:07:00.000", tool: "Grep", path: app + "/Sources", pattern: "TODO", input: 8, output: 210,
                duration: 95),
            entry(
                "08:08:00.000", tool: "Bash", command: "swift test", input: 3, output: 1020, duration: 12_400),
            entry("09:15:00.000", .sessionEnd),
        ]
    }()

    static let haiku: [LogEntry] = {
        func entry(
            _ time: String, _ event: HookEvent = .postToolUse, tool: String? = nil, file: String? = nil,
            model: String? = nil, input: Int = 0, output: Int = 0, duration: Int? = nil
        ) -> LogEntry {
            .fixture(
                "2026-11-21T" + time + "Z", event: event, session: haikuID, project: "app",
                cwd: "/home/u/app",
                tool: tool, file: file, model: model, input: input, output: output, duration: duration)
        }
        return [
            entry("17:30:00.000", .sessionStart, model: "claude-haiku-4-5"),
            entry("17:30:10.000", .userPromptSubmit, input: 25),
            entry(
                "17:31:00.000", tool: "Read", file: "/home/u/app/README.md", input: 6, output: 900,
                duration: 7),
            entry(
                "17:32:00.000", tool: "Edit", file: "/home/u/app/README.md", input: 150, output: 18,
                duration: 22),
            entry("17:40:00.000", .sessionEnd),
        ]
    }()

    static let sonnet: [LogEntry] = {
        func entry(
            _ time: String, _ event: HookEvent = .postToolUse, tool: String? = nil, file: String? = nil,
            command: String? = nil, url: String? = nil, model: String? = nil, input: Int = 0, output: Int = 0,
            duration: Int? = nil, error: String? = nil
        ) -> LogEntry {
            .fixture(
                "2026-11-20T" + time + "Z", event: event, session: sonnetID, project: "api",
                cwd: "/home/u/api",
                tool: tool, file: file, command: command, url: url, model: model, input: input,
                output: output,
                duration: duration, error: error)
        }
        return [
            entry("13:00:00.000", .sessionStart, model: "claude-sonnet-4-5-20250929"),
            entry("13:00:20.000", .userPromptSubmit, input: 60),
            entry(
                "13:01:00.000", tool: "WebFetch", url: "https://go.dev/doc/effective_go", input: 15,
                output: 3200, duration: 1850),
            entry(
                "13:03:00.000", tool: "Edit", file: "/home/u/api/internal/handler.go", input: 520, output: 40,
                duration: 31),
            entry(
                "13:04:00.000", tool: "Bash", command: "go test ./...", input: 4, output: 780, duration: 6300),
            entry(
                "13:05:00.000", .postToolUseFailure, tool: "Edit", file: "/etc/hosts", input: 60, output: 10,
                duration: 3, error: "permission denied"),
            entry("13:06:00.000", tool: "Edit", file: "/etc/hosts", input: 70, output: 12, duration: 4),
            entry(
                "13:07:00.000", tool: "Edit", file: "/home/u/api/internal/handler.go", input: 300, output: 25,
                duration: 27),
            entry("14:30:00.000", .sessionEnd),
        ]
    }()

    static let legacy: [LogEntry] = [
        .fixture(
            "2026-11-18T10:00:00Z", session: legacyID, project: "legacy-site", cwd: nil, tool: "Bash",
            command: "ls -la", input: 5, source: .legacy),
        .fixture(
            "2026-11-18T10:01:00Z", session: legacyID, project: "legacy-site", cwd: nil, tool: "Edit",
            file: "/var/www/site/index.html", input: 200, source: .legacy),
        .fixture(
            "2026-11-18T10:02:00Z", session: legacyID, project: "legacy-site", cwd: nil, tool: "Grep",
            file: "/var/www/site", input: 4, source: .legacy),
    ]

    static let old: [LogEntry] = [
        .fixture(
            "2026-11-10T09:00:00Z", event: .sessionStart, session: oldID, project: "old", model: "sonnet"),
        .fixture(
            "2026-11-10T09:05:00Z", session: oldID, project: "old", tool: "Bash", command: "make", input: 2,
            output: 400),
    ]
}
