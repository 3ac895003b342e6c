/// Totals for a group of entries, such as one project or one day.
///
/// Built from the sessions' parts when asked for. Tokens are kept per session as well, so that each
/// session's share can be priced at its own model's rates.
public struct GroupTotals: Sendable {
    /// Operations: PostToolUse and PostToolUseFailure lines, legacy entries, rolled-up calls.
    public var operations = 0
    /// Failed operations.
    public var failures = 0
    /// Tokens of every line in the group.
    public var tokens = TokenCount()
    /// Tokens per session index of the aggregate; `StatsAggregate.noSession` for lines without an id.
    public internal(set) var sessionTokens: [Int: TokenCount] = [:]

    /// Creates empty totals.
    public init() {}

    /// Distinct sessions in the group, lines without a session id not counted.
    public var sessionCount: Int {
        sessionTokens.count - (sessionTokens[StatsAggregate.noSession] == nil ? 0 : 1)
    }

    /// Adds a part of the session at `session`.
    mutating func add(_ part: SessionPart, session: Int) {
        operations +|= part.operations
        failures +|= part.failures
        tokens += part.tokens
        sessionTokens[session, default: TokenCount()] += part.tokens
    }
}
