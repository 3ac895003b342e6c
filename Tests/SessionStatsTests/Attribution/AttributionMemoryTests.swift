import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// What the builder keeps per call of the range: the costs behind the median and p95 leave memory
/// for the scratch file, and the figures stay those of a sort of every call's cost.
@Suite struct AttributionMemoryTests {
    private static let start = 1_772_000_000_000

    private static func hookCall(_ id: String, session: String, tool: String, server: String?, at: Int)
        -> LogEntry
    {
        var entry = LogEntry.fixture(
            Timestamp(milliseconds: at).iso8601, session: session, project: "demo", cwd: "/home/user/demo",
            tool: tool, file: "/home/user/demo/\(id).txt", input: 10, output: 90, utcOffset: 0)
        entry.toolUseID = id
        entry.mcpServer = server
        return entry
    }

    // Session `number`: one request issuing a call (its output and input size vary with `number`,
    // so costs differ and some tie), and the next request reading its result.
    private static func requests(_ number: Int, session: String, id: String, at: Int) -> [UsageRecord] {
        func request(_ at: Int, _ message: String, output: Int, write: Int, read: Int) -> UsageRecord {
            var record = UsageRecord(
                timestamp: Timestamp(milliseconds: at), sessionID: session, project: "demo",
                model: "claude-sonnet-4-5-20250929", messageID: message,
                tokens: UsageTokens(input: 2, output: output, cacheWrite5m: write, cacheRead: read))
            record.pieces.isKnown = true
            return record
        }
        var issue = request(at, "msg_a_" + id, output: 20 + number % 37, write: 50, read: 1000)
        issue.toolUseIDs = [id]
        issue.pieces.toolInputChars = [40 + number % 11]
        issue.pieces.textChars = 80
        var result = request(at + 60_000, "msg_b_" + id, output: 10, write: 300 + number % 23, read: 1050)
        result.pieces.resultIDs = [id]
        result.pieces.resultChars = [1600]
        return [issue, result]
    }

    @Test func medianAndP95AreASortsWithTheCostsOutOfMemory() throws {
        let tools = ["Read", "Bash", "mcp__github__search", "Edit"]
        var index = HookCallIndex()
        var ledger: [UsageRecord] = []
        var sessions: Set<String> = []
        for number in 0..<600 {
            let session = "55555555-5555-5555-5555-\(String(100_000_000_000 + number).suffix(12))"
            let id = "toolu_m\(number)"
            let at = Self.start + number * 1000
            let tool = tools[number % tools.count]
            index.add(
                Self.hookCall(
                    id, session: session, tool: tool, server: tool.hasPrefix("mcp__") ? "github" : nil, at: at
                ))
            ledger += Self.requests(number, session: session, id: id, at: at)
            sessions.insert(session)
        }
        var builder = AttributionBuilder(pricing: .builtIn, index: index)
        builder.detailSessions = sessions
        builder.callCostMemoryLimit = 32
        var most = 0
        for record in ledger.sorted(by: { $0.timestamp < $1.timestamp }) {
            builder.add(record)
            most = max(most, builder.bufferedCallCosts)
        }
        let report = builder.finish()
        // Every call's cost was held at some point: the old per-call lists grew to 600 + 150.
        #expect(most <= 32)
        #expect(report.sessionCalls.count == 600)
        for (name, numbers) in [
            ("Read", 0), ("Bash", 1), ("mcp__github__search", 2), ("Edit", 3),
        ] {
            let costs = report.sessionCalls.values.filter { Int($0.id.dropFirst(7))! % 4 == numbers }
                .map(\.total).sorted()
            let group = try #require(report.byTool.first { $0.name == name })
            #expect(group.calls == 150)
            #expect(group.median == costs[(costs.count + 1) / 2 - 1])
            #expect(group.p95 == costs[(costs.count * 95 + 99) / 100 - 1])
        }
        let server = try #require(report.byMCPServer.first)
        let github = try #require(report.byTool.first { $0.name == "mcp__github__search" })
        #expect(server.median == github.median)
        #expect(server.p95 == github.p95)
        #expect(Set(report.sessionCalls.values.map(\.total)).count > 20)
    }

    // Sessions a day apart over twenty days, each closed by the idle limit a day after its last
    // request; session 19 replays (reads again) the result of session 0's call.
    @Test func callStateFollowsTheOpenChainsAndAReplayCountsOnce() throws {
        let day = 86_400_000
        var index = HookCallIndex()
        var ledger: [UsageRecord] = []
        func session(_ number: Int) -> String {
            "66666666-6666-6666-6666-\(String(100_000_000_000 + number).suffix(12))"
        }
        for number in 0..<20 {
            for call in 0..<30 {
                let id = "toolu_r\(number)_\(call)"
                let at = Self.start + number * day + call * 120_000
                index.add(Self.hookCall(id, session: session(number), tool: "Read", server: nil, at: at))
                ledger += Self.requests(number + call, session: session(number), id: id, at: at)
            }
        }
        var replay = ledger[1]
        replay.sessionID = session(19)
        replay.messageID = "msg_replay"
        replay.timestamp = Timestamp(milliseconds: Self.start + 19 * day + 3_600_000 * 5)
        ledger.append(replay)
        var builder = AttributionBuilder(pricing: .builtIn, index: index)
        builder.retiredBlockEntries = 1
        builder.chainSweepInterval = 1
        builder.detailSessions = [session(0), session(19)]
        var most = 0
        for record in ledger.sorted(by: { $0.timestamp < $1.timestamp }) {
            builder.add(record)
            most = max(most, builder.retainedCalls)
        }
        let report = builder.finish()
        // At most the calls of the sessions of the last day and a half are open: the old table kept all 600.
        #expect(most <= 90)
        #expect(builder.retainedCalls == 0)
        let read = try #require(report.byTool.first)
        #expect(report.byTool.count == 1)
        #expect(read.calls == 600)
        #expect(read.cost == report.buckets.tools)
        let replayed = try #require(report.sessionCalls["toolu_r0_0"])
        #expect(replayed.result > .zero)
        #expect(read.estimatedTokens == 600 * 100)
    }
}
