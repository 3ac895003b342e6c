/// Where a session's (or a range's) exact cost went, in the buckets of docs/attribution.md; they
/// add up to the exact cost.
public struct AttributionBuckets: Hashable, Sendable {
    /// Tool calls: issue, result and carry.
    public var tools: USD = .zero
    /// The user's messages.
    public var prompts: USD = .zero
    /// The assistant's text blocks.
    public var assistantText: USD = .zero
    /// The assistant's thinking blocks.
    public var thinking: USD = .zero
    /// System prompt, tool definitions, CLAUDE.md, a compaction's summary.
    public var setup: USD = .zero
    /// What no rule places: web searches, costs with nothing to split them over.
    public var unattributed: USD = .zero
    /// The billed tokens shared the same way (a web search has no tokens).
    public var tokens = BucketTokens()

    /// No cost.
    public init() {}

    /// The sum of the buckets.
    public var total: USD { tools + prompts + assistantText + thinking + setup + unattributed }

    /// Both sets of buckets added.
    public static func + (lhs: AttributionBuckets, rhs: AttributionBuckets) -> AttributionBuckets {
        var sum = lhs
        sum.tools = lhs.tools + rhs.tools
        sum.prompts = lhs.prompts + rhs.prompts
        sum.assistantText = lhs.assistantText + rhs.assistantText
        sum.thinking = lhs.thinking + rhs.thinking
        sum.setup = lhs.setup + rhs.setup
        sum.unattributed = lhs.unattributed + rhs.unattributed
        sum.tokens = lhs.tokens + rhs.tokens
        return sum
    }
}

/// Billed tokens by bucket; they add up to the requests' tokens.
public struct BucketTokens: Hashable, Sendable {
    /// Tool calls.
    public var tools = 0
    /// The user's messages.
    public var prompts = 0
    /// The assistant's text.
    public var assistantText = 0
    /// Thinking.
    public var thinking = 0
    /// Setup.
    public var setup = 0
    /// Unattributed.
    public var unattributed = 0

    /// No tokens.
    public init() {}

    /// Every bucket's tokens.
    public var total: Int { tools + prompts + assistantText + thinking + setup + unattributed }

    /// Both added.
    public static func + (lhs: BucketTokens, rhs: BucketTokens) -> BucketTokens {
        var sum = lhs
        sum.tools += rhs.tools
        sum.prompts += rhs.prompts
        sum.assistantText += rhs.assistantText
        sum.thinking += rhs.thinking
        sum.setup += rhs.setup
        sum.unattributed += rhs.unattributed
        return sum
    }
}
