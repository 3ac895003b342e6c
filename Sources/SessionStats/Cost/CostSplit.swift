/// An estimated cost, split into what input and output tokens cost.
public struct CostSplit: Hashable, Sendable {
    /// The cost of input tokens.
    public var input: USD
    /// The cost of output tokens.
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
