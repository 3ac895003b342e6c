import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The hook index as a window of days: dropping calls as the ledger's days go by gives the report
/// the whole index gives.
@Suite struct HookWindowTests {
    private static let session = "44444444-4444-4444-4444-444444444444"
    private static let day = 86_400_000
    private static let start = 1_772_000_000_000

    private static func hookCall(_ id: String, tool: String, at milliseconds: Int, server: String? = nil)
        -> LogEntry
    {
        var entry = LogEntry.fixture(
            Timestamp(milliseconds: milliseconds).iso8601, session: session, project: "demo",
            cwd: "/home/user/demo", tool: tool, file: "/home/user/demo/\(id).txt", input: 10, output: 90,
            utcOffset: 0)
        entry.toolUseID = id
        entry.mcpServer = server
        return entry
    }

    // One request issuing `id` at `milliseconds` and the next, a minute later, reading its result.
    private static func requests(_ id: String, at milliseconds: Int) -> [UsageRecord] {
        func request(_ at: Int, _ message: String, output: Int, write: Int, read: Int) -> UsageRecord {
            var record = UsageRecord(
                timestamp: Timestamp(milliseconds: at), sessionID: session, project: "demo",
                model: "claude-sonnet-4-5-20250929", messageID: message,
                tokens: UsageTokens(input: 2, output: output, cacheWrite5m: write, cacheRead: read))
            record.pieces.isKnown = true
            return record
        }
        var issue = request(milliseconds, "msg_a_" + id, output: 30, write: 50, read: 1000)
        issue.toolUseIDs = [id]
        issue.pieces.toolInputChars = [40]
        issue.pieces.textChars = 80
        var result = request(milliseconds + 60_000, "msg_b_" + id, output: 10, write: 400, read: 1050)
        result.pieces.resultIDs = [id]
        result.pieces.resultChars = [1600]
        return [issue, result]
    }

    // A session of one chain over five days: a call a day, each logged a second after its request;
    // the third call's result comes back on the fifth day; a call the ledger never saw on day 1, and
    // a request whose call the hook did not log on day 2.
    private static let hook: [LogEntry] = [
        hookCall("toolu_d0", tool: "Read", at: start + 1000),
        hookCall("toolu_lost", tool: "Grep", at: start + 2000),
        hookCall("toolu_d1", tool: "mcp__github__search", at: start + day + 1000, server: "github"),
        hookCall("toolu_d2", tool: "Bash", at: start + 2 * day + 1000),
        hookCall("toolu_d3", tool: "Edit", at: start + 3 * day + 1000),
    ]

    private static var ledger: [UsageRecord] {
        var records = requests("toolu_d0", at: start) + requests("toolu_d1", at: start + day)
        records += requests("toolu_nohook", at: start + day + 7_200_000)
        var late = requests("toolu_d2", at: start + 2 * day)
        late[1].timestamp = Timestamp(milliseconds: start + 4 * day)
        records += [late[0]] + requests("toolu_d3", at: start + 3 * day) + [late[1]]
        return records
    }

    private static func whole() -> AttributionReport {
        var index = HookCallIndex()
        for entry in hook { index.add(entry) }
        var builder = AttributionBuilder(pricing: .builtIn, index: index)
        builder.detailSessions = [session]
        for record in ledger { builder.add(record) }
        return builder.finish()
    }

    // The hook log fed a day ahead of the ledger and dropped two days behind it, as a report reads it.
    private static func windowed() -> AttributionReport {
        var builder = AttributionBuilder(pricing: .builtIn, index: HookCallIndex())
        builder.detailSessions = [session]
        var resolver = LocalDayResolver(utcOffsetSeconds: 0)
        var window = HookWindow(
            days: resolver.day(
                of: Timestamp(milliseconds: start))...resolver.day(
                    of: Timestamp(milliseconds: start + 6 * day)))
        var loads: [ClosedRange<CivilDate>] = []
        let load = { (days: ClosedRange<CivilDate>, builder: inout AttributionBuilder) in
            loads.append(days)
            for entry in hook where days.contains(entry.day) { builder.addHookCall(entry) }
        }
        for record in ledger {
            window.advance(to: resolver.day(of: record.timestamp), builder: &builder, load: load)
            builder.add(record)
        }
        window.finish(builder: &builder, load: load)
        #expect(loads.count == 6)
        return builder.finish()
    }

    @Test func droppingOldDaysGivesTheWholeIndexsReport() {
        let whole = Self.whole()
        let windowed = Self.windowed()
        #expect(whole.unjoinedCalls == ["Grep": 1])
        #expect(windowed.unjoinedCalls == whole.unjoinedCalls)
        #expect(whole.unjoinedRequests == 1)
        #expect(windowed.unjoinedRequests == whole.unjoinedRequests)
        #expect(
            whole.byTool.map(\.name).sorted() == [
                "(not in hook log)", "Bash", "Edit", "Read", "mcp__github__search",
            ])
        #expect(windowed.byTool == whole.byTool)
        #expect(windowed.byMCPServer == whole.byMCPServer)
        #expect(windowed.byMCPServer.map(\.name) == ["github"])
        #expect(windowed.topCalls == whole.topCalls)
        // The late result's call kept its file though its hook line left the window before its chain closed.
        #expect(
            windowed.topCalls.contains {
                $0.cost.id == "toolu_d2" && $0.detail == "/home/user/demo/toolu_d2.txt"
            })
        #expect(windowed.sessionCalls == whole.sessionCalls)
        #expect(windowed.sessions == whole.sessions)
        #expect(windowed.buckets == whole.buckets)
        #expect(windowed.buckets.total == windowed.cost)
    }

    // The real transcripts and the hook log rebuilt from them, read a day at a time (one directory)
    // and whole (a second, empty directory makes the query index the whole log first).
    @Test func theRealTranscriptsGiveTheSameReportReadADayAtATime() throws {
        guard let transcripts = TranscriptFixtures.sharedOrSkip else { return }
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        _ = try HookLogRebuilder.rebuild(transcripts, into: logs)
        _ = try TranscriptFixtures.syncAndRead([transcripts], into: logs)
        let empty = scratch.file("empty")
        try FileSystem.makeDirectory(empty)
        func report(_ directories: [String]) throws -> AttributionReport {
            var query = AttributionQuery(directories: directories, days: nil)
            query.topCount = 50
            return try #require(
                query.run(
                    source: .files(threads: 1), localDays: LocalDayResolver(utcOffsetSeconds: 0),
                    table: .builtIn))
        }
        let windowed = try report([logs])
        let whole = try report([logs, empty])
        #expect(windowed.byTool.reduce(0) { $0 + $1.calls } > 5_000)
        #expect(windowed.byTool == whole.byTool)
        #expect(windowed.byMCPServer == whole.byMCPServer)
        #expect(windowed.bySubagent == whole.bySubagent)
        #expect(windowed.topCalls == whole.topCalls)
        #expect(windowed.unjoinedCalls == whole.unjoinedCalls)
        #expect(windowed.unjoinedRequests == whole.unjoinedRequests)
        #expect(windowed.callsInsideSubagents == whole.callsInsideSubagents)
        #expect(windowed.sessions == whole.sessions)
        #expect(windowed.buckets == whole.buckets)
    }
}
