import Foundation
import TestSupport
import Testing

/// The built `session-stats`, run as a user runs it, against totals computed independently by scripts/gen-logs.py.
@Suite struct SessionStatsEndToEndTests {
    static let generator = PackagePaths.file("scripts/gen-logs.py")
    static let canGenerate =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        && FileManager.default.fileExists(atPath: generator)

    /// Generates logs at UTC-5 with malformed lines, legacy entries and a truncated last line; returns the dir and the expected totals.
    func generate() throws -> (String, [String: Any]) {
        let directory = NSTemporaryDirectory() + "/e2e-stats-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            SessionStatsEndToEndTests.generator, "--entries", "4000", "--days", "5", "--out", directory,
            "--seed", "9", "--utc-offset", "-300", "--bad-rate", "0.02", "--legacy-rate", "0.05",
            "--invalid-rate", "0.01", "--truncate-last",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (directory, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    func report(_ stats: Binary, _ directory: String, timeZone: String) throws -> [String: Any] {
        let result = try stats.run(
            ["--range", "all", "--json", "--dir", directory], environment: ["TZ": timeZone])
        #expect(result.status == 0)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
    }

    @Test(.enabled(if: canGenerate, "python3 or scripts/gen-logs.py is missing"))
    func reportTotalsAreExactInANonUTCTimeZone() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let (directory, expected) = try generate()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // POSIX TZ names count west as positive: Etc/GMT+5 is UTC-5, the offset the files were written at.
        let json = try report(stats, directory, timeZone: "Etc/GMT+5")
        let summary = try #require(json["summary"] as? [String: Any])
        let tokens = try #require(summary["tokens"] as? [String: Int])
        #expect(summary["total_operations"] as? Int == expected["operations"] as? Int)
        #expect(summary["failed"] as? Int == expected["failures"] as? Int)
        #expect(summary["sessions"] as? Int == expected["sessions"] as? Int)
        #expect(tokens["input"] == expected["input_tokens"] as? Int)
        #expect(tokens["output"] == expected["output_tokens"] as? Int)
        #expect(
            tokens["total"] == (expected["input_tokens"] as? Int ?? 0)
                + (expected["output_tokens"] as? Int ?? 0))
        let tools = try #require(json["tools"] as? [[String: Any]])
        let byTool = Dictionary(
            uniqueKeysWithValues: tools.compactMap { tool in
                (tool["tool"] as? String).map { ($0, tool["count"] as? Int ?? -1) }
            })
        #expect(byTool == expected["operations_by_tool"] as? [String: Int])
        let days = try #require(json["days"] as? [[String: Any]])
        let byDay = Dictionary(
            uniqueKeysWithValues: days.compactMap { day in
                (day["date"] as? String).map { ($0, day["operations"] as? Int ?? -1) }
            })
        #expect(byDay == (expected["operations_by_day"] as? [String: Int])?.filter { $0.value > 0 })
        let warnings = try #require(json["warnings"] as? [String: Any])
        #expect(warnings["skipped_lines"] as? Int == expected["skipped"] as? Int)
        #expect(warnings["truncated_lines"] as? Int == 1)
        #expect(warnings["blank_lines"] as? Int == expected["blank_lines"] as? Int)
        #expect(warnings["invalid_hook_lines"] as? Int == expected["invalid_lines"] as? Int)

        // The same logs read in UTC put the late-evening entries on the next day, and change no total.
        let utc = try report(stats, directory, timeZone: "UTC")
        let utcDays = try #require(utc["days"] as? [[String: Any]])
        #expect(
            utcDays.compactMap { $0["operations"] as? Int } != days.compactMap { $0["operations"] as? Int })
        #expect(
            (utc["summary"] as? [String: Any])?["total_operations"] as? Int == expected["operations"] as? Int)
    }

    @Test func usageErrorsExit64WithAMessageOnStderr() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        for arguments in [
            ["--bogus"], ["--date", "2026-02-30"], ["rotate", "--keep-days", "0"],
            ["budget", "--daily", "-3"],
        ] {
            let result = try stats.run(arguments, environment: [:])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(String(decoding: result.stderr, as: UTF8.self).hasPrefix("error: "), "\(arguments)")
        }
    }

    @Test func statusLineNeverFails() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        for bytes in [[], Array("{not json".utf8), [0xFF, 0x00]] as [[UInt8]] {
            let result = try stats.run(
                ["statusline"], input: .pipe(bytes), environment: ["CLAUDE_LOG_DIR": "/nonexistent"])
            #expect(result.status == 0)
            #expect(String(decoding: result.stdout, as: UTF8.self) == "no status data yet\n")
            #expect(result.stderr.isEmpty)
        }
    }
}
