import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `attribution-rollup.jsonl`'s format: what the writer writes, the reader reads back, key for key.
@Suite struct AttributionRollupTests {
    /// A roll-up's header and open part, and its one row.
    static var sample: (rollup: AttributionRollup, row: AttributionRollupRow) {
        var row = AttributionRollupRow(day: CivilDate("2026-11-18")!, sessionID: "s-1")
        row.project = "shop"
        row.requests = 3
        row.cost = USD(picodollars: 16_980_000_001)
        row.tokens = UsageTokens(input: 15, output: 350, cacheWrite5m: 2500, cacheWrite1h: 7, cacheRead: 7700)
        row.session.requests = 3
        row.session.cost = row.cost
        row.session.calls = 2
        row.session.project = "shop"
        row.session.buckets.tools = USD(picodollars: 12_699_854_048)
        row.session.buckets.setup = USD(picodollars: 4_280_145_953)
        row.session.buckets.tokens.tools = 4136
        row.session.buckets.tokens.unattributed = 3
        var call = CallCost(id: "toolu_01", sessionID: "s-1", agentID: "a-7")
        call.timestamp = Timestamp(milliseconds: 1_795_000_000_123)
        call.model = "claude-sonnet-4-5"
        call.issue = USD(picodollars: 11)
        call.result = USD(picodollars: 22)
        call.carry = USD(picodollars: 33)
        call.subagent = USD(picodollars: 44)
        call.tokens = 5
        call.carryTokens = 2
        call.subagentTokens = 9
        var group = RollupGroup(group: AttributionReport.CallGroup(name: "Read"))
        group.add(call, isNew: true, estimate: 70)
        row.byTool["Read"] = group
        row.toolKeys["Read"] = [HookCallIndex.key("toolu_01")]
        row.byMCPServer["github"] = group
        row.serverKeys["github"] = [HookCallIndex.key("toolu_01")]
        row.bySubagent["Explore"] = AttributionReport.RequestGroup(
            name: "Explore", requests: 1, cost: USD(picodollars: 5))
        row.bySkill["pdf"] = AttributionReport.RequestGroup(
            name: "pdf", requests: 2, cost: USD(picodollars: 6))
        row.byModel["claude-sonnet-4-5"] = AttributionReport.RequestGroup(
            name: "claude-sonnet-4-5", requests: 3, cost: row.cost)
        row.topCalls = [AttributionReport.TopCall(cost: call, tool: "Read", detail: "/a \"quoted\" path")]
        row.inside["Grep"] = [1, UInt64.max]
        row.unjoinedCalls["Bash"] = 2
        row.unjoinedRequests = 1
        row.firstUnjoined = 42
        row.charactersPerToken["Sonnet"] = (1200, 300)
        row.hours[498_611] = 2
        row.hours[498_612] = 1
        var rollup = AttributionRollup()
        rollup.days = [CivilDate("2026-11-17")!, CivilDate("2026-11-18")!]
        rollup.sequence = 7
        rollup.sinceSweep = 7
        rollup.latest = Timestamp(milliseconds: 1_795_082_400_000)
        rollup.agentTypes = ["a-7": "Explore"]
        var record = UsageRecord(
            timestamp: Timestamp(milliseconds: 1_795_000_000_000), sessionID: "s-1",
            model: "claude-sonnet-4-5",
            tokens: UsageTokens(input: 3, output: 4, cacheWrite5m: 5, cacheRead: 6))
        record.project = "shop"
        record.toolUseIDs = ["toolu_02"]
        record.pieces.isKnown = true
        record.pieces.toolInputChars = [40]
        rollup.openRequests = [record]
        rollup.openCalls = [
            .init(
                key: 9,
                call: HookCallIndex.Call(
                    day: CivilDate("2026-11-18")!, tool: "Bash", detail: "ls", mcpServer: nil,
                    estimatedTokens: 4,
                    joined: true),
                sessionID: "s-1", project: "shop", held: false)
        ]
        rollup.openTags = [.init(key: 9, tool: "Bash", server: "srv")]
        return (rollup, row)
    }

    /// The rows and the roll-up `bytes` hold, read in memory; nil when it has no header.
    static func read(_ bytes: [UInt8], skipped: inout Int) -> (AttributionRollup, [AttributionRollupRow])? {
        var reader = AttributionRollupReader()
        var rows: [AttributionRollupRow] = []
        let rollup = reader.read(bytes: bytes) { rows.append($0) }
        skipped = reader.skipped
        return rollup.map { ($0, rows) }
    }

    @Test func writtenThenReadGivesTheSameBytesAndFigures() throws {
        let sample = Self.sample
        let bytes = sample.rollup.bytes(rows: [sample.row])
        var skipped = 0
        let (read, rows) = try #require(Self.read(bytes, skipped: &skipped))
        #expect(skipped == 0)
        #expect(read.bytes(rows: rows) == bytes)
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row.cost == USD(picodollars: 16_980_000_001))
        #expect(row.session.buckets == sample.row.session.buckets)
        #expect(row.byTool["Read"]?.costs == [110])
        #expect(row.byTool["Read"]?.group == sample.row.byTool["Read"]?.group)
        #expect(row.topCalls == sample.row.topCalls)
        #expect(row.inside["Grep"] == [1, UInt64.max])
        #expect(read.openRequests == sample.rollup.openRequests)
        #expect(read.openCalls.first?.call.detail == "ls")
        #expect(read.openTags.first?.server == "srv")
        #expect(read.days.count == 2 && read.sinceSweep == 7 && read.agentTypes["a-7"] == "Explore")
    }

    @Test func aBadLineIsSkippedAndCountedAndAFileWithoutHeaderIsNoRollup() {
        var bytes = Self.sample.rollup.bytes(rows: [Self.sample.row])
        bytes += Array("{\"day\":\"2026-11-19\"}\nnot json\n".utf8)
        var skipped = 0
        #expect(Self.read(bytes, skipped: &skipped)?.1.count == 1)
        #expect(skipped == 2)
        #expect(Self.read(Array("{\"attribution_rollup\":2}\n".utf8), skipped: &skipped) == nil)
    }
}
