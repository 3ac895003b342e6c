/// How sessions are priced: the built-in table by model, unless `CLAUDE_RATE_INPUT` or
/// `CLAUDE_RATE_OUTPUT` (USD per 1K tokens, as in the bash tool) override it.
public struct Pricing: Hashable, Sendable {
    /// The input rate that replaces the table's, in picodollars per token.
    public var inputOverride: Int?
    /// The output rate that replaces the table's, in picodollars per token.
    public var outputOverride: Int?

    /// The environment variable that overrides the input rate.
    public static let inputVariable = "CLAUDE_RATE_INPUT"
    /// The environment variable that overrides the output rate.
    public static let outputVariable = "CLAUDE_RATE_OUTPUT"

    /// Creates a pricing with optional overrides in picodollars per token.
    public init(inputOverride: Int? = nil, outputOverride: Int? = nil) {
        self.inputOverride = inputOverride
        self.outputOverride = outputOverride
    }

    /// Whether either rate comes from the environment rather than the table.
    public var isOverridden: Bool { inputOverride != nil || outputOverride != nil }

    /// The rates for a session whose SessionStart named `model` (nil when none was found).
    public func choice(forModel model: String?) -> RateChoice {
        let family = model.flatMap { ModelFamily.of(model: $0) }
        var rates = (family ?? .sonnet).rates
        if let inputOverride { rates.inputPerToken = inputOverride }
        if let outputOverride { rates.outputPerToken = outputOverride }
        return RateChoice(family: family, rates: rates)
    }

    /// Parses a rate in USD per 1K tokens (`0.003`) into picodollars per token.
    ///
    /// Accepts plain decimals only; digits past the ninth decimal are rounded half up.
    public static func picodollarsPerToken(fromPerThousand text: String) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
            whole.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            fraction.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            whole.utf8.count <= 9
        else { return nil }
        // USD per 1K tokens × 10^12 / 10^3 = picodollars per token: nine decimal places are exact.
        var value = (Int(whole) ?? 0) * 1_000_000_000
        var scale = 100_000_000
        for digit in fraction.utf8.prefix(9) {
            value += Int(digit - 0x30) * scale
            scale /= 10
        }
        if fraction.utf8.count > 9, let next = fraction.utf8.dropFirst(9).first, next >= 0x35 { value += 1 }
        return value
    }
}
