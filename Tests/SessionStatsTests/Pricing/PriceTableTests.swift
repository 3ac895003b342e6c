import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct PriceTableTests {
    private let table = PriceTable.builtIn

    private func record(
        _ model: String, _ tokens: UsageTokens, at time: String = "2026-11-01T12:00:00Z"
    ) -> UsageRecord {
        UsageRecord(timestamp: Timestamp(iso8601: time)!, sessionID: "s", model: model, tokens: tokens)
    }

    private func cost(_ record: UsageRecord) -> USD { table.match(record.model).price!.cost(of: record) }

    /// $ per million tokens as picodollars for `count` tokens: `dollars(5, 1_000_000)` is $5.
    private func usd(_ cents: Int) -> USD { USD(picodollars: Int128(cents) * 10_000_000_000) }

    @Test(arguments: [
        ("claude-opus-4-5-20251101", "claude-opus-4-5"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5"),
        ("anthropic/claude-opus-4.1", "claude-opus-4-1"),
        ("claude-sonnet-4@20250514", "claude-sonnet-4"),
        ("claude-opus-4-6[1m]", "claude-opus-4-6"),
        ("claude-3-5-sonnet-latest", "claude-3-5-sonnet"),
        ("claude-opus-4-0", "claude-opus-4-0"),
    ])
    func normalizesProviderForms(model: String, expected: String) {
        #expect(PriceTable.normalize(model) == expected)
    }

    @Test func everyModelTheIssueListsIsPricedExactly() {
        for model in [
            "claude-opus-4-20250514", "claude-opus-4-0", "claude-opus-4-1", "claude-opus-4-5",
            "claude-opus-4-6",
            "claude-opus-4-7", "claude-opus-4-8", "claude-opus-5", "claude-opus-5-5", "claude-sonnet-4",
            "claude-sonnet-4-5", "claude-sonnet-4-6", "claude-sonnet-5", "claude-sonnet-5-5",
            "claude-3-5-haiku",
            "claude-haiku-4-5", "claude-haiku-5-5", "claude-fable-5", "claude-fable-5-1",
            "claude-3-opus-20240229",
            "claude-3-5-sonnet-20241022", "claude-3-7-sonnet-20250219", "claude-3-haiku-20240307",
        ] {
            guard case .exact = table.match(model) else {
                Issue.record("\(model) is not priced exactly")
                continue
            }
        }
    }

    @Test func unknownClaudeModelsTakeTheirFamilysNewestAndOthersAreUnpriced() {
        #expect(table.match("claude-opus-6").price?.name == "Opus 5.5")
        if case .estimated = table.match("claude-opus-6") {} else { Issue.record("not estimated") }
        #expect(table.match("sonnet").price?.name == "Sonnet 5.5")
        #expect(table.match("glm-4.7") == .unpriced)
        #expect(table.match("gpt-5-mini") == .unpriced)
    }

    @Test func ratesFollowTheTokenKinds() {
        // Opus 4.5: $5 in, $25 out, $6.25 5m write, $10 1h write, $0.50 read, per million.
        let tokens = UsageTokens(
            input: 1_000_000, output: 1_000_000, cacheWrite5m: 1_000_000, cacheWrite1h: 1_000_000,
            cacheRead: 1_000_000)
        #expect(cost(record("claude-opus-4-5", tokens)) == usd(500 + 2500 + 625 + 1000 + 50))
    }

    @Test func sonnet55CacheReadsHalvedOn20261007() {
        let reads = UsageTokens(cacheRead: 1_000_000)
        #expect(cost(record("claude-sonnet-5-5", reads, at: "2026-10-06T23:59:59Z")) == usd(20))
        #expect(cost(record("claude-sonnet-5-5", reads, at: "2026-10-07T00:00:00Z")) == usd(10))
    }

    @Test func longContextBillsTheWholeRequestAtTheHigherRates() {
        let short = UsageTokens(input: 100_000, output: 1_000_000, cacheRead: 100_000)
        let long = UsageTokens(input: 100_000, output: 1_000_000, cacheRead: 100_001)
        // Sonnet 4.5 at 200,000 prompt tokens: $3×0.1 + $15 + $0.30×0.1; one more token: $6×0.1 + $22.50 + $0.60×0.1.
        #expect(cost(record("claude-sonnet-4-5", short)) == usd(30 + 1500 + 3))
        #expect(
            cost(record("claude-sonnet-4-5", long))
                == USD(picodollars: usd(60 + 2250 + 6).picodollars + 600_000))
        // Sonnet 4.6 has no long-context rates.
        #expect(
            cost(record("claude-sonnet-4-6", long))
                == USD(picodollars: usd(30 + 1500 + 3).picodollars + 300_000))
        // Haiku 5.5 above 100,000 prompt tokens: everything 5×.
        let haiku = UsageTokens(input: 100_001, output: 1_000_000)
        #expect(
            cost(record("claude-haiku-5-5", haiku))
                == USD(picodollars: (100_001 * 500_000 + 2_500_000_000_000)))
    }

    @Test func fastModeUSInferenceAndWebSearchesAddUp() {
        var fast = record("claude-opus-4-6", UsageTokens(output: 1_000_000))
        fast.speed = "fast"
        #expect(cost(fast) == usd(6 * 2500))
        fast.inferenceGeo = "us"
        #expect(cost(fast) == usd(6 * 2500 * 11 / 10))
        var search = record("claude-haiku-4-5", .zero)
        search.webSearchRequests = 3
        #expect(cost(search) == usd(3))
        var standardSpeedOnSonnet = record("claude-sonnet-4-6", UsageTokens(output: 1_000_000))
        standardSpeedOnSonnet.speed = "fast"
        #expect(cost(standardSpeedOnSonnet) == usd(1500))
    }
}

@Suite struct PricingFileTests {
    @Test func addsAndOverridesModelsWithEffectiveDates() throws {
        let text = """
            {
              "claude-opus-6": {"name": "Opus 6", "rates": [
                {"from": "2027-01-01", "input": 3, "output": 15},
                {"from": "2026-12-01", "input": 4.125, "output": 20, "cache_read": 0.2}]},
              "glm-4.7": {"input": 0.6, "output": 2.2}
            }
            """
        let overrides = try PricingFile.parse(Array(text.utf8), path: "pricing.json")
        let table = PriceTable.builtIn.merging(overrides)
        let opus6 = try #require(table.match("claude-opus-6-20270101").price)
        #expect(opus6.name == "Opus 6")
        #expect(opus6.rates(on: CivilDate(year: 2026, month: 12, day: 15)).input == 4_125_000)
        #expect(opus6.rates(on: CivilDate(year: 2026, month: 12, day: 15)).cacheWrite5m == 5_156_250)
        #expect(opus6.rates(on: CivilDate(year: 2027, month: 2, day: 1)).input == 3_000_000)
        #expect(
            table.match("glm-4.7").price?.rates(on: CivilDate(year: 2026, month: 1, day: 1)).output
                == 2_200_000)
    }

    @Test(arguments: [
        ("{\n  \"m\": {\"input\": \"5\", \"output\": 1}\n}", 2, "m: input must be a number"),
        ("{\n  \"m\": {\"input\": 5}\n}", 2, "m: input and output are required"),
        ("{\n  \"m\": {\"input\": 5, \"output\": 1,\n   \"colour\": 2}\n}", 3, "m: unknown key colour"),
        ("{\n  \"m\": {\"input\": 5 \"output\": 1}\n}", 2, "not valid JSON"),
        ("{\n  \"m\": {\"input\": 1.1234567, \"output\": 1}\n}", 2, "up to 6 decimals"),
        (
            "{\"m\": {\"rates\": [{\"from\": \"2026-13-01\", \"input\": 1, \"output\": 1}]}}", 1,
            "from must be a date"
        ),
    ])
    func namesTheLineOfAMistake(text: String, line: Int, reason: String) {
        do {
            _ = try PricingFile.parse(Array(text.utf8), path: "/logs/pricing.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.line == line, "\(error.message)")
            #expect(error.message.hasPrefix("bad price file /logs/pricing.json:\(line): "))
            #expect(error.reason.contains(reason), "\(error.message)")
        }
    }
}
