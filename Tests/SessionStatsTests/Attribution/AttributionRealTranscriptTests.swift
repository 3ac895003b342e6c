import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The invariant of docs/attribution.md on the real transcripts, joined with the hook log rebuilt
/// from them: every session's buckets add up to its exact cost, and the join finds every call.
@Suite struct AttributionRealTranscriptTests {
    @Test func everySessionsBucketsAddUpAndEveryCallJoins() throws {
        guard let transcripts = TranscriptFixtures.sharedOrSkip else { return }
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        let logged = try HookLogRebuilder.rebuild(transcripts, into: logs)
        let (_, ledger) = try TranscriptFixtures.syncAndRead([transcripts], into: logs)
        #expect(logged > 10_000)

        var index = HookCallIndex()
        var reader = LogReader(
            directories: [logs], days: nil, localDays: LocalDayResolver(utcOffsetSeconds: 0),
            fields: HookCallIndex.fields)
        reader.forEach({ index.add($0) })
        #expect(index.calls.count == logged)

        var builder = AttributionBuilder(pricing: .builtIn, index: index)
        let ordered = ledger.records.sorted { $0.timestamp < $1.timestamp }
        for record in ordered { builder.add(record) }
        let report = builder.finish()

        #expect(report.sessions.count > 80)
        for session in report.sessions.values {
            #expect(session.buckets.total == session.cost, "session \(session.sessionID)")
            #expect(session.buckets.tokens.total >= 0)
        }
        #expect(report.buckets.total == report.cost)
        let tokens = ordered.reduce(0) { $0 + $1.tokens.total }
        #expect(report.buckets.tokens.total == tokens)
        // Every call the rebuilt hook log holds was issued by a request the ledger holds.
        #expect(report.unjoinedCallCount == 0, "unjoined: \(report.unjoinedCalls)")
        let joined = report.byTool.filter { $0.name != AttributionBuilder.notInHookLog }.reduce(0) {
            $0 + $1.calls
        }
        // A subagent's calls are inside the Task call that started it (docs/attribution.md, "Subagents").
        let inside = report.callsInsideSubagents.filter { $0.key != AttributionBuilder.notInHookLog }.values
            .reduce(0, +)
        #expect(inside > 100)
        #expect(joined + inside == logged)
        #expect(report.byTool.reduce(USD.zero) { $0 + $1.cost } == report.buckets.tools)
        let charged = report.byTool.reduce(USD.zero) { $0 + $1.subagent }
        #expect(charged > .zero)
        // Most of the money of real sessions is placed, not left unattributed.
        #expect(report.buckets.unattributed.picodollars * 20 < report.cost.picodollars)
    }
}
