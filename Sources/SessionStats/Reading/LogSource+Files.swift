import SessionLogCore

/// The log files on disk, read with `LogReader`.
extension LogSource {
    /// Reads the activity and rollup files of the directories.
    public static var files: LogSource {
        LogSource(reading: { directories, days, localDays, fields, body in
            var reader = LogReader(directories: directories, days: days, localDays: localDays, fields: fields)
            reader.forEach(body)
            return reader.diagnostics
        })
    }
}
