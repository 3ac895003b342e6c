import SessionLogCore

/// The log files on disk, read with `LogReader`.
extension LogSource {
    /// Reads the activity and rollup files of the directories, on two threads when there are several.
    public static var files: LogSource { files(threads: LogReader.defaultThreads) }

    /// Reads the activity and rollup files of the directories with up to `threads` worker threads.
    public static func files(threads: Int) -> LogSource {
        var source = LogSource(reading: { directories, days, localDays, fields, body in
            var reader = LogReader(directories: directories, days: days, localDays: localDays, fields: fields)
            reader.threads = threads
            reader.forEach(body)
            return reader.diagnostics
        })
        // Each file is counted into its own aggregate where it is read; only those are merged.
        source.aggregating = { directories, days, localDays, fields, filter in
            var reader = LogReader(directories: directories, days: days, localDays: localDays, fields: fields)
            reader.threads = threads
            let aggregate = reader.reduce(
                { StatsAggregate(filter: filter) }, add: { $0.add($1) }, merge: { $0.merge($1) })
            return (aggregate, reader.diagnostics)
        }
        return source
    }
}
