/// Reading the rate overrides from the environment.
extension Pricing {
    /// The pricing `CLAUDE_RATE_INPUT` and `CLAUDE_RATE_OUTPUT` ask for; the table alone when neither is set.
    public static func from(variables: (String) -> String?) throws(UsageError) -> Pricing {
        var pricing = Pricing()
        for name in [inputVariable, outputVariable] {
            guard let text = variables(name) else { continue }
            guard let rate = picodollarsPerToken(fromPerThousand: text) else {
                throw .badEnvironment(name: name, value: text, expected: "USD per 1K tokens, such as 0.003")
            }
            if name == inputVariable { pricing.inputOverride = rate } else { pricing.outputOverride = rate }
        }
        return pricing
    }
}
