/// What a million input and output tokens cost, held exactly as picodollars per token.
public struct TokenRates: Hashable, Sendable {
    /// Picodollars per input token ($1 per million tokens = 1,000,000).
    public var inputPerToken: Int
    /// Picodollars per output token.
    public var outputPerToken: Int

    /// Creates rates from picodollars per token.
    public init(inputPerToken: Int, outputPerToken: Int) {
        self.inputPerToken = inputPerToken
        self.outputPerToken = outputPerToken
    }

    /// Creates rates from hundredths of a dollar per million tokens, e.g. (300, 1500) for $3 / $15.
    public init(centsPerMillionInput input: Int, output: Int) {
        self.init(inputPerToken: input * 10_000, outputPerToken: output * 10_000)
    }

    /// The estimated cost of `tokens`: what the model read (tool responses, errors, prompts) at the
    /// input rate, what it wrote (tool input) at the output rate.
    public func cost(of tokens: TokenCount) -> CostSplit {
        CostSplit(
            input: USD(picodollars: Int128(tokens.read) * Int128(inputPerToken)),
            output: USD(picodollars: Int128(tokens.written) * Int128(outputPerToken))
        )
    }
}
