import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `sessions` and `session ID` over sessions only the usage ledger has: synced from transcripts
/// written before the hook was installed, or while hooks were off.
@Suite struct LedgerOnlySessionTests {
    static let loggedID = "a1000000-0000-4000-8000-000000000001"
    static let earlyID = "b2000000-0000-4000-8000-000000000002"
    static let lateID = "b2000000-0000-4000-8000-000000000003"

    /// The activity log has one session, at 10:00 local (09:00 UTC).
    static let entries: [LogEntry] = [
        .fixture("2026-11-22T09:00:00Z", event: .sessionStart, session: loggedID, model: "claude-opus-4-5"),
        .fixture("2026-11-22T09:01:00Z", session: loggedID, tool: "Bash", command: "make", output: 400),
    ]

    /// Opus 4.5 ($5 input, $25 output per million). The logged session: 1,000 in + 1,000 out =
    /// $0.03. The early one (07:00 to 08:30 UTC, project `tools`, started in /home/u/tools): 2,000 out
    /// + 1,000 out = $0.075, its second request in a subfolder. The late one (12:00 UTC, project
    /// `web`): 100 in + 100 out = $0.003.
    static func ledger() -> ScratchDirectory {
        let directory = ScratchDirectory()
        func request(
            _ time: String, _ session: String, _ project: String, _ cwd: String, _ id: String, input: Int,
            output: Int
        )
            -> UsageRecord
        {
            UsageRecord(
                timestamp: Timestamp(iso8601: time)!, sessionID: session, project: project, cwd: cwd,
                model: "claude-opus-4-5-20251101", messageID: "msg_01" + id, requestID: "req_01" + id,
                tokens: UsageTokens(input: input, output: output))
        }
        // Written out of time order: the earliest request's directory is the session's.
        let records = [
            request(
                "2026-11-22T08:30:00Z", earlyID, "tools", "/home/u/tools/sub", "E2", input: 0, output: 1000),
            request("2026-11-22T07:00:00Z", earlyID, "tools", "/home/u/tools", "E1", input: 0, output: 2000),
            request("2026-11-22T09:00:30Z", loggedID, "app", "/home/u/app", "L1", input: 1000, output: 1000),
            request("2026-11-22T12:00:00Z", lateID, "web", "/home/u/web", "W1", input: 100, output: 100),
        ]
        directory.write(records.flatMap(\.ledgerLine), to: "usage-2026-11-22.jsonl", mode: 0o600)
        return directory
    }

    func run(_ arguments: [String], logs: String, expecting code: ExitCode = .success) -> CapturedOutput {
        let test = TestContext(entries: Self.entries)
        let exit = test.run(arguments + ["--no-sync", "--dir", logs])
        #expect(exit == code, "\(test.captured.standardError)")
        return test.captured
    }

    @Test func sessionsListsLedgerOnlySessionsAmongTheLoggedOnesNewestFirst() throws {
        let logs = Self.ledger()
        defer { logs.remove() }
        let text = run(["sessions"], logs: logs.path).standardOutput.replacingOccurrences(
            of: logs.path, with: "LOGS")
        #expect(text == GoldenFile.expected("sessions-ledger-only.txt", actual: text))
        let order = [Self.lateID, Self.loggedID, Self.earlyID].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! })
        #expect(text.contains("3 sessions, newest first"))
        #expect(text.contains("2 of these are in the usage ledger only"))
        // The earliest request's directory, not the later subfolder's; its span, 1h 30m.
        #expect(text.contains("    cd '/home/u/tools' && claude --resume \(Self.earlyID)\n"))
        #expect(text.contains("  2026-11-22 08:00    1h 30m  tools             —         2"))

        let json = run(["sessions", "--json"], logs: logs.path).standardOutput
        #expect(json == GoldenFile.expected("sessions-ledger-only.json", actual: json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["total_sessions"] as? Int == 3)
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["session_id"] as? String } == [Self.lateID, Self.loggedID, Self.earlyID])
        let early = sessions[2]
        #expect(early["lines"] as? Int == 0)
        #expect(early["operations"] as? Int == 0)
        #expect(early["tokens"] is NSNull)
        #expect(early["estimated_cost"] is NSNull)
        #expect(early["cwd"] as? String == "/home/u/tools")
        #expect(early["start"] as? String == "2026-11-22T07:00:00.000Z")
        #expect(early["end"] as? String == "2026-11-22T08:30:00.000Z")
        #expect(early["duration_ms"] as? Int == 90 * 60_000)
        let usage = try #require(early["usage"] as? [String: Any])
        #expect(usage["requests"] as? Int == 2)
        #expect((usage["cost"] as? NSNumber)?.decimalValue == Decimal(string: "0.075"))
        #expect(sessions[1]["lines"] as? Int == 2)
        #expect(sessions[1]["estimated_cost"] is [String: Any])
    }

    @Test func theLimitCountsBothKinds() {
        let logs = Self.ledger()
        defer { logs.remove() }
        let text = run(["sessions", "-n", "2"], logs: logs.path).standardOutput
        #expect(text.contains("2 of 3 sessions, newest first"))
        #expect(!text.contains(Self.earlyID))
        #expect(text.contains("1 of these is in the usage ledger only"))
    }

    @Test func filtersApplyToLedgerOnlySessions() {
        let logs = Self.ledger()
        defer { logs.remove() }
        let web = run(["sessions", "--project", "web"], logs: logs.path).standardOutput
        #expect(web.contains(Self.lateID))
        #expect(!web.contains(Self.earlyID) && !web.contains(Self.loggedID))
        // A tool filter cannot apply to requests: only logged sessions.
        let bash = run(["sessions", "--tool", "Bash"], logs: logs.path).standardOutput
        #expect(bash.contains(Self.loggedID))
        #expect(!bash.contains(Self.lateID) && !bash.contains(Self.earlyID))
        // Only ledger-only sessions: listed, not "no sessions".
        let none = run(["sessions", "--project", "tools"], logs: logs.path).standardOutput
        #expect(none.contains("1 sessions, newest first"))
        #expect(none.contains(Self.earlyID))
    }

    @Test func sessionShowsALedgerOnlySessionsExactFigures() throws {
        let logs = Self.ledger()
        defer { logs.remove() }
        let text = run(["session", Self.earlyID], logs: logs.path).standardOutput.replacingOccurrences(
            of: logs.path, with: "LOGS")
        #expect(text == GoldenFile.expected("session-ledger-only.txt", actual: text))
        #expect(text.contains("  Requests      2\n"))
        #expect(text.contains("  Operations    none in the activity log\n"))
        #expect(text.contains("$0.0750"))
        #expect(!text.contains("Model"))
        #expect(!text.contains("Estimate"))

        let json = run(["session", Self.earlyID, "--json"], logs: logs.path).standardOutput
        #expect(json == GoldenFile.expected("session-ledger-only.json", actual: json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let session = try #require(object["session"] as? [String: Any])
        #expect(session["session_id"] as? String == Self.earlyID)
        #expect(session["estimated_cost"] is NSNull)
        #expect((object["entries"] as? [Any])?.isEmpty == true)
        #expect(object["attribution"] is [String: Any])
    }

    @Test func aPrefixOfTwoLedgerOnlySessionsIsAmbiguousUnlessItIsOneOfThem() {
        let logs = Self.ledger()
        defer { logs.remove() }
        let both = run(["session", "b2"], logs: logs.path, expecting: .usage)
        #expect(both.standardError.contains(Self.earlyID) && both.standardError.contains(Self.lateID))
        #expect(both.standardOutput.isEmpty)
        let one = run(["session", "b2000000-0000-4000-8000-000000000003"], logs: logs.path).standardOutput
        #expect(one.contains("Claude Code session \(Self.lateID)"))
        #expect(one.contains("$0.0030"))
        let unknown = run(["session", "c3"], logs: logs.path, expecting: .usage)
        #expect(unknown.standardError.contains("no session matches c3"))
    }

    @Test func aLoggedSessionStillWinsItsPrefix() {
        let logs = Self.ledger()
        defer { logs.remove() }
        let text = run(["session", "a1"], logs: logs.path).standardOutput
        #expect(text.contains("Claude Code session \(Self.loggedID)"))
        #expect(text.contains("  Operations  1\n"))
        #expect(!text.contains("none in the activity log"))
    }
}
