import Testing

@testable import SessionStats

@Suite("Model families")
struct ModelFamilyTests {
    @Test(
        "model ids map to the table's families",
        arguments: [
            ("claude-opus-4-5-20251101", ModelFamily.opus45),
            ("claude-opus-4-6", .opus45),
            ("claude-opus-5", .opus45),
            ("opus", .opus45),
            ("claude-opus-4-1-20250805", .opus4),
            ("claude-opus-4-20250514", .opus4),
            ("claude-sonnet-4-6", .sonnet),
            ("claude-sonnet-4-5-20250929", .sonnet),
            ("sonnet[1m]", .sonnet),
            ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", .sonnet),
            ("claude-haiku-4-5", .haiku45),
            ("claude-haiku-4-5@20251001", .haiku45),
            ("haiku", .haiku45),
            ("claude-3-5-haiku-20241022", .haiku35),
            ("Claude-Opus-4-5", .opus45),
        ])
    func known(model: String, family: ModelFamily) {
        #expect(ModelFamily.of(model: model) == family)
    }

    @Test(
        "ids outside the table are unknown",
        arguments: [
            "", "default", "gpt-4o", "claude-3-opus-20240229", "claude-3-haiku-20240307", "opusplan",
        ])
    func unknown(model: String) {
        #expect(ModelFamily.of(model: model) == nil)
    }

    @Test("the table's prices per million tokens")
    func prices() {
        #expect(ModelFamily.opus45.rates == TokenRates(inputPerToken: 5_000_000, outputPerToken: 25_000_000))
        #expect(ModelFamily.opus4.rates == TokenRates(inputPerToken: 15_000_000, outputPerToken: 75_000_000))
        #expect(ModelFamily.sonnet.rates == TokenRates(inputPerToken: 3_000_000, outputPerToken: 15_000_000))
        #expect(ModelFamily.haiku45.rates == TokenRates(inputPerToken: 1_000_000, outputPerToken: 5_000_000))
        #expect(ModelFamily.haiku35.rates == TokenRates(inputPerToken: 800_000, outputPerToken: 4_000_000))
    }
}
