import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Cost estimates")
struct CostEstimateTests {
    @Test("each session is priced at its model's rates")
    func perSession() throws {
        let aggregate = StatsAggregateTests.aggregate(SampleLogs.week)
        let cost = CostEstimate(aggregate, pricing: Pricing())
        let opus = try #require(aggregate.index(ofSession: SampleLogs.opusID))
        #expect(cost.choices[opus].family == .opus45)
        // Read: 5,567 out + the 40 of the prompt, × $5/M = $0.028035. Written: the other 1,659 in × $25/M
        // = $0.041475.
        #expect(cost.cost(ofSession: opus, in: aggregate).input == USD(picodollars: 28_035_000_000))
        #expect(cost.cost(ofSession: opus, in: aggregate).output == USD(picodollars: 41_475_000_000))
        let legacy = try #require(aggregate.index(ofSession: SampleLogs.legacyID))
        #expect(cost.choices[legacy].isFallback)
        #expect(cost.fallbackSessions == 1)
    }

    @Test("totals equal the exact sum of sessions, of projects and of days")
    func sumOfParts() {
        let aggregate = StatsAggregateTests.aggregate(
            SampleLogs.week + [
                .fixture("2026-11-22T10:00:00Z", event: .userPromptSubmit, session: "", input: 777)
            ])
        let cost = CostEstimate(aggregate, pricing: Pricing())
        let sessions = aggregate.sessions.indices.reduce(CostSplit()) { sum, index in
            var sum = sum
            sum += cost.cost(ofSession: index, in: aggregate)
            return sum
        }
        var withUnattributed = sessions
        withUnattributed += ModelFamily.sonnet.rates.cost(of: TokenCount(input: 777, prompt: 777))
        #expect(withUnattributed == cost.total)
        var projects = CostSplit()
        for totals in aggregate.projects.values { projects += cost.cost(of: totals) }
        #expect(projects == cost.total)
        var days = CostSplit()
        for totals in aggregate.days.values { days += cost.cost(of: totals) }
        #expect(days == cost.total)
        var usage = CostSplit()
        for item in cost.usage { usage += item.cost }
        #expect(usage == cost.total)
    }

    @Test("overrides apply to every session")
    func overridden() {
        let aggregate = StatsAggregateTests.aggregate(SampleLogs.opus)
        let pricing = Pricing(inputOverride: 3_000_000, outputOverride: 15_000_000)
        let cost = CostEstimate(aggregate, pricing: pricing)
        #expect(cost.total.input == USD(picodollars: (5567 + 40) * 3_000_000))
        #expect(cost.total.output == USD(picodollars: (1699 - 40) * 15_000_000))
    }
}
