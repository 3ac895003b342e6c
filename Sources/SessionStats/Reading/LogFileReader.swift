import SessionLogCore

/// Reads every entry of one activity or rollup file, in file order, in large chunks.
///
/// A record starts on a line whose first non-blank byte is `{` and may span lines (the legacy logger
/// pretty-printed its entries). Blank lines are counted; anything else is skipped, counted and, for
/// the first few, reported as `file:line: reason`. After a bad record, reading resumes at the next
/// line that starts a record. Memory stays at one chunk unless a single record is larger.
/// Unlike `LogReader`, this yields every entry, whatever its day, including `invalid` hook lines:
/// what `rotate` needs to roll a file up.
public struct LogFileReader {
    /// Which format the file holds.
    public enum Kind: Sendable, Equatable {
        /// `activity-YYYY-MM-DD.jsonl`: v1 lines and legacy entries.
        case activity
        /// `rollup-YYYY-MM-DD.jsonl`: `RollupRecord` rows.
        case rollup
    }

    /// The default size of one read.
    public static let defaultChunkSize = 1 << 20
    /// The default largest record accepted; longer ones are skipped.
    public static let defaultMaximumRecordBytes = 16 << 20

    /// The file's path.
    public let path: String
    /// The file's format.
    public let kind: Kind
    /// The optional fields decoded; the others are nil (or empty) in the entries.
    public let fields: LogFields
    /// What reading ran into.
    public private(set) var diagnostics = ReadDiagnostics()
    private let localDays: LocalDayResolver
    private let chunkSize: Int
    private let maximumRecordBytes: Int

    /// Creates a reader of the file at `path` that decodes the optional `fields`; `chunkSize` and
    /// `maximumRecordBytes` are for tests.
    public init(
        path: String, kind: Kind, localDays: LocalDayResolver = LocalDayResolver(), fields: LogFields = .all,
        chunkSize: Int = LogFileReader.defaultChunkSize,
        maximumRecordBytes: Int = LogFileReader.defaultMaximumRecordBytes
    ) {
        self.path = path
        self.kind = kind
        self.localDays = localDays
        self.fields = fields
        self.chunkSize = chunkSize
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// Calls `body` for every entry of the file, in order; diagnostics start afresh.
    public mutating func forEach<E: Error>(_ body: (LogEntry) throws(E) -> Void) throws(E) {
        diagnostics = ReadDiagnostics()
        var buffer = ReadBuffer(capacity: chunkSize, limit: max(maximumRecordBytes, chunkSize))
        var decoder = LogLineDecoder(localDays: localDays, fields: fields)
        var failure: E?
        _ = LogFileReader.read(
            path: path, kind: kind, buffer: &buffer, decoder: &decoder, diagnostics: &diagnostics
        ) { entry in
            do throws(E) {
                try body(entry)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
    }

    /// Reads the file at `path` with a shared buffer and decoder, calling `body` for every entry
    /// until it returns false; returns false when `body` did.
    static func read(
        path: String, kind: Kind, buffer: inout ReadBuffer, decoder: inout LogLineDecoder,
        diagnostics: inout ReadDiagnostics, _ body: (LogEntry) -> Bool
    ) -> Bool {
        guard let descriptor = open(path, diagnostics: &diagnostics) else { return true }
        defer { try? descriptor.close() }
        return read(
            descriptor, from: 0, path: path, kind: kind, buffer: &buffer, decoder: &decoder,
            diagnostics: &diagnostics, body)
    }

    /// Reads the open file at `path` from the first line at or after byte `offset` to its end, like
    /// `read(path:…)`; with `quarantine`, collects the bytes of the bad lines (see `RecordSplitter`).
    static func read(
        _ descriptor: FileDescriptor, from offset: Int, to end: Int = .max, path: String, kind: Kind,
        buffer: inout ReadBuffer, decoder: inout LogLineDecoder, diagnostics: inout ReadDiagnostics,
        quarantine: UnsafeMutablePointer<[UInt8]?>? = nil, _ body: (LogEntry) -> Bool
    ) -> Bool {
        descriptor.adviseSequentialRead()
        let keepGoing = readPass(
            descriptor, from: offset, to: end, path: path, kind: kind, buffer: &buffer, decoder: &decoder,
            diagnostics: &diagnostics, quarantine: quarantine, body)
        finish(path, kind: kind, buffer: buffer, diagnostics: &diagnostics)
        return keepGoing
    }

    /// Opens `path` for reading, or notes in `diagnostics` why it cannot be and returns nil.
    static func open(_ path: String, diagnostics: inout ReadDiagnostics) -> FileDescriptor? {
        do throws(AppendError) {
            return try SafeFile.openForReading(path)
        } catch {
            diagnostics.unreadable(path, reason(error))
            return nil
        }
    }

    /// Why a file could not be opened, for a `path: reason` warning.
    static func reason(_ error: AppendError) -> String {
        switch error {
        case .refused(_, let refusal): "not read: \(refusal.message)"
        case .open(_, let code), .directory(_, let code), .write(_, let code):
            "cannot open: \(AppendError.describe(code))"
        }
    }

    /// Reads the open file from the first line that starts at or after byte `offset` to its end,
    /// calling `body` for every entry until it returns false; returns false when `body` did.
    ///
    /// Line numbers count from that first line; a failed read ends the pass (see `buffer.readError`).
    /// With `end`, bytes from there on are not read.
    static func readPass<Decoder: LogRecordDecoding>(
        _ descriptor: FileDescriptor, from offset: Int, to end: Int = .max, path: String, kind: Kind,
        buffer: inout ReadBuffer, decoder: inout Decoder, diagnostics: inout ReadDiagnostics,
        quarantine: UnsafeMutablePointer<[UInt8]?>? = nil, _ body: (Decoder.Record) -> Bool
    ) -> Bool {
        // A line starts at `offset` when the byte before it is a newline: start there and skip to one.
        let start = max(offset - 1, 0)
        buffer.reset(descriptor: descriptor, length: end == .max ? .max : end - start)
        do throws(Errno) {
            try descriptor.seek(to: start)
        } catch {
            buffer.fail(error.code)
            return true
        }
        var splitter = RecordSplitter(path: path, kind: kind, startsInsideLine: offset > 0)
        splitter.quarantine = quarantine?.pointee
        let keepGoing = splitter.run(buffer: &buffer, decoder: &decoder, diagnostics: &diagnostics, body)
        quarantine?.pointee = splitter.quarantine
        diagnostics.bytesRead += buffer.bytesRead
        return keepGoing
    }

    /// Counts the file as read, or notes its last pass's read error.
    static func finish(
        _ path: String, kind: Kind, buffer: borrowing ReadBuffer, diagnostics: inout ReadDiagnostics
    ) {
        if let code = buffer.readError {
            diagnostics.unreadable(path, "read failed: \(AppendError.describe(code))")
        } else {
            diagnostics.filesRead += 1
            if kind == .rollup { diagnostics.rollupFilesRead += 1 }
        }
    }
}
