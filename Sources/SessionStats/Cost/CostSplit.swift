/// An estimated cost, split by the rate it was priced at.
public struct CostSplit: Hashable, Sendable {
    /// The cost at the input rate: text the model read (tool responses, errors, prompts).
    public var input: USD
    /// The cost at the output rate: text the model wrote (tool input).
    public var output: USD

    /// Creates a cost from its two parts.
    public init(input: USD = .zero, output: USD = .zero) {
        self.input = input
        self.output = output
    }

    /// Input plus output, exactly.
    public var total: USD { input + output }

    /// Adds another cost to this one.
    public static func += (lhs: inout CostSplit, rhs: CostSplit) {
        lhs.input = lhs.input + rhs.input
        lhs.output = lhs.output + rhs.output
    }
}
