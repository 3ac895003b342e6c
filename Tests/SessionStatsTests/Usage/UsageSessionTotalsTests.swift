import SessionLogCore
import Testing

@testable import SessionStats

/// A session's span and directory do not depend on the order its requests are read in.
@Suite struct UsageSessionTotalsTests {
    static let requests: [(time: Int, cwd: String)] = [
        (5_000, "/b"), (1_000, ""), (1_000, "/c"), (1_000, "/a"), (9_000, ""), (3_000, "/d"),
    ]

    static func span(_ order: [Int]) -> UsageSessionTotals {
        let first = requests[order[0]]
        var totals = UsageSessionTotals(
            project: "p", first: Timestamp(milliseconds: first.time),
            last: Timestamp(milliseconds: first.time),
            cwd: first.cwd)
        for index in order.dropFirst() {
            let request = requests[index]
            totals.widen(
                first: Timestamp(milliseconds: request.time), last: Timestamp(milliseconds: request.time),
                cwd: request.cwd)
        }
        return totals
    }

    @Test func everyOrderGivesTheEarliestRequestsKnownSmallestDirectory() {
        var orders: [[Int]] = [[]]
        for index in Self.requests.indices {
            orders = orders.flatMap { order in
                (0...order.count).map {
                    var o = order
                    o.insert(index, at: $0)
                    return o
                }
            }
        }
        #expect(orders.count == 720)
        for order in orders {
            let totals = Self.span(order)
            #expect(totals.first == Timestamp(milliseconds: 1_000), "\(order)")
            #expect(totals.last == Timestamp(milliseconds: 9_000), "\(order)")
            #expect(totals.cwd == "/a", "\(order)")
        }
    }

    @Test func mergingTwoHalvesIsWideningByBoth() {
        var early = Self.span([1, 5])
        let late = Self.span([0, 3, 4])
        early.merge(late)
        #expect(early.first == Timestamp(milliseconds: 1_000))
        #expect(early.last == Timestamp(milliseconds: 9_000))
        #expect(early.cwd == "/a")
    }
}
