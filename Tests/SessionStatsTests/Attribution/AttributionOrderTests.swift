import SessionLogCore
import Testing

@testable import SessionStats

/// Reports list rows of equal cost in one order, whatever order the ledger's sessions come in.
@Suite struct AttributionOrderTests {
    // Twelve sessions of one call each, all of the same cost. Sessions 0-5 share one timestamp,
    // 6-11 another, a second later; session ids sort in the reverse of their index.
    private static let sessions = (0..<12).map { String(format: "%08d-0000-0000-0000-000000000000", 11 - $0) }

    private static func records(of index: Int) -> [UsageRecord] {
        let session = sessions[index]
        let second = index < 6 ? 0 : 1
        let ids = ["toolu_\(index)"]
        func request(_ at: Int, _ id: String, output: Int, write: Int) -> UsageRecord {
            var record = UsageRecord(
                timestamp: Timestamp(milliseconds: 1_772_000_000_000 + at * 1000), sessionID: session,
                project: "demo", model: "claude-sonnet-4-5-20250929", messageID: id,
                tokens: UsageTokens(input: 2, output: output, cacheWrite5m: write, cacheRead: 0))
            record.pieces.isKnown = true
            return record
        }
        var issue = request(second, "msg_1_\(index)", output: 20 * ids.count, write: 0)
        issue.toolUseIDs = ids
        issue.pieces.toolInputChars = ids.map { _ in 40 }
        var result = request(second + 10, "msg_2_\(index)", output: 0, write: 100 * ids.count)
        result.pieces.resultIDs = ids
        result.pieces.resultChars = ids.map { _ in 400 }
        return [issue, result]
    }

    private static func report(sessionOrder: [Int], topCount: Int) -> AttributionReport {
        var builder = AttributionBuilder(pricing: .builtIn, index: HookCallIndex())
        builder.topCount = topCount
        for index in sessionOrder { for record in records(of: index) { builder.add(record) } }
        return builder.finish()
    }

    private static let orders: [[Int]] = [
        Array(0..<12), Array((0..<12).reversed()), [5, 11, 0, 7, 3, 9, 1, 10, 6, 2, 8, 4],
        [8, 2, 10, 4, 0, 6, 11, 1, 9, 3, 7, 5],
    ]

    @Test(arguments: [4, 7, 13])
    func equalCostCallsRankByTimeThenSession(topCount: Int) throws {
        let reports = Self.orders.map { Self.report(sessionOrder: $0, topCount: topCount) }
        let costs = Set(reports[0].topCalls.map(\.cost.total))
        #expect(costs.count == 1)
        // The earlier second first; within it sessions in id order (index 5 has the smallest id).
        let expected = [5, 4, 3, 2, 1, 0, 11, 10, 9, 8, 7, 6].map { "toolu_\($0)" }.prefix(topCount)
        for report in reports {
            #expect(report.topCalls.map(\.cost.id) == Array(expected))
            #expect(report.byTool == reports[0].byTool)
            #expect(report.byModel == reports[0].byModel)
        }
    }

    @Test func callsOfEqualCostRankByTimeSessionAndID() {
        func call(_ id: String, _ session: String, _ second: Int?, picodollars: Int128 = 5) -> CallCost {
            var call = CallCost(id: id, sessionID: session)
            call.issue = USD(picodollars: picodollars)
            call.timestamp = second.map { Timestamp(milliseconds: $0 * 1000) }
            return call
        }
        let ranked = [
            call("toolu_Z", "s2", nil, picodollars: 6), call("toolu_Y", "s9", 1), call("toolu_X", "s1", 2),
            call("toolu_W", "s2", 2), call("toolu_A", "s3", 2), call("toolu_B", "s3", 2),
            call("toolu_C", "s1", nil),
        ]
        for (index, first) in ranked.enumerated() {
            for (otherIndex, second) in ranked.enumerated() {
                #expect(first.ranks(before: second) == (index < otherIndex), "\(first.id) \(second.id)")
            }
        }
    }
}
