import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `sessions` and `session ID`: exact figures from the usage ledger next to the estimate.
@Suite struct SessionExactUsageTests {
    static let exactID = "e1a2b3c4-0000-4000-8000-000000000001"
    static let estimateID = "f9e8d7c6-0000-4000-8000-000000000002"

    /// Two sessions in the activity log; the ledger has two requests of the first only.
    static let entries: [LogEntry] = [
        .fixture("2026-11-22T09:00:00Z", event: .sessionStart, session: exactID, model: "claude-opus-4-5"),
        {
            var bash = LogEntry.fixture(
                "2026-11-22T09:01:00Z", session: exactID, tool: "Bash", command: "swift build", input: 100,
                output: 1000)
            bash.toolUseID = "toolu_01BASH"
            return bash
        }(),
        .fixture(
            "2026-11-22T11:00:00Z", session: estimateID, project: "api", cwd: "/home/u/api", tool: "Read",
            output: 400),
    ]

    /// Opus 4.5 ($5 input, $25 output, $6.25 5-minute write, $0.50 cache read per million):
    /// 1,000 in + 2,000 out + 10,000 written = $0.005 + $0.05 + $0.0625 = $0.1175;
    /// 10 in + 500 out + 20,000 read = $0.00005 + $0.0125 + $0.01 = $0.02255; $0.14005 in all.
    /// The first request issues `toolu_01BASH` (all its output: 40 characters, no text); the second
    /// brings its result (4,000 characters) in with no prompt, so its input is the result's.
    static func ledger() -> ScratchDirectory {
        let directory = ScratchDirectory()
        var records = [
            UsageRecord(
                timestamp: Timestamp(iso8601: "2026-11-22T09:00:30Z")!, sessionID: exactID, project: "app",
                cwd: "/home/u/app", model: "claude-opus-4-5-20251101", messageID: "msg_01A",
                requestID: "req_01A",
                tokens: UsageTokens(input: 1000, output: 2000, cacheWrite5m: 10_000)),
            UsageRecord(
                timestamp: Timestamp(iso8601: "2026-11-22T09:02:00Z")!, sessionID: exactID, project: "app",
                cwd: "/home/u/app", model: "claude-opus-4-5-20251101", messageID: "msg_01B",
                requestID: "req_01B",
                tokens: UsageTokens(input: 10, output: 500, cacheRead: 20_000)),
        ]
        records[0].toolUseIDs = ["toolu_01BASH"]
        records[0].pieces.isKnown = true
        records[0].pieces.toolInputChars = [40]
        records[0].pieces.promptChars = 200
        records[1].pieces.isKnown = true
        records[1].pieces.resultIDs = ["toolu_01BASH"]
        records[1].pieces.resultChars = [4000]
        directory.write(records.flatMap(\.ledgerLine), to: "usage-2026-11-22.jsonl", mode: 0o600)
        return directory
    }

    func run(_ arguments: [String], logs: String?) -> TestContext {
        let test = TestContext(entries: Self.entries)
        let directory = logs.map { ["--dir", $0] } ?? []
        #expect(test.run(arguments + ["--no-sync"] + directory) == .success, "\(test.captured.standardError)")
        return test
    }

    @Test func sessionsShowExactFiguresAndSayWhichHaveNone() throws {
        let logs = Self.ledger()
        defer { logs.remove() }
        let text = run(["sessions"], logs: logs.path).captured.standardOutput
        let expected = GoldenFile.expected(
            "sessions-exact.txt", actual: text.replacingOccurrences(of: logs.path, with: "LOGS"))
        #expect(text.replacingOccurrences(of: logs.path, with: "LOGS") == expected)
        #expect(text.contains("    2  33,510  $0.1401"))
        #expect(text.contains("No exact data for 1 of these"))

        let json = run(["sessions", "--json"], logs: logs.path).captured.standardOutput
        #expect(json == GoldenFile.expected("sessions-exact.json", actual: json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        let exact = try #require(sessions.first { $0["session_id"] as? String == Self.exactID })
        let usage = try #require(exact["usage"] as? [String: Any])
        #expect(usage["requests"] as? Int == 2)
        #expect(usage["input"] as? Int == 1010)
        #expect(usage["output"] as? Int == 2500)
        #expect(usage["cache_write_5m"] as? Int == 10_000)
        #expect(usage["cache_read"] as? Int == 20_000)
        #expect((usage["cost"] as? NSNumber)?.decimalValue == Decimal(string: "0.14005"))
        #expect(exact["estimated_cost"] is [String: Any])
        let other = try #require(sessions.first { $0["session_id"] as? String == Self.estimateID })
        #expect(other["usage"] is NSNull)
    }

    @Test func withoutALedgerTheListSaysSo() {
        let text = run(["sessions"], logs: ScratchDirectory().path).captured.standardOutput
        #expect(text.contains("Est. tokens"))
        #expect(text.contains("No exact figures: the usage ledger has none for this range"))
    }

    @Test func sessionShowsExactFiguresNextToTheEstimate() throws {
        let logs = Self.ledger()
        defer { logs.remove() }
        let text = run(["session", "e1a2"], logs: logs.path).captured.standardOutput
        let expected = GoldenFile.expected(
            "session-exact.txt", actual: text.replacingOccurrences(of: logs.path, with: "LOGS"))
        #expect(text.replacingOccurrences(of: logs.path, with: "LOGS") == expected)
        #expect(text.contains("  Requests    2\n"))
        #expect(text.contains("  Cost        $0.1401 (claude-opus-4-5-20251101 $0.1401)\n"))

        let json = run(["session", "e1a2", "--json"], logs: logs.path).captured.standardOutput
        #expect(json == GoldenFile.expected("session-exact.json", actual: json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let session = try #require(object["session"] as? [String: Any])
        let usage = try #require(session["usage"] as? [String: Any])
        #expect(usage["requests"] as? Int == 2)
        #expect((usage["cost"] as? NSNumber)?.decimalValue == Decimal(string: "0.14005"))
        let models = try #require(object["usage_by_model"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["claude-opus-4-5-20251101"])
        #expect(models.first?["pricing"] as? String == "Opus 4.5")

        // By hand: the call's issue is all of the first output, 2,000 × $25/M = $0.05, its result the
        // second input, 10 × $5/M = $0.00005; the second output (no sizes to split by) is unattributed,
        // 500 × $25/M = $0.0125; the prompt and setup share the rest. Each rounds to the golden's figures.
        #expect(text.contains("  10:01:00  PostToolUse   Bash  swift build       1,100  $0.0501\n"))
        let attribution = try #require(object["attribution"] as? [String: Any])
        let buckets = try #require(attribution["buckets"] as? [String: Double])
        #expect(buckets["tools"] == 0.0501)
        #expect(buckets["unattributed"] == 0.0125)
        let sum = buckets.values.reduce(0, +)
        #expect(abs(sum - 0.1401) < 0.00005)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries[1]["cost"] as? Double == 0.0501)
        #expect(entries[0]["cost"] == nil)
        #expect(noneHasNoAttribution(logs: logs.path))

        let none = run(["session", "f9e8"], logs: logs.path).captured.standardOutput
        #expect(none.contains("(estimated; no exact data in the usage ledger)"))
        let noneJSON = run(["session", "f9e8", "--json"], logs: logs.path).captured.standardOutput
        #expect(noneJSON.contains("\"usage\": null"))
    }

    private func noneHasNoAttribution(logs: String) -> Bool {
        let json = run(["session", "f9e8", "--json"], logs: logs).captured.standardOutput
        return !json.contains("\"attribution\"") && !json.contains("\"cost\": null")
    }
}
