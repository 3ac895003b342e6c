/// Totals for a group of entries, such as one project or one day.
///
/// Tokens are kept per session as well, so that each session's share can be priced at its own
/// model's rates; memory grows with distinct sessions, not with lines.
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

    /// Adds one entry that belongs to the session at `session`.
    @inline(__always)
    mutating func add(_ entry: LogEntry, tokens entryTokens: TokenCount, session: Int) {
        operations += entry.operations
        failures += entry.failures
        tokens += entryTokens
        sessionTokens[session, default: TokenCount()] += entryTokens
    }
}
