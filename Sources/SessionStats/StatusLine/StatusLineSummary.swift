import SessionLogCore

/// Today's totals and the current session's, read from today's activity files alone, for the status line.
public struct StatusLineSummary: Equatable, Sendable {
    /// Operations today.
    public var operations = 0
    /// Estimated tokens today.
    public var tokens = 0
    /// Estimated cost today.
    public var cost = USD.zero
    /// The current session's operations and tokens today; nil when stdin named no session.
    public var session: (operations: Int, tokens: Int)?

    /// Creates empty totals.
    public init() {}

    public static func == (lhs: StatusLineSummary, rhs: StatusLineSummary) -> Bool {
        (lhs.operations, lhs.tokens, lhs.cost) == (rhs.operations, rhs.tokens, rhs.cost)
            && lhs.session?.operations == rhs.session?.operations
            && lhs.session?.tokens == rhs.session?.tokens
    }

    /// Reads `activity-<today>.jsonl` of each directory (nothing else) and prices it as the report
    /// does; sessions that started before today and are not the current one get Sonnet's rates, and
    /// the current one gets its model from stdin when its SessionStart is not in today's file.
    public static func make(
        input: StatusLineInput, directories: [String], today: CivilDate, localDays: LocalDayResolver,
        pricing: Pricing
    ) -> StatusLineSummary {
        var aggregate = StatsAggregate()
        func add(_ entry: LogEntry) {
            if entry.day == today && entry.event != LogRecord.invalidEvent { aggregate.add(entry) }
        }
        for directory in directories {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + LogFileName.activity(today)
            // Totals and cost need only the models.
            var reader = LogFileReader(path: path, kind: .activity, localDays: localDays, fields: .model)
            reader.forEach(add)
        }
        if let id = input.sessionID, let model = input.modelID, aggregate.models[id] == nil {
            aggregate.noteSessionStart(sessionStart(id, model: model, today: today))
        }
        var summary = StatusLineSummary()
        summary.operations = aggregate.operations
        summary.tokens = aggregate.tokens.total
        summary.cost = CostEstimate(aggregate, pricing: pricing).total.total
        if let id = input.sessionID {
            let session = aggregate.index(ofSession: id).map { aggregate.sessions[$0] }
            summary.session = (session?.operations ?? 0, session?.tokens.total ?? 0)
        }
        return summary
    }

    /// `today 1,204 ops · 2.3M tok · ~$4.12 │ session 87 ops · 140k tok`.
    public var line: String {
        var text = "today " + StatusLineSummary.operations(operations) + " · " + CompactNumber.format(tokens)
        text +=
            " tok · ~$" + NumberFormat.fixed((cost.tenThousandths + 50) / 100, decimals: 2, grouping: true)
        if let session {
            text += " │ session " + StatusLineSummary.operations(session.operations) + " · "
            text += CompactNumber.format(session.tokens) + " tok"
        }
        return text
    }

    private static func operations(_ count: Int) -> String {
        NumberFormat.grouped(count) + (count == 1 ? " op" : " ops")
    }

    /// A SessionStart entry naming `model`, standing in for one logged before today.
    private static func sessionStart(_ id: String, model: String, today: CivilDate) -> LogEntry {
        LogEntry(
            source: .v1, timestamp: Timestamp(milliseconds: today.daysSinceEpoch * 86_400_000), day: today,
            event: "SessionStart", sessionID: id, project: nil, cwd: nil, tool: nil, file: nil, command: nil,
            url: nil, path: nil, pattern: nil, model: model, inputTokens: 0, outputTokens: 0, durationMS: nil,
            durationTotalMS: 0, operations: 0, failures: 0, error: nil, interrupted: false, tags: [:],
            location: LogLocation(file: "stdin", line: 1))
    }
}
