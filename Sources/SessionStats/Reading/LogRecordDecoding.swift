import SessionLogCore

/// What `RecordSplitter` turns each record of a log file into: a whole `LogEntry` (`LogLineDecoder`),
/// or only what one caller counts (`ActivityTallyDecoder`, for the status line).
///
/// Every decoder skips the same records for the same reasons, so totals never depend on which one read.
protocol LogRecordDecoding {
    /// What one record becomes.
    associatedtype Record: DatedLogRecord

    /// Decodes the record of a `kind` file at the scanner's offset, leaving the scanner just after it;
    /// returns nil with `problem` set when the JSON is well-formed but no usable record (nil without
    /// a problem for a rollup's marker line).
    ///
    /// Throws when the JSON is malformed or ends early; the caller decides which of the two it is.
    mutating func decodeRecord(
        _ scanner: inout JSONScanner, kind: LogFileReader.Kind, at location: LogLocation,
        problem: inout RecordProblem?
    ) throws(JSONScanError) -> Record?
}

/// A decoded record with the local day it counts for, which `RecordSplitter` may move to its
/// file's date.
protocol DatedLogRecord {
    /// The local calendar day it counts for.
    var day: CivilDate { get set }
}

extension LogEntry: DatedLogRecord {}

extension LogLineDecoder: LogRecordDecoding {
    mutating func decodeRecord(
        _ scanner: inout JSONScanner, kind: LogFileReader.Kind, at location: LogLocation,
        problem: inout RecordProblem?
    ) throws(JSONScanError) -> LogEntry? {
        switch kind {
        case .activity: try decode(&scanner, at: location, problem: &problem)
        case .rollup: try LogLineDecoder.decodeRollupRow(&scanner, at: location, problem: &problem)
        }
    }

    /// Decodes the rollup row at the scanner's offset, like `decodeRecord(_:kind:at:problem:)`.
    static func decodeRollupRow(
        _ scanner: inout JSONScanner, at location: LogLocation, problem: inout RecordProblem?
    ) throws(JSONScanError) -> LogEntry? {
        let first = scanner.offset
        var outOfRange: String?
        let entry = try RollupRecord.decode(&scanner, outOfRange: &outOfRange)?.entry(at: location)
        if entry == nil {
            problem = outOfRange.map { .outOfRange(key: $0) } ?? .notARollupRow
            // Marker lines say what the rollup holds (RollupSource); they are no rows.
            var again = JSONScanner(scanner.bytes, start: first, end: scanner.end)
            if problem == .notARollupRow, (try? RollupSource.decode(&again)) != nil {
                problem = nil
            }
        }
        return entry
    }
}
