import Foundation
import TestSupport
import Testing

/// The CLI habits of issue 8, tried with the built binaries as a user types them.
@Suite struct CLIHabitsEndToEndTests {
    /// A log directory with one session, logged by the real hook through a pipe, from a CJK directory.
    func logs() throws -> (directory: String, logs: String) {
        let logger = try #require(Binary("session-logger"), "session-logger was not built beside the tests")
        let directory = NSTemporaryDirectory() + "/e2e-habits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: directory + "/logs", withIntermediateDirectories: true)
        let payload =
            #"{"session_id":"c8c8c8c8-0000-4000-8000-000000000008","hook_event_name":"PostToolUse","tool_name":"Bash","#
            + #""tool_input":{"command":"swift build"},"cwd":"/Users/jane/プロジェクト/it's"}"#
        for _ in 0..<3 {
            let result = try logger.run(
                input: .pipe(Array(payload.utf8)), environment: ["CLAUDE_LOG_DIR": directory + "/logs"])
            #expect(result.status == 0)
        }
        return (directory, directory + "/logs")
    }

    @Test func globalOptionsResumeLineAndOneReadPerDirectory() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let (directory, logs) = try self.logs()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link", withDestinationPath: logs)
        // Options before the command, the same directory three ways: read once.
        let result = try stats.run(
            ["--dir", logs, "--dir", directory + "/link", "--dir", logs + "/", "--json", "sessions"],
            environment: [:])
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect(sessions.first?["operations"] as? Int == 3)
        #expect(sessions.first?["cwd"] as? String == "/Users/jane/プロジェクト/it's")
        #expect(
            sessions.first?["resume_command"] as? String
                == #"cd '/Users/jane/プロジェクト/it'\''s' && claude --resume c8c8c8c8-0000-4000-8000-000000000008"#
        )
    }

    @Test func datesAndRangesAreUsageErrors() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        for (arguments, message) in [
            (["--date", "2026-02-30"], "error: --date: no such day: 2026-02-30\n"),
            (
                ["sessions", "--since", "7d", "--range", "week"],
                "error: --since and --range cannot be combined: give one range\n"
            ),
            (
                ["hooks", "statsu"],
                "error: hooks: expected one of install, uninstall, status: statsu\ndid you mean 'status'?\n"
            ),
        ] {
            let result = try stats.run(arguments, environment: ["HOME": "/nonexistent"])
            #expect(result.status == 64)
            #expect(result.stdout.isEmpty)
            #expect(String(decoding: result.stderr, as: UTF8.self).hasPrefix(message))
        }
        let relative = try stats.run(
            ["--since", "2w", "--until", "yesterday", "--json"], environment: ["HOME": "/nonexistent"])
        #expect(relative.status == 0)
    }

    @Test func tablesFitColumns() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let (directory, logs) = try self.logs()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try stats.run(
            ["session", "c8c8", "--dir", logs], environment: ["COLUMNS": "60", "TZ": "UTC"])
        #expect(result.status == 0)
        let text = String(decoding: result.stdout, as: UTF8.self)
        let timeline = text.split(separator: "\n").drop { !$0.hasPrefix("Timeline") }
        #expect(timeline.count > 2)
        #expect(timeline.allSatisfy { $0.count <= 60 }, "\(text)")
    }
}
