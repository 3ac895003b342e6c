import SessionLogCore

/// Where commands get log entries from: the log files, or a list of entries in tests.
public struct LogSource {
    /// Calls `body` with each entry of `days` (all days when nil) in `directories`, finding days
    /// with `localDays`, and returns what reading ran into; every optional field is decoded.
    public var read:
        (
            _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
            _ body: (LogEntry) -> Void
        ) -> ReadDiagnostics
    // The same, decoding only the optional fields asked for; nil: this source ignores them.
    private var readFields:
        (
            (
                _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
                _ fields: LogFields, _ body: (LogEntry) -> Void
            ) -> ReadDiagnostics
        )?
    /// Counts the entries into a `StatsAggregate` its own way (per file on worker threads, say);
    /// nil: `aggregate` adds the entries `read` hands on.
    var aggregating:
        (
            (
                _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
                _ fields: LogFields, _ filter: EntryFilter
            ) -> (StatsAggregate, ReadDiagnostics)
        )?

    /// Creates a source from its reading function, which hands on entries with all their fields.
    public init(
        read:
            @escaping (
                _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
                _ body: (LogEntry) -> Void
            ) -> ReadDiagnostics
    ) {
        self.read = read
        readFields = nil
    }

    /// Creates a source from a reading function that decodes only the optional fields it is asked for.
    public init(
        reading:
            @escaping (
                _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
                _ fields: LogFields, _ body: (LogEntry) -> Void
            ) -> ReadDiagnostics
    ) {
        read = { directories, days, localDays, body in reading(directories, days, localDays, .all, body) }
        readFields = reading
    }

    /// Like `read`, but the entries need only carry the optional `fields`; others may be nil or empty.
    public func read(
        _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
        fields: LogFields, _ body: (LogEntry) -> Void
    ) -> ReadDiagnostics {
        if let readFields { return readFields(directories, days, localDays, fields, body) }
        return read(directories, days, localDays, body)
    }

    /// The entries of `days` in `directories` that pass `filter`, counted into an aggregate, with what
    /// reading ran into; the entries need only carry the optional `fields`.
    public func aggregate(
        _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
        fields: LogFields, filter: EntryFilter
    ) -> (StatsAggregate, ReadDiagnostics) {
        if let aggregating { return aggregating(directories, days, localDays, fields, filter) }
        var aggregate = StatsAggregate(filter: filter)
        let diagnostics = read(directories, days, localDays, fields: fields) { aggregate.add($0) }
        return (aggregate, diagnostics)
    }

    /// Entries held in memory, in order, whatever the directories; days are taken from the entries.
    public static func entries(_ entries: [LogEntry], diagnostics: ReadDiagnostics = ReadDiagnostics())
        -> LogSource
    {
        LogSource { _, days, _, body in
            var result = diagnostics
            for entry in entries where days?.contains(entry.day) ?? true {
                result.entries += 1
                body(entry)
            }
            return result
        }
    }
}
