import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `message.diagnostics.cache_miss_reason`: synced into the ledger, summed by reason in the report,
/// priced as what the miss cost beyond a hit.
@Suite struct CacheMissTests {
    // The fixture's misses, priced by hand (picodollars per token: Opus 4.6 writes 1h at 10,000,000
    // and reads at 500,000; Sonnet 4.5 writes 5m at 3,750,000, 1h at 6,000,000, reads at 300,000).
    // system_changed: 120,000 missed, all 1-hour writes: 120,000 × 9,500,000.
    static let systemChanged: Int128 = 1_140_000_000_000
    // tools_changed: 999 missed over 300 5-minute and 100 1-hour writes: 249 (⌊999 × 100 / 400⌋)
    // at 1h, 750 at 5m: 249 × 5,700,000 + 750 × 3,450,000.
    static let toolsChanged: Int128 = 1_419_300_000 + 2_587_500_000

    @Test func syncKeepsTheMissOfTheKeptStreamingCopy() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (_, ledger) = try TranscriptFixtures.syncAndRead(
            [TranscriptFixtures.root("cache-misses")], into: scratch.file("logs"))
        let byID = Dictionary(uniqueKeysWithValues: ledger.records.map { ($0.messageID ?? "", $0) })
        #expect(ledger.records.count == 5)
        #expect(byID["msg_01CM0"]?.cacheMiss == nil)
        #expect(byID["msg_01CM1"]?.tokens.output == 500)
        #expect(
            byID["msg_01CM1"]?.cacheMiss == UsageCacheMiss(reason: "system_changed", missedTokens: 120_000))
        #expect(byID["msg_01CM2"]?.cacheMiss == UsageCacheMiss(reason: "tools_changed", missedTokens: 999))
        #expect(byID["msg_01CM3"]?.cacheMiss == UsageCacheMiss(reason: "previous_message_not_found"))
        #expect(byID["msg_proxy_1"]?.cacheMiss == UsageCacheMiss(reason: "model_changed", missedTokens: 500))
    }

    @Test func theSummaryPricesEachReasonToThePicodollar() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = try TranscriptFixtures.syncAndRead(
            [TranscriptFixtures.root("cache-misses")], into: scratch.file("logs"))
        for threads in [1, 2] {
            var reader = UsageLedgerReader(
                directories: [scratch.file("logs")], localDays: LocalDayResolver(utcOffsetSeconds: 0))
            let (summary, _) = reader.summarize(
                days: nil, table: .builtIn, filter: EntryFilter(), threads: threads)
            let misses = summary.cacheMisses
            #expect(misses.count == 4)
            #expect(misses["system_changed"]?.requests == 1)
            #expect(misses["system_changed"]?.missedTokens == 120_000)
            #expect(misses["system_changed"]?.cost.picodollars == Self.systemChanged)
            #expect(misses["tools_changed"]?.missedTokens == 999)
            #expect(misses["tools_changed"]?.cost.picodollars == Self.toolsChanged)
            #expect(misses["previous_message_not_found"] == CacheMissTotals(requests: 1))
            // An unpriced model's miss: its tokens count, its cost is not known (the report names it).
            #expect(misses["model_changed"] == CacheMissTotals(requests: 1, missedTokens: 500))
            #expect(summary.unpricedModels == ["glm-4.7"])
            #expect(
                summary.cacheMissesByCost.map(\.reason) == [
                    "system_changed", "tools_changed", "model_changed", "previous_message_not_found",
                ])
            let text = summary.text(style: TextStyle(enabled: false), listDays: false)
            #expect(text == GoldenFile.expected("usage-cache-misses.txt", actual: text))
            #expect(text.contains("  tools_changed                      1            999  $0.0040\n"))
        }
    }

    @Test func aRequestThatWroteNothingMissesAtTheInputRate() {
        let rates = PriceRates(input: 10, output: 0, cacheWrite5m: 20, cacheWrite1h: 40, cacheRead: 1)
        #expect(rates.missCost(7, in: UsageTokens(input: 7)).picodollars == 7 * 9)
        #expect(rates.missCost(7, in: UsageTokens(cacheWrite1h: 3)).picodollars == 7 * 39)
        #expect(rates.missCost(0, in: UsageTokens(cacheWrite5m: 3)).picodollars == 0)
    }

    @Test func reportJSONListsTheMissesByReason() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let test = TestContext(entries: [])
        var context = test.context
        context.clock = LocalClock(now: Timestamp(iso8601: "2026-12-01T12:00:00Z")!, fixedUTCOffset: 0)
        let code = StatsCommand.run(
            [
                "report", "--json", "--dir", scratch.file("logs"), "--range", "all", "--transcripts",
                TranscriptFixtures.root("cache-misses"),
            ], context: context)
        #expect(code == .success, "\(test.captured.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(test.captured.standardOutput.utf8))
        let usage = try #require((object as? [String: Any])?["usage"] as? [String: Any])
        let misses = try #require(usage["cache_misses"] as? [[String: Any]])
        #expect(
            misses.map { $0["reason"] as? String } == [
                "system_changed", "tools_changed", "model_changed", "previous_message_not_found",
            ])
        #expect(misses.map { $0["requests"] as? Int } == [1, 1, 1, 1])
        #expect(misses.map { $0["missed_tokens"] as? Int } == [120_000, 999, 500, 0])
        // Rounded once, to the millionth of a dollar: 1.14 and 0.0040068.
        #expect(test.captured.standardOutput.contains("\"cost\": 1.140000"))
        #expect(test.captured.standardOutput.contains("\"cost\": 0.004007"))
    }

    @Test func missedTokensWithoutAReasonAreNoMiss() throws {
        let line = Array(
            #"{"v":1,"timestamp":"2026-03-01T10:00:00Z","session_id":"s","model":"m","cache_missed_tokens":9}"#
                .utf8)
        let decoded = try line.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            var decoder = UsageLineDecoder()
            return try decoder.decode(&scanner)
        }
        #expect(decoded?.cacheMiss == nil)
    }
}
