import SessionLogCore

/// Where commands get log entries from: the log files, or a list of entries in tests.
public struct LogSource {
    /// Calls `body` with each entry of `days` (all days when nil) in `directories`, finding days
    /// with `localDays`, and returns what reading ran into.
    public var read:
        (
            _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
            _ body: (LogEntry) -> Void
        ) -> ReadDiagnostics

    /// Creates a source from its reading function.
    public init(
        read:
            @escaping (
                _ directories: [String], _ days: ClosedRange<CivilDate>?, _ localDays: LocalDayResolver,
                _ body: (LogEntry) -> Void
            ) -> ReadDiagnostics
    ) {
        self.read = read
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
