import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `session ID` on the hand-made attribution fixtures: each call's exact cost, as AttributorTests
/// computed it by hand, and buckets that add up to the session's cost.
@Suite struct SessionAttributionTests {
    /// A hand-made transcript, its one call and that call's hand-computed parts in picodollars.
    struct Case: Sendable, CustomStringConvertible {
        var fixture: String
        var sessionID: String
        var callID: String
        var tool: String
        var issue: Int128
        var result: Int128
        var carry: Int128
        var description: String { fixture }
    }

    static let cases = [
        Case(
            fixture: "one-tool", sessionID: "22222222-2222-2222-2222-222222222222", callID: "toolu_01ONE",
            tool: "Bash", issue: 750_000_000, result: 0, carry: 0),
        Case(
            fixture: "carried-result", sessionID: "33333333-3333-3333-3333-333333333333",
            callID: "toolu_01BIG", tool: "Read", issue: 450_000_000, result: 37_515_000_000,
            carry: 6_003_261_155),
    ]

    // The hook's line for the call, logged just after the transcript's first request.
    static func entries(_ test: Case) -> [LogEntry] {
        var call = LogEntry.fixture(
            "2026-03-02T09:30:00Z", session: test.sessionID, project: "demo", cwd: "/home/user/demo",
            tool: test.tool, file: "/home/user/demo/a.txt", input: 10, output: 100)
        call.toolUseID = test.callID
        return [call]
    }

    @Test(arguments: cases) func theSessionKeepsEachCallsHandComputedCost(_ test: Case) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = try TranscriptFixtures.syncAndRead(
            [PackagePaths.file("Tests/SessionStatsTests/Fixtures/attribution/" + test.fixture)],
            into: scratch.path)
        var query = AttributionQuery(directories: [scratch.path], days: nil)
        query.filter = EntryFilter(session: .exact(test.sessionID))
        query.detailSessions = [test.sessionID]
        let report = try #require(
            query.run(
                source: .entries(Self.entries(test)), localDays: LocalDayResolver(utcOffsetSeconds: 0),
                table: .builtIn))
        let call = try #require(report.sessionCalls[test.callID])
        #expect(call.issue.picodollars == test.issue)
        #expect(call.result.picodollars == test.result)
        #expect(call.carry.picodollars == test.carry)
        let session = try #require(report.sessions[test.sessionID])
        let buckets = session.buckets
        let others = buckets.prompts + buckets.assistantText + buckets.thinking + buckets.setup
        #expect(call.total + others + buckets.unattributed == session.cost)

        // The command shows the same figure, rounded once: in the timeline and in the JSON.
        let hand = USD(picodollars: test.issue + test.result + test.carry)
        let text = TestContext(entries: Self.entries(test))
        #expect(
            text.run(["session", String(test.sessionID.prefix(8)), "--no-sync", "--dir", scratch.path])
                == .success)
        #expect(text.captured.standardOutput.contains("  110  " + hand.display + "\n"))
        let json = TestContext(entries: Self.entries(test))
        #expect(
            json.run(["session", test.sessionID, "--json", "--no-sync", "--dir", scratch.path]) == .success)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.captured.standardOutput.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries[0]["cost"] as? Double == Double(hand.fixed4))
        let attribution = try #require(object["attribution"] as? [String: Any])
        let byTool = try #require(attribution["by_tool"] as? [[String: Any]])
        #expect(byTool.first?["tool"] as? String == test.tool)
        #expect(byTool.first?["cost"] as? Double == Double(hand.fixed4))
    }
}
