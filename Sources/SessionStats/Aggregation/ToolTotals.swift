/// Totals for one tool.
public struct ToolTotals: Sendable {
    /// Operations of the tool.
    public var operations = 0
    /// Failed operations.
    public var failures = 0
    /// Tokens of every line naming the tool.
    public var tokens = TokenCount()
    /// Durations of single calls that reported one.
    public var durations = DurationHistogram()

    /// Creates empty totals.
    public init() {}

    /// Adds one entry naming the tool.
    @inline(__always)
    mutating func add(_ entry: LogEntry, tokens entryTokens: TokenCount) {
        operations +|= entry.operations
        failures +|= entry.failures
        tokens += entryTokens
        if entry.isOperation, let duration = entry.durationMS { durations.add(duration) }
    }

    /// Adds the totals of the same tool over other lines.
    mutating func merge(_ other: ToolTotals) {
        operations +|= other.operations
        failures +|= other.failures
        tokens += other.tokens
        durations.merge(other.durations)
    }
}
