import SessionLogCore

/// The log files on disk, read with `LogReader`.
extension LogSource {
    /// Reads the activity and rollup files of the directories, on two threads when there are several.
    public static var files: LogSource { files(threads: LogReader.defaultThreads) }

    /// Reads the activity and rollup files of the directories with up to `threads` worker threads.
    public static func files(threads: Int) -> LogSource {
        LogSource(reading: { directories, days, localDays, fields, body in
            var reader = LogReader(directories: directories, days: days, localDays: localDays, fields: fields)
            reader.threads = threads
            reader.forEach(body)
            return reader.diagnostics
        })
    }
}
