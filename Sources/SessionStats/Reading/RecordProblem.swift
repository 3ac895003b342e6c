import SessionLogCore

/// Why a record in a log file was skipped.
public enum RecordProblem: Equatable, Sendable {
    /// The JSON is malformed; offsets count from the record's first byte.
    case malformed(JSONScanError)
    /// The file ends inside the record, as when the hook is still writing it.
    case truncated
    /// The line holds JSON that is not an object, or no JSON at all.
    case notAnObject
    /// An object with none of the keys of a log record.
    case notALogRecord
    /// A log record without a timestamp.
    case missingTimestamp
    /// A timestamp that is not a string in ISO 8601 form.
    case badTimestamp
    /// A v1 record without an event.
    case missingEvent
    /// A line of a rollup file that is not a rollup row.
    case notARollupRow
    /// Something other than whitespace follows the record on its last line.
    case trailingText
    /// An unfinished record ran on into the line of the next one.
    case runsIntoNextRecord
    /// The record is longer than the reader accepts.
    case tooLong(limit: Int)
    /// A number beyond any the hook or `rotate` writes (see `ValueLimits`), named by its key.
    case outOfRange(key: String)

    /// A short lowercase message for warnings.
    public var message: String {
        switch self {
        case .malformed(let error): "malformed JSON: \(error.message)"
        case .truncated: "truncated record at end of file"
        case .notAnObject: "not a JSON object"
        case .notALogRecord: "not a log record"
        case .missingTimestamp: "no timestamp"
        case .badTimestamp: "timestamp is not an ISO 8601 string"
        case .missingEvent: "no event"
        case .notARollupRow: "not a rollup row"
        case .trailingText: "unexpected text after the record"
        case .runsIntoNextRecord: "unfinished record runs into the next one"
        case .tooLong(let limit): "record longer than \(limit) bytes"
        case .outOfRange(let key): "\(key) out of range"
        }
    }
}
