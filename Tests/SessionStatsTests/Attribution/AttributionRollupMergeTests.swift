import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// How `rotate` puts rows into the new roll-up without holding them all: the previous file's rows
/// merged in order with this range's (`AttributionRollupMerge`), and this range's rows of past
/// days read back from the scratch file (`AttributionRollupRows`), as when everything was in memory.
@Suite struct AttributionRollupMergeTests {
    static let day1 = CivilDate("2026-11-17")!
    static let day2 = CivilDate("2026-11-18")!

    static func top(_ id: String, _ picodollars: Int128) -> AttributionReport.TopCall {
        var call = CallCost(id: id, sessionID: "s")
        call.issue = USD(picodollars: picodollars)
        return AttributionReport.TopCall(cost: call, tool: "Read", detail: nil)
    }

    static func row(
        _ day: CivilDate, _ session: String, requests: Int, project: String = "", keys: [UInt64] = [],
        tops: [AttributionReport.TopCall] = [], firstUnjoined: Int? = nil
    ) -> AttributionRollupRow {
        var row = AttributionRollupRow(day: day, sessionID: session)
        row.requests = requests
        row.project = project
        row.session.project = project
        if !keys.isEmpty {
            row.toolKeys["Read"] = keys
            var group = RollupGroup(group: AttributionReport.CallGroup(name: "Read"))
            group.group.calls = keys.count
            group.costs = keys.map { Int64($0) * 10 }
            row.byTool["Read"] = group
        }
        row.topCalls = tops
        row.firstUnjoined = firstUnjoined
        if firstUnjoined != nil { row.unjoinedRequests = 1 }
        return row
    }

    static func merged(
        previous: [AttributionRollupRow], new: [AttributionRollupRow], topCount: Int,
        spillBefore: CivilDate? = nil
    ) -> [AttributionRollupRow] {
        var rows = AttributionRollupRows()
        for row in new { rows.memory[.init(day: row.day, sessionID: row.sessionID)] = row }
        if let spillBefore { rows.spill(before: spillBefore) }
        let inOrder = zip(previous, previous.dropFirst()).allSatisfy {
            AttributionRollupRows.Key(day: $0.day, sessionID: $0.sessionID)
                < AttributionRollupRows.Key(day: $1.day, sessionID: $1.sessionID)
        }
        var merge = AttributionRollupMerge(rows, topCount: topCount, previousInOrder: inOrder)
        var out: [AttributionRollupRow] = []
        for row in previous { merge.take(previous: row) { out.append($0) } }
        merge.finish { out.append($0) }
        return out
    }

    /// What the whole-file rotate wrote: rows by day then session; a day and session in both is the
    /// previous row plus the new one (keys and call costs in that order, the previous project even
    /// empty, its first unjoined request), top lists cut to `top_calls_kept`; whether the new rows
    /// stayed in memory or went to the scratch file.
    @Test(arguments: [false, true])
    func previousAndNewRowsOfOneDayAndSessionAddUpInFileOrder(spilled: Bool) throws {
        let previous = [
            Self.row(Self.day1, "a", requests: 1, project: "p"),
            Self.row(
                Self.day1, "b", requests: 2, keys: [1, 2], tops: [Self.top("t1", 50), Self.top("t2", 10)],
                firstUnjoined: 8),
            Self.row(Self.day2, "c", requests: 3, project: "p"),
        ]
        let new = [
            Self.row(Self.day2, "a", requests: 10, project: "q"),
            Self.row(
                Self.day1, "b", requests: 20, project: "q", keys: [3],
                tops: [Self.top("t3", 30), Self.top("t4", 5)], firstUnjoined: 4),
            Self.row(Self.day1, "0", requests: 30, project: "q"),
            Self.row(Self.day2, "d", requests: 40, project: "q"),
        ]
        let out = Self.merged(
            previous: previous, new: new, topCount: 2, spillBefore: spilled ? Self.day2.adding(days: 1) : nil)
        #expect(
            out.map { "\($0.day) \($0.sessionID) \($0.requests)" } == [
                "2026-11-17 0 30", "2026-11-17 a 1", "2026-11-17 b 22", "2026-11-18 a 10", "2026-11-18 c 3",
                "2026-11-18 d 40",
            ])
        let sum = out[2]
        #expect(sum.project == "")
        #expect(sum.toolKeys["Read"] == [1, 2, 3])
        #expect(sum.byTool["Read"]?.costs == [10, 20, 30])
        #expect(sum.byTool["Read"]?.group.calls == 3)
        #expect(sum.topCalls.map(\.cost.id) == ["t1", "t3"])
        #expect(sum.firstUnjoined == 8 && sum.unjoinedRequests == 2)
    }

    /// A previous file out of order (edited by hand) is sorted first, the last of two rows of one
    /// day and session winning, as when the file was read whole.
    @Test func previousRowsOutOfOrderAreSortedAndTheLastOfADayAndSessionWins() {
        let previous = [
            Self.row(Self.day2, "a", requests: 1),
            Self.row(Self.day1, "a", requests: 2),
            Self.row(Self.day1, "a", requests: 3),
        ]
        let new = [Self.row(Self.day1, "a", requests: 10), Self.row(Self.day2, "b", requests: 20)]
        let out = Self.merged(previous: previous, new: new, topCount: 10)
        #expect(
            out.map { "\($0.day) \($0.sessionID) \($0.requests)" } == [
                "2026-11-17 a 13", "2026-11-18 a 1", "2026-11-18 b 20",
            ])
    }

    /// A row changed in parts, some sent to the scratch file between changes, reads back as the
    /// row changed in memory throughout: random changes as `AttributionRollupBuilder` makes them
    /// (the project set by the first change that knows one), byte for byte.
    @Test(arguments: 0..<20)
    func aRowSpilledInPartsReadsBackAsTheRowKeptInMemory(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var spilled = AttributionRollupRows()
        var whole: [AttributionRollupRows.Key: AttributionRollupRow] = [:]
        let days = [Self.day1, Self.day2]
        var nextKey: UInt64 = 0
        for _ in 0..<200 {
            let key = AttributionRollupRows.Key(
                day: days[Int(random.next() % 2)], sessionID: ["a", "b", "c"][Int(random.next() % 3)])
            let project: String? = random.next() % 3 == 0 ? nil : ["p", "q"][Int(random.next() % 2)]
            let requests = Int(random.next() % 4)
            let cost = Int128(random.next() % 1000)
            let unjoined = random.next() % 5 == 0
            let tool = ["Read", "Bash"][Int(random.next() % 2)]
            nextKey += 1
            let callKey = nextKey
            let top = Self.top("t\(random.next() % 40)", cost)
            let hour = Int(random.next() % 3)
            let change = { (row: inout AttributionRollupRow) in
                if row.project.isEmpty, let project {
                    row.project = project
                    row.session.project = project
                }
                row.requests += requests
                row.cost = row.cost + USD(picodollars: cost)
                row.session.requests += requests
                row.byModel["m", default: .init(name: "m")].requests += requests
                row.byTool[tool, default: RollupGroup(group: .init(name: tool))].add(
                    top.cost, isNew: true, estimate: 3)
                row.toolKeys[tool, default: []].append(callKey)
                row.inside[tool, default: []].append(callKey << 8)
                row.topCalls.insertRanked(top, limit: 3)
                if unjoined {
                    row.unjoinedRequests += 1
                    if row.firstUnjoined == nil { row.firstUnjoined = Int(callKey) }
                }
                row.unjoinedCalls[tool, default: 0] += 1
                row.charactersPerToken["f", default: (0, 0)].characters += requests
                row.hours[hour, default: 0] += 1
            }
            var inMemory = whole[key] ?? AttributionRollupRow(day: key.day, sessionID: key.sessionID)
            change(&inMemory)
            whole[key] = inMemory
            var part = spilled.memory[key] ?? AttributionRollupRow(day: key.day, sessionID: key.sessionID)
            change(&part)
            spilled.memory[key] = part
            if random.next() % 10 == 0 { spilled.spill(before: Self.day2.adding(days: 1)) }
        }
        var read: [AttributionRollupRow] = []
        for day in spilled.days { read += spilled.rows(of: day) }
        let expected = whole.values.sorted {
            AttributionRollupRows.Key(day: $0.day, sessionID: $0.sessionID)
                < AttributionRollupRows.Key(day: $1.day, sessionID: $1.sessionID)
        }
        #expect(read.count == expected.count)
        for (got, want) in zip(read, expected) {
            var trimmed = got
            trimmed.topCalls = Array(trimmed.topCalls.prefix(3))
            #expect(trimmed.document.jsonText == want.document.jsonText)
        }
        #expect(spilled.memory.isEmpty)
    }
}
