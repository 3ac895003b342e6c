import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Each rule of docs/usage-format.md against a hand-made transcript folder built to test it.
@Suite struct UsageSyncRuleTests {
    private func sync(_ rule: String) throws -> (SyncSummary, [UsageRecord]) {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (summary, ledger) = try TranscriptFixtures.syncAndRead(
            [TranscriptFixtures.root(rule)], into: scratch.file("logs"))
        #expect(ledger.skippedLines == 0)
        return (summary, ledger.records.sorted { $0.timestamp < $1.timestamp })
    }

    @Test func streamingCopiesCountOnceWithTheMostTokens() throws {
        let (summary, records) = try sync("streaming-duplicates")
        #expect(records.count == 2)
        #expect(summary.duplicatesDropped == 2)
        #expect(records[0].tokens == UsageTokens(input: 3, output: 90, cacheWrite5m: 100, cacheRead: 200))
        #expect(records[0].toolUseIDs == ["toolu_01X"])
        #expect(records[0].project == "demo")
    }

    @Test func aMessageIDFromAnthropicIsEnoughWithoutARequestID() throws {
        let (_, records) = try sync("missing-request-id")
        #expect(records.map(\.tokens.output) == [20, 30])
    }

    @Test func proxyIDsAreUniqueOnlyWithinTheirSession() throws {
        let (_, records) = try sync("proxy-ids")
        #expect(records.count == 2)
        #expect(Set(records.map(\.tokens.output)) == [15, 20])
        #expect(Set(records.map(\.project)) == ["demo", "other"])
    }

    @Test func aResumedSessionsReplayIsCreditedToTheOriginal() throws {
        let (_, records) = try sync("resumed-session")
        #expect(records.count == 2)
        #expect(records[0].messageID == "msg_01EEE")
        #expect(records[0].sessionID == "11111111-1111-1111-1111-111111111111")
        #expect(records[0].timestamp == Timestamp(iso8601: "2026-01-05T08:00:00.000Z"))
    }

    @Test func anAsidesCopyUnderAnotherRequestIDIsTheMainChainsRequest() throws {
        let (_, records) = try sync("sidechain-btw")
        #expect(records.count == 2)
        let copied = try #require(records.first { $0.messageID == "msg_01GGG" })
        #expect(copied.requestID == "req_01GGG")
        #expect(!copied.isSidechain)
        let aside = try #require(records.first { $0.messageID == "msg_01HHH" })
        #expect(aside.agentID == "aside_question-a1")
    }

    @Test func loneSurrogatesAndTwoObjectsOnALineAreRead() throws {
        #expect(try sync("lone-surrogates").1.count == 1)
        #expect(try sync("two-objects-one-line").1.map(\.tokens.input) == [1, 2])
    }

    @Test func cacheWritesSplitWhenTheSplitIsGivenElseFiveMinute() throws {
        let (_, records) = try sync("cache-creation-split")
        #expect(records[0].tokens.cacheWrite5m == 1000)
        #expect(records[0].tokens.cacheWrite1h == 4000)
        #expect(records[1].tokens.cacheWrite5m == 700)
        #expect(records[1].tokens.cacheWrite1h == 0)
    }

    @Test func syntheticResponsesAreNeverBilled() throws {
        let (summary, records) = try sync("synthetic")
        #expect(records.count == 1)
        #expect(summary.syntheticSkipped == 1)
    }

    @Test func aProgressLinesNestedRequestIsTheSubagentsAndItsOwnCopyWins() throws {
        let (_, records) = try sync("progress-subagent")
        #expect(records.count == 2)
        let subagent = try #require(records.first { $0.messageID == "msg_01QQQ" })
        #expect(subagent.agentID == "a9")
        #expect(subagent.tokens.output == 30)
        #expect(subagent.isSidechain)
        let main = try #require(records.first { $0.messageID == "msg_01RRR" })
        #expect(main.webSearchRequests == 2)
        #expect(main.speed == "fast")
        #expect(main.inferenceGeo == "us")
        #expect(main.attribution.skill == "pdf")
        #expect(main.attribution.mcpServer == "github")
    }
}
