import Testing

@testable import SessionStats

@Suite("Pricing")
struct PricingTests {
    @Test("unknown and missing models get Sonnet rates, flagged")
    func fallback() {
        let pricing = Pricing()
        for model in [nil, "mystery-model"] as [String?] {
            let choice = pricing.choice(forModel: model)
            #expect(choice.isFallback)
            #expect(choice.rates == ModelFamily.sonnet.rates)
        }
        #expect(!pricing.choice(forModel: "claude-sonnet-4-6").isFallback)
    }

    @Test(
        "rates per 1K tokens parse exactly into picodollars per token",
        arguments: [
            ("0.003", 3_000_000), ("0.015", 15_000_000), ("3", 3_000_000_000), ("0.0008", 800_000),
            (".5", 500_000_000),
            ("0.000000001", 1), ("0.0000000015", 2), ("0.0000000014", 1), ("0", 0),
        ])
    func parse(text: String, picodollars: Int) {
        #expect(Pricing.picodollarsPerToken(fromPerThousand: text) == picodollars)
    }

    @Test(
        "malformed rates are refused",
        arguments: ["", ".", "abc", "-0.003", "1e-3", "0,003", "0.003 ", "1.2.3"])
    func refuse(text: String) {
        #expect(Pricing.picodollarsPerToken(fromPerThousand: text) == nil)
    }

    @Test("CLAUDE_RATE_INPUT and CLAUDE_RATE_OUTPUT replace the table's rates, each on its own")
    func overrides() throws {
        let both = try Pricing.from(
            variables: ["CLAUDE_RATE_INPUT": "0.01", "CLAUDE_RATE_OUTPUT": "0.02"].lookup)
        #expect(
            both.choice(forModel: "claude-opus-4-5").rates
                == TokenRates(inputPerToken: 10_000_000, outputPerToken: 20_000_000))
        #expect(both.isOverridden)
        let input = try Pricing.from(variables: ["CLAUDE_RATE_INPUT": "0.001"].lookup)
        #expect(
            input.choice(forModel: "claude-haiku-4-5").rates
                == TokenRates(inputPerToken: 1_000_000, outputPerToken: 5_000_000))
        #expect(input.choice(forModel: "claude-opus-4-5").rates.outputPerToken == 25_000_000)
        #expect(try !Pricing.from(variables: [:].lookup).isOverridden)
    }

    @Test("a malformed override is a usage error naming the variable")
    func badOverride() {
        #expect(
            throws: UsageError.badEnvironment(
                name: "CLAUDE_RATE_OUTPUT", value: "lots", expected: "USD per 1K tokens, such as 0.003")
        ) {
            try Pricing.from(variables: ["CLAUDE_RATE_OUTPUT": "lots"].lookup)
        }
    }
}

extension Dictionary where Key == String, Value == String {
    /// The dictionary as an environment lookup.
    var lookup: (String) -> String? { { self[$0] } }
}
