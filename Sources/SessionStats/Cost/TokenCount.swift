/// Estimated input and output tokens.
public struct TokenCount: Hashable, Sendable {
    /// Tokens in.
    public var input: Int
    /// Tokens out.
    public var output: Int

    /// Creates a count.
    public init(input: Int = 0, output: Int = 0) {
        self.input = input
        self.output = output
    }

    /// The tokens of one log entry.
    @inline(__always)
    public init(_ entry: LogEntry) { self.init(input: entry.inputTokens, output: entry.outputTokens) }

    /// Input plus output.
    public var total: Int { input +| output }

    /// Adds another count to this one.
    @inline(__always)
    public static func += (lhs: inout TokenCount, rhs: TokenCount) {
        lhs.input +|= rhs.input
        lhs.output +|= rhs.output
    }
}
