import SessionLogCore

/// Sums log entries into rollup rows, one per day, project, session, tool, event and model:
/// what `rotate` writes in place of an activity file (add every entry `LogFileReader` yields).
///
/// Reading the rows back gives entries whose totals (operations, failures, tokens, durations,
/// events, sessions, and each of those per day, project, session, tool and model) equal those
/// of the entries added.
public struct RollupTable: Sendable {
    private struct Key: Hashable {
        var day: CivilDate
        var event: HookEvent
        var sessionID: String
        var project: String?
        var tool: String?
        var model: String?
    }

    private var rows: [Key: RollupRecord] = [:]

    /// Creates an empty table.
    public init() {}

    /// Whether nothing was added.
    public var isEmpty: Bool { rows.isEmpty }

    /// Adds one entry (a single line, or a row read back from a rollup).
    public mutating func add(_ entry: LogEntry) {
        let key = Key(
            day: entry.day, event: entry.event, sessionID: entry.sessionID, project: entry.project,
            tool: entry.tool, model: entry.model)
        if var row = rows[key] {
            row.count +|= entry.events
            row.failures +|= entry.failures
            row.inputTokens +|= entry.inputTokens
            row.outputTokens +|= entry.outputTokens
            row.durationTotalMS +|= entry.durationTotalMS
            row.first = min(row.first, entry.timestamp)
            row.last = max(row.last, entry.lastTimestamp)
            rows[key] = row
        } else {
            rows[key] = RollupRecord(
                day: entry.day, event: entry.event, sessionID: entry.sessionID, project: entry.project,
                tool: entry.tool, model: entry.model, count: entry.events, failures: entry.failures,
                inputTokens: entry.inputTokens, outputTokens: entry.outputTokens,
                durationTotalMS: entry.durationTotalMS, first: entry.timestamp, last: entry.lastTimestamp)
        }
    }

    /// The rows, ordered by their first timestamp, then by their other fields, so output is stable.
    public var records: [RollupRecord] {
        rows.values.sorted { lhs, rhs in
            if lhs.first != rhs.first { return lhs.first < rhs.first }
            return lhs.jsonLine.lexicographicallyPrecedes(rhs.jsonLine)
        }
    }

    /// The whole rollup file: every row's line, in order.
    public var fileContents: [UInt8] {
        var bytes: [UInt8] = []
        for record in records { bytes += record.jsonLine }
        return bytes
    }
}
