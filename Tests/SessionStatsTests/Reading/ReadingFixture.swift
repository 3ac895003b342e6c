import SessionLogCore
import TestSupport

@testable import SessionStats

/// A fresh log directory under /tmp for reader tests, removed when the value is no longer used.
final class ReadingFixture {
    /// The package's root directory.
    static let packageRoot = PackagePaths.root

    private let directory = ScratchDirectory()

    /// The directory's path.
    var path: String { directory.path }

    /// Writes `bytes` to the file `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String { directory.write(bytes, to: name, mode: 0o600) }

    /// Writes `text` to the file `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    /// Reads the file `name` with `LogFileReader` and returns its entries and diagnostics.
    func read(
        _ name: String, kind: LogFileReader.Kind = .activity, chunkSize: Int = 1 << 16,
        maximumRecordBytes: Int = 1 << 20, offset: Int = 0, fields: LogFields = .all
    ) -> (entries: [LogEntry], diagnostics: ReadDiagnostics) {
        var reader = LogFileReader(
            path: path + "/" + name, kind: kind, localDays: LocalDayResolver(utcOffsetSeconds: offset),
            fields: fields, chunkSize: chunkSize, maximumRecordBytes: maximumRecordBytes)
        var entries: [LogEntry] = []
        reader.forEach({ entries.append($0) })
        return (entries, reader.diagnostics)
    }

    /// Reads `text` as an activity file and returns its entries and diagnostics.
    func read(
        text: String, chunkSize: Int = 1 << 16, maximumRecordBytes: Int = 1 << 20, fields: LogFields = .all
    ) -> (entries: [LogEntry], diagnostics: ReadDiagnostics) {
        write("activity-2026-01-14.jsonl", text)
        return read(
            "activity-2026-01-14.jsonl", chunkSize: chunkSize, maximumRecordBytes: maximumRecordBytes,
            fields: fields)
    }
}

/// Builds v1 log lines for tests with `LogRecord`, the hook's own writer.
enum TestLines {
    /// A v1 line for `event` at `time` with the given session, tool and tokens.
    static func v1(
        _ event: HookEvent = .postToolUse, at time: String = "2026-01-14T10:00:00.000Z",
        session: String = "s1", project: String? = "app", tool: String? = "Bash", input: Int = 5,
        output: Int = 7,
        edit: (inout LogRecord) -> Void = { _ in }
    ) -> String {
        var record = LogRecord(timestamp: Timestamp(iso8601: time)!, event: event)
        record.sessionID = session
        record.project = project
        record.tool = tool
        record.inputTokens = input
        record.outputTokens = output
        if event == .postToolUse { record.success = true }
        if event == .postToolUseFailure { record.success = false }
        edit(&record)
        return String(decoding: record.jsonLine, as: UTF8.self)
    }

    /// A bash-logger entry, pretty-printed as jq did.
    static func legacy(
        at time: String = "2026-01-14T10:00:00Z", session: String = "1700000000-1234", tool: String = "Bash",
        file: String? = nil, command: String? = "ls", input: Int = 5
    ) -> String {
        var lines = [
            "{", "  \"timestamp\": \"\(time)\",", "  \"session_id\": \"\(session)\",",
            "  \"tool\": \"\(tool)\",",
        ]
        if let file { lines.append("  \"file\": \"\(file)\",") }
        if let command { lines.append("  \"command\": \"\(command)\",") }
        lines += [
            "  \"project\": \"app\",", "  \"tokens\": {", "    \"input\": \(input),", "    \"output\": 0,",
            "    \"total\": \(input)", "  }", "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Totals of a list of entries, for comparing readings.
struct EntryTotals: Equatable {
    var entries = 0
    var operations = 0
    var failures = 0
    var inputTokens = 0
    var outputTokens = 0
    var durationMS = 0
    var events = 0

    init(_ entries: [LogEntry]) {
        self.entries = entries.count
        for entry in entries {
            operations += entry.operations
            failures += entry.failures
            inputTokens += entry.inputTokens
            outputTokens += entry.outputTokens
            durationMS += entry.durationTotalMS
            events += entry.events
        }
    }
}
