import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct BillingBlockTests {
    private func request(_ time: String, output: Int = 100) -> (record: UsageRecord, cost: USD) {
        let record = UsageRecord(
            timestamp: Timestamp(iso8601: time)!, sessionID: "s", model: "claude-opus-4-5",
            tokens: UsageTokens(output: output))
        return (record, USD(picodollars: Int128(output) * 25_000_000))
    }

    @Test func blocksStartAtTheHourAndEndAfterFiveHoursOrFiveIdleHours() {
        let blocks = BillingBlock.blocks([
            request("2026-11-22T09:40:00Z"),
            request("2026-11-22T13:59:00Z"),  // within 5 h of 09:00
            request("2026-11-22T14:00:01Z"),  // past 14:00: a new block from 14:00
            request("2026-11-22T18:59:00Z"),
            request("2026-11-23T02:30:00Z"),  // after a gap
        ])
        #expect(
            blocks.map(\.start.iso8601) == [
                "2026-11-22T09:00:00.000Z", "2026-11-22T14:00:00.000Z", "2026-11-23T02:00:00.000Z",
            ])
        #expect(blocks.map(\.totals.requests) == [2, 2, 1])
        #expect(blocks[0].end.iso8601 == "2026-11-22T14:00:00.000Z")
    }

    @Test func theActiveBlocksBurnRateAndProjection() {
        let blocks = BillingBlock.blocks([
            request("2026-11-22T10:00:00Z", output: 1_000), request("2026-11-22T10:10:00Z", output: 1_000),
        ])
        let now = Timestamp(iso8601: "2026-11-22T10:30:00Z")!
        let block = blocks[0]
        #expect(block.isActive(at: now))
        #expect(!block.isActive(at: Timestamp(iso8601: "2026-11-22T15:00:00Z")!))
        #expect(block.burnRate.tokensPerMinute == 200)
        // $0.05 over 10 minutes: $0.30 an hour; 270 minutes left.
        #expect(block.burnRate.costPerHour == USD(picodollars: 300_000_000_000))
        let projection = block.projection(at: now)
        #expect(projection.remainingMinutes == 270)
        #expect(projection.tokens == 2_000 + 200 * 270)
        #expect(projection.cost == USD(picodollars: 50_000_000_000 + 1_350_000_000_000))
    }

    @Test func blocksCommandParsesTheTokenLimit() throws {
        #expect(try BlocksCommand.parse(["--token-limit", "max"]).get().tokenLimit == .max)
        #expect(try BlocksCommand.parse(["--token-limit", "500000"]).get().tokenLimit == .tokens(500_000))
        #expect(try BlocksCommand.parse([]).get().common.range == .week)
        guard case .failure = BlocksCommand.parse(["--token-limit", "lots"]) else {
            Issue.record("accepted --token-limit lots")
            return
        }
    }
}
