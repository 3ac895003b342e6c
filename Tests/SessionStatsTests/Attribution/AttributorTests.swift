import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The rule of docs/attribution.md on cases whose answer is computed by hand.
@Suite struct AttributorTests {
    private static let session = "11111111-1111-1111-1111-111111111111"

    private func request(
        _ second: Int, _ id: String, input: Int, output: Int, write: Int, read: Int,
        prompt: Int = 0, results: [(String, Int)] = [], text: Int = 0, tools: [(String, Int)] = []
    ) -> UsageRecord {
        var record = UsageRecord(
            timestamp: Timestamp(milliseconds: 1_772_000_000_000 + second * 1000), sessionID: Self.session,
            project: "demo", model: "claude-sonnet-4-5-20250929", messageID: id,
            tokens: UsageTokens(input: input, output: output, cacheWrite5m: write, cacheRead: read))
        record.toolUseIDs = tools.map(\.0)
        record.pieces.isKnown = true
        record.pieces.toolInputChars = tools.map(\.1)
        record.pieces.textChars = text
        record.pieces.promptChars = prompt
        record.pieces.resultIDs = results.map(\.0)
        record.pieces.resultChars = results.map(\.1)
        return record
    }

    private func attribute(_ records: [UsageRecord]) -> (SessionAttribution, [String: CallCost]) {
        var attributor = Attributor(pricing: .builtIn)
        var calls: [String: CallCost] = [:]
        for record in records { attributor.add(record) { calls[$0.id] = $0 } }
        attributor.finish { calls[$0.id] = $0 }
        return (attributor.sessions.values.first!, calls)
    }

    @Test func theWorkedExampleOfTheDocToThePicodollar() throws {
        let (session, calls) = attribute([
            request(
                0, "msg_01R1", input: 10, output: 100, write: 2_000, read: 0, prompt: 400, text: 40,
                tools: [("A", 60)]),
            request(
                5, "msg_01R2", input: 5, output: 50, write: 1_600, read: 2_010, results: [("A", 6_000)],
                tools: [("B", 200)]),
            request(
                9, "msg_01R3", input: 3, output: 20, write: 100, read: 3_615, results: [("B", 100)], text: 80),
        ])
        #expect(session.cost.picodollars == 18_166_500_000)
        #expect(session.buckets.total == session.cost)
        #expect(session.buckets.prompts.picodollars == 435_305_790)
        #expect(session.buckets.assistantText.picodollars == 942_510_514)
        #expect(session.buckets.setup.picodollars == 8_314_340_604)
        #expect(session.buckets.tools.picodollars == 8_474_343_092)
        #expect(session.buckets.unattributed == .zero)
        let a = try #require(calls["A"])
        #expect(
            [a.issue, a.result, a.carry].map(\.picodollars) == [900_000_000, 5_975_557_378, 464_785_714])
        let b = try #require(calls["B"])
        #expect([b.issue, b.result, b.carry].map(\.picodollars) == [750_000_000, 384_000_000, 0])
        #expect(session.calls == 2)
        // Tokens are shared the same way and add up to the requests' tokens.
        #expect(session.buckets.tokens.total == 2_110 + 3_665 + 3_738)
        #expect(a.tokens > 0 && b.tokens > 0)
    }

    @Test func aCacheMissIsSharedByTheWholeContext() throws {
        // R3 reads nothing from the cache: its writes (200 × $3.75/M) are shared by everything in
        // context, prompt 100, setup 4 × 50 − 100 = 100, A 100 + 100 (carry), and R2's text 200.
        let (session, calls) = attribute([
            request(
                0, "msg_01M1", input: 0, output: 10, write: 50, read: 0, prompt: 100, tools: [("A", 100)]),
            request(
                5, "msg_01M2", input: 0, output: 10, write: 10, read: 50, results: [("A", 100)], text: 200),
            request(600, "msg_01M3", input: 0, output: 10, write: 200, read: 0, text: 10),
        ])
        let a = try #require(calls["A"])
        #expect(a.carry.picodollars == 250_000_000)
        #expect(session.buckets.total == session.cost)
    }

    @Test func ledgerLinesWithoutSizesAreUnattributedAndTheirCallsStillExist() throws {
        var record = request(0, "msg_01OLD", input: 1, output: 1, write: 1, read: 1, tools: [("A", 5)])
        record.pieces = UsagePieces()
        let (session, calls) = attribute([record])
        #expect(session.buckets.unattributed == session.cost)
        #expect(calls["A"]?.total == .zero)
    }

    @Test func aRolledUpRowCannotBeAttributed() {
        var row = request(0, "msg_01ROW", input: 10, output: 10, write: 10, read: 10, text: 5)
        row.requests = 3
        row.lastRequest = row.timestamp
        var attributor = Attributor(pricing: .builtIn)
        attributor.add(row) { _ in }
        let session = attributor.sessions.values.first!
        #expect(session.buckets.unattributed == session.cost)
        #expect(session.requests == 3)
        #expect(attributor.rolledUpRequests == 3)
    }

    @Test func webSearchesAreUnattributed() {
        var record = request(0, "msg_01WEB", input: 0, output: 10, write: 0, read: 0, text: 5)
        record.webSearchRequests = 2
        let (session, _) = attribute([record])
        #expect(session.buckets.unattributed.picodollars == 20_000_000_000)
        #expect(session.buckets.total == session.cost)
    }

    @Test func oneRequestIssuingOneToolAndNothingElse() throws {
        let (session, calls) = try syncAndAttribute("one-tool")
        // Output 50 × $15/M all to the tool; reads 1,000 × $0.30/M to setup; input 2 × $3/M
        // over the prompt (6 characters) and setup (4 × 2 − 6 = 2).
        let call = try #require(calls["toolu_01ONE"])
        #expect(call.issue.picodollars == 750_000_000)
        #expect(call.result == .zero)
        #expect(call.carry == .zero)
        #expect(session.buckets.tools.picodollars == 750_000_000)
        #expect(session.buckets.prompts.picodollars == 4_500_000)
        #expect(session.buckets.setup.picodollars == 301_500_000)
        #expect(session.cost.picodollars == 1_056_000_000)
        #expect(session.buckets.total == session.cost)
    }

    @Test func oneLargeResultCarriedThroughLaterRequests() throws {
        let (session, calls) = try syncAndAttribute("carried-result")
        let call = try #require(calls["toolu_01BIG"])
        // Issue: R1's output 30 × $15/M (its only block). Result: R2's writes 5 × $3/M + 10,000 ×
        // $3.75/M (the result is all that entered). Carry: its 40,039 of 44,079 and of 44,119
        // characters held, of R3's and R4's reads, plus the rounding remainders.
        #expect(call.issue.picodollars == 450_000_000)
        #expect(call.result.picodollars == 37_515_000_000)
        #expect(call.carry.picodollars == 6_003_261_155)
        #expect(session.buckets.tools.picodollars == 43_968_261_155)
        #expect(session.buckets.prompts.picodollars == 116_057_889)
        #expect(session.buckets.assistantText.picodollars == 621_000_067)
        #expect(session.buckets.setup.picodollars == 4_572_680_889)
        #expect(session.cost.picodollars == 49_278_000_000)
        #expect(session.buckets.total == session.cost)
    }

    // A Task call whose subagent made two requests (one Read, one answer): docs/attribution.md, "Subagents".
    @Test(arguments: ["time order", "parent first", "subagent first"])
    func aSubagentIsChargedToTheTaskCallThatStartedIt(order: String) throws {
        let records = try syncedRecords("subagent-task")
        let parent = records.filter { $0.agentID == nil }
        let subagent = records.filter { $0.agentID != nil }
        #expect(parent.count == 2 && subagent.count == 2)
        #expect(parent[1].pieces.resultAgentIDs == ["a7e1"])
        let ordered =
            order == "time order" ? records : order == "parent first" ? parent + subagent : subagent + parent
        let (session, calls) = attribute(ordered)
        let task = try #require(calls["toolu_01TASK"])
        // Issue: R1's output 20 × $15/M. Result: R2's writes 5 × $3/M + 100 × $3.75/M. Subagent: S1
        // (3 × $3/M + 30 × $15/M + 500 × $3.75/M) + S2 (2 × $3/M + 8 × $15/M + 50 × $3.75/M + 503 × $0.30/M).
        #expect(
            [task.issue, task.result, task.carry, task.subagent].map(\.picodollars) == [
                300_000_000, 390_000_000, 0, 2_798_400_000,
            ])
        #expect(task.subagentTokens == 3 + 30 + 500 + 2 + 8 + 50 + 503)
        // The subagent's Read is inside the Task call's cost, not a call of its own.
        #expect(calls["toolu_01SREAD"]?.isInsideSubagent == true)
        #expect(session.buckets.tools.picodollars == 3_488_400_000)
        #expect(session.cost.picodollars == 4_080_000_000 + 843_000_000 + 2_798_400_000)
        #expect(session.buckets.total == session.cost)
        #expect(session.buckets.tokens.total == records.reduce(0) { $0 + $1.tokens.total })
    }

    @Test func aSubagentNoCallStartedKeepsItsOwnBuckets() throws {
        var records = try syncedRecords("subagent-task")
        for index in records.indices { records[index].pieces.resultAgentIDs = [] }
        let (session, calls) = attribute(records)
        #expect(calls["toolu_01TASK"]?.subagent == .zero)
        #expect(calls["toolu_01SREAD"] != nil)
        #expect(session.buckets.total == session.cost)
    }

    @Test func theTaskCallShowsItsSubagentInCostByTool() throws {
        let records = try syncedRecords("subagent-task")
        var builder = AttributionBuilder(pricing: .builtIn, index: HookCallIndex())
        for record in records { builder.add(record) }
        let report = builder.finish()
        let group = try #require(report.byTool.first)
        #expect(report.byTool.count == 1)
        #expect(report.callsInsideSubagents == [AttributionBuilder.notInHookLog: 1])
        #expect(group.calls == 1)
        #expect(group.subagent.picodollars == 2_798_400_000)
        #expect(group.cost.picodollars == 3_488_400_000)
        #expect(report.topCalls.first?.cost.subagent.picodollars == 2_798_400_000)
        #expect(report.buckets.total == report.cost)
    }

    @Test func requestsOfModelsInTurnCountUnderTheirOwnModel() throws {
        // Each model's name a string of its own, as each ledger line's is: a request of the model
        // before it is counted without a look-up, any other by name.
        let models = ["claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"]
        let turns = [0, 0, 1, 0, 2, 2, 1, 1, 0]
        var builder = AttributionBuilder(pricing: .builtIn, index: HookCallIndex())
        var expected: [String: (requests: Int, cost: USD)] = [:]
        for (second, model) in turns.enumerated() {
            var record = request(second, "msg_\(second)", input: 10 + second, output: 5, write: 0, read: 0)
            record.model = String(decoding: Array(models[model].utf8), as: UTF8.self)
            builder.add(record)
            let price = try #require(PriceTable.builtIn.match(record.model).price)
            let sum = expected[record.model, default: (0, .zero)]
            expected[record.model] = (sum.requests + 1, sum.cost + price.cost(of: record))
        }
        let report = builder.finish()
        #expect(report.byModel.count == 3)
        for group in report.byModel {
            #expect(group.requests == expected[group.name]?.requests)
            #expect(group.cost == expected[group.name]?.cost)
        }
    }

    @Test func eachRequestIsPricedAtItsOwnDayModeRegionAndContext() throws {
        // Requests of one model in a row that differ in one thing that sets the rates: the day (a
        // dated rate change at midnight UTC), fast mode, US-only inference, a long prompt.
        func record(
            _ time: String, _ model: String, prompt: Int = 100, speed: String? = nil, geo: String? = nil
        )
            throws -> UsageRecord
        {
            var record = UsageRecord(
                timestamp: try #require(Timestamp(iso8601: time)), sessionID: Self.session, model: model,
                tokens: UsageTokens(input: prompt, output: 50, cacheWrite5m: 30, cacheRead: 20))
            record.speed = speed
            record.inferenceGeo = geo
            return record
        }
        let records = [
            try record("2026-10-06T23:59:59.000Z", "claude-sonnet-5-5"),
            try record("2026-10-07T00:00:01.000Z", "claude-sonnet-5-5"),
            try record("2026-10-07T01:00:00.000Z", "claude-opus-4-6"),
            try record("2026-10-07T01:00:01.000Z", "claude-opus-4-6", speed: "fast"),
            try record("2026-10-07T01:00:02.000Z", "claude-opus-4-6", speed: "fast", geo: "us"),
            try record("2026-10-07T01:00:03.000Z", "claude-opus-4-6", geo: "us"),
            try record("2026-10-07T01:00:04.000Z", "claude-opus-4-6"),
            try record("2026-10-07T02:00:00.000Z", "claude-sonnet-4-5-20250929"),
            try record("2026-10-07T02:00:01.000Z", "claude-sonnet-4-5-20250929", prompt: 250_000),
            try record("2026-10-07T02:00:02.000Z", "claude-sonnet-4-5-20250929"),
        ]
        var attributor = Attributor(pricing: .builtIn)
        var costs: Set<USD> = []
        for record in records {
            let price = try #require(PriceTable.builtIn.match(record.model).price)
            let cost = attributor.add(record) { _ in }
            #expect(cost == price.cost(of: record), "\(record.model) at \(record.timestamp)")
            costs.insert(cost)
        }
        // Every change of rates shows: no two requests cost the same.
        #expect(costs.count == records.count - 2)
    }

    private func syncedRecords(_ name: String) throws -> [UsageRecord] {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (_, ledger) = try TranscriptFixtures.syncAndRead(
            [PackagePaths.file("Tests/SessionStatsTests/Fixtures/attribution/" + name)],
            into: scratch.file("logs"))
        return ledger.records.sorted { $0.timestamp < $1.timestamp }
    }

    private func syncAndAttribute(_ name: String) throws -> (SessionAttribution, [String: CallCost]) {
        attribute(try syncedRecords(name))
    }
}
