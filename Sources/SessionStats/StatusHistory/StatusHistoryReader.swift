import SessionLogCore

/// Reads the status line's capture files (`status-YYYY-MM-DD.jsonl`) and their roll-ups
/// (`status-rollup-YYYY-MM-DD.jsonl`) of one or more log directories.
public enum StatusHistoryReader {
    /// What a read found.
    public struct Result: Sendable {
        /// Every readable record, oldest first.
        public var records: [StatusRecord] = []
        /// Capture files read.
        public var filesRead = 0
        /// Lines that could not be read.
        public var skippedLines = 0
    }

    /// Reads the capture files of `directories` dated within `days` (nil: all) and a day either side.
    public static func read(directories: [String], days: ClosedRange<CivilDate>?) -> Result {
        var result = Result()
        for directory in directories {
            guard let entries = FileAccess.entries(of: directory) else { continue }
            for (name, kind) in entries where kind == .file {
                // Captures, and the roll-ups rotate made of old ones (the same lines, fewer).
                guard
                    let date = LogFileName.date(of: name, prefix: StatusRecord.filePrefix)
                        ?? LogFileName.date(of: name, prefix: StatusRecord.rollupPrefix)
                else { continue }
                if let days, date < days.lowerBound.adding(days: -1) || date > days.upperBound.adding(days: 1)
                {
                    continue
                }
                guard let bytes = UsageLedger.contents(ofFile: TranscriptRoots.join(directory, name)) else {
                    continue
                }
                result.filesRead += 1
                bytes.withUnsafeBufferPointer { buffer in
                    UsageLedgerReader.forEachLine(buffer) { start, end in
                        guard end > start else { return }
                        if let record = StatusRecord.decode(
                            UnsafeBufferPointer(rebasing: buffer[start..<end]))
                        {
                            result.records.append(record)
                        } else {
                            result.skippedLines += 1
                        }
                    }
                }
            }
        }
        result.records.sort { $0.timestamp < $1.timestamp }
        // A capture file and a roll-up that already holds its lines (a rotate killed between the
        // two steps) give the same line twice: keep one.
        var unique: [StatusRecord] = []
        var sameTime = 0
        for record in result.records {
            if let previous = unique.last, previous.timestamp != record.timestamp { sameTime = unique.count }
            if unique[sameTime...].contains(record) { continue }
            unique.append(record)
        }
        result.records = unique
        return result
    }
}
