import SessionLogCore

/// Keeping today's totals up to date from today's activity file, reading only what was appended.
extension TodayActivity {
    /// Today's totals of the activity file for `day` in `directory`: the cached totals plus the
    /// complete lines appended since, when the cache still matches the file; else the whole file.
    ///
    /// Updates `cache` to cover every complete line; a line still being written is left for the
    /// next refresh. Returns whether the cache changed.
    @discardableResult
    public static func refresh(
        directory: String, day: CivilDate, localDays: LocalDayResolver, cache: inout StatusLineCache
    ) -> Bool {
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + LogFileName.activity(day)
        // The safe-open rules: a link, FIFO or device put in the file's place must not hang the status line.
        guard let descriptor = try? SafeFile.openForReading(path) else {
            defer { cache.activity = nil }
            return cache.activity != nil
        }
        defer { try? descriptor.close() }
        guard let status = try? descriptor.status(), status.kind == .regular else {
            defer { cache.activity = nil }
            return cache.activity != nil
        }
        var totals = TodayActivity(day: day)
        var start = 0
        if let (mark, cached) = cache.activity, cached.day == day, mark.matches(descriptor, status: status) {
            totals = cached
            start = mark.offset
        }
        let end = FileMark.lastLineEnd(descriptor, size: status.size, from: start)
        if end == start, start > 0 { return false }
        if end > start {
            var buffer = ReadBuffer(
                capacity: LogFileReader.defaultChunkSize, limit: LogFileReader.defaultMaximumRecordBytes)
            // Only the fields the totals need, with no String per line: a cold refresh reads the whole day.
            var decoder = ActivityTallyDecoder(localDays: localDays)
            var tally = SessionTally(day: day)
            var diagnostics = ReadDiagnostics()
            _ = LogFileReader.readPass(
                descriptor, from: start, to: end, path: path, kind: .activity, buffer: &buffer,
                decoder: &decoder, diagnostics: &diagnostics
            ) { line in
                tally.add(line)
                return true
            }
            // A failed read leaves the cache as it was: the next refresh tries again.
            if buffer.readError != nil { return false }
            tally.merge(into: &totals)
            totals.skipped += diagnostics.skipped
        }
        guard let mark = FileMark.make(descriptor, status: status, offset: end) else { return false }
        cache.activity = (mark, totals)
        return true
    }
}
