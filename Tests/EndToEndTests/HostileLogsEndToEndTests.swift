import Foundation
import TestSupport
import Testing

/// Logs holding numbers no hook could write: every command still runs, and the good lines' totals
/// come out exactly as without the bad ones.
@Suite struct HostileLogsEndToEndTests {
    /// Today in UTC, as the binaries see it with `TZ=UTC`.
    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    static func line(_ day: String, _ time: String, tokens: String, extra: String = "") -> String {
        #"{"v":1,"timestamp":"\#(day)T\#(time)Z","event":"PostToolUse","session_id":"s-1","project":"app","#
            + #""tool":"Bash","command":"ls","tokens":\#(tokens),"success":true\#(extra)}"# + "\n"
    }

    static func goodLines(_ day: String) -> String {
        line(
            day, "00:00:01.000", tokens: #"{"input":10,"output":30,"total":40}"#,
            extra: #","duration_ms":120"#)
            + line(day, "00:00:02.000", tokens: #"{"input":5,"output":7,"total":12}"#)
    }

    static func poisonLines(_ day: String) -> String {
        line(day, "00:00:03.000", tokens: #"{"input":999999999999999999,"output":1,"total":1}"#)
            + line(
                day, "00:00:04.000", tokens: #"{"input":4611686018427387904,"output":4611686018427387904}"#)
            + line(
                day, "00:00:05.000", tokens: #"{"input":4611686018427387904,"output":4611686018427387904}"#)
            + line(day, "00:00:06.000", tokens: #"{"input":1,"output":1e30}"#)
            + line(
                day, "00:00:07.000", tokens: #"{"input":1,"output":1}"#,
                extra: #","duration_ms":4611686018427387904"#)
    }

    static let goodRollup =
        #"{"rollup":1,"day":"2026-01-05","event":"PostToolUse","session_id":"s-0","project":"app","tool":"Read","count":3,"failures":1,"tokens":{"input":100,"output":200},"duration_ms":900,"first":"2026-01-05T10:00:00.000Z","last":"2026-01-05T11:00:00.000Z"}"#
        + "\n"
    static let poisonRollup =
        #"{"rollup":1,"day":"2026-01-05","event":"PostToolUse","session_id":"s-0","project":"app","tool":"Read","count":4611686018427387904,"failures":0,"tokens":{"input":4611686018427387904,"output":4611686018427387904},"duration_ms":4611686018427387904,"first":"2026-01-05T10:00:00.000Z","last":"2026-01-05T11:00:00.000Z"}"#
        + "\n"

    /// Writes a log directory at `root/logs`: today's file, an old activity file and a rollup, with or
    /// without the poisoned lines and rows.
    static func makeLogs(at root: String, poisoned: Bool) throws -> String {
        let logs = root + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let files = [
            "activity-\(today).jsonl": goodLines(today) + (poisoned ? poisonLines(today) : ""),
            "activity-2026-01-10.jsonl": (poisoned ? poisonLines("2026-01-10") : "")
                + goodLines("2026-01-10"),
            "rollup-2026-01-05.jsonl": goodRollup + (poisoned ? poisonRollup + poisonRollup : ""),
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: logs + "/" + name))
        }
        return logs
    }

    static let commands: [[String]] = [
        ["--range", "all"], ["--range", "all", "--json"], ["sessions", "--range", "all"],
        ["session", "s-1"], ["budget", "--daily", "1", "--weekly", "100000000"], ["statusline"],
        ["errors", "--range", "all"], ["audit", "--range", "all"],
    ]

    @Test(arguments: commands)
    func poisonedNumbersNeitherCrashNorChangeTotals(arguments: [String]) throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let root = NSTemporaryDirectory() + "/e2e-hostile-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let good = try HostileLogsEndToEndTests.makeLogs(at: root + "/good", poisoned: false)
        let bad = try HostileLogsEndToEndTests.makeLogs(at: root + "/bad", poisoned: true)
        let input = root + "/status.json"
        try Data(#"{"session_id":"s-1"}"#.utf8).write(to: URL(fileURLWithPath: input))
        func run(_ logs: String) throws -> Binary.Result {
            try stats.run(arguments, stdinPath: input, environment: ["CLAUDE_LOG_DIR": logs, "TZ": "UTC"])
        }
        let expected = try run(good)
        let result = try run(bad)
        #expect(result.status < 128, "session-stats \(arguments) died of signal \(result.status - 128)")
        #expect(result.status == expected.status)
        var output = String(decoding: result.stdout, as: UTF8.self).replacingOccurrences(of: bad, with: "DIR")
        var expectedOutput = String(decoding: expected.stdout, as: UTF8.self)
            .replacingOccurrences(of: good, with: "DIR")
        if arguments.contains("--json") {
            // The warnings name the skipped lines; everything else must be equal.
            output = try HostileLogsEndToEndTests.totals(Array(output.utf8))
            expectedOutput = try HostileLogsEndToEndTests.totals(Array(expectedOutput.utf8))
        }
        #expect(output == expectedOutput)
        #expect(!output.isEmpty)
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        if arguments.first != "statusline" {
            #expect(stderr.contains("out of range"), "\(stderr)")
        }
    }

    /// The `summary` and `days` of a JSON report, as canonical JSON text.
    static func totals(_ json: [UInt8]) throws -> String {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let totals: [String: Any] = ["summary": parsed["summary"] ?? 0, "days": parsed["days"] ?? 0]
        let data = try JSONSerialization.data(withJSONObject: totals, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func rotateRollsUpTheGoodLinesAndSkipsThePoisonedOnes() throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let root = NSTemporaryDirectory() + "/e2e-hostile-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var reports: [String] = []
        for poisoned in [false, true] {
            let logs = try HostileLogsEndToEndTests.makeLogs(at: root + "/\(poisoned)", poisoned: poisoned)
            let environment = ["CLAUDE_LOG_DIR": logs, "TZ": "UTC"]
            let rotated = try stats.run(["rotate", "--keep-days", "2"], environment: environment)
            #expect(rotated.status < 128, "rotate died of signal \(rotated.status - 128)")
            let report = try stats.run(["--range", "all", "--json"], environment: environment)
            #expect(report.status == 0)
            reports.append(try HostileLogsEndToEndTests.totals(report.stdout))
        }
        #expect(reports[0] == reports[1])
    }
}
