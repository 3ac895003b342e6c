import SessionLogCore

/// Reads `attribution-rollup.jsonl` (`AttributionRollup`) a chunk at a time, never whole: it keeps
/// the header and the open part, and hands each row to a closure in file order, so memory follows
/// the longest line, not the number of rows or of their call keys.
///
/// Lines are read as the file was always read: empty lines are ignored, the first other line must
/// be the header (else no row is handed on), and a line that is neither a row nor an entry of the
/// open part is skipped and counted.
struct AttributionRollupReader {
    /// Bytes read at a time (tests lower it); a longer line grows the buffer to hold it.
    var chunkSize = 1 << 16
    /// Lines after the header that could not be read.
    private(set) var skipped = 0
    // The header and the open part read so far; nil until the header.
    private var rollup: AttributionRollup?
    private var decoder = UsageLineDecoder()

    private typealias K = AttributionRollupKey
    private static let requestPrefix = Array("{\"\(K.openRequest)\":".utf8)

    /// A reader with nothing read yet.
    init() {}

    /// Reads the roll-up of log directory `directory`, handing `row` each row in file order: nil
    /// when it has none; `.failure` names a file that is a link or no regular file, cannot be read,
    /// or has no valid header (then no row was handed on).
    mutating func read(directory: String, row: (AttributionRollupRow) -> Void) -> Result<
        AttributionRollup?, RotationError
    > {
        let path = UsageLedger(directory: directory).path(AttributionRollup.fileName)
        let descriptor: FileDescriptor
        do throws(AppendError) {
            descriptor = try SafeFile.openForReading(path)
        } catch {
            if case .open(_, let code) = error {
                if code == Errno.noSuchFile.code { return .success(nil) }
                return .failure(.unreadable(path, reason: AppendError.describe(code)))
            }
            return .failure(.access(error))
        }
        defer { try? descriptor.close() }
        descriptor.adviseSequentialRead()
        let failure = Self.forEachLine(descriptor.rawValue, chunkSize: chunkSize) { take($0, row) }
        if let failure { return .failure(.unreadable(path, reason: AppendError.describe(failure))) }
        guard let rollup else { return .failure(.unreadable(path, reason: "no attribution roll-up header")) }
        return .success(rollup)
    }

    /// Reads a whole roll-up held in memory, handing `row` each row in file order; nil when its
    /// header is missing or of another version.
    mutating func read(bytes: [UInt8], row: (AttributionRollupRow) -> Void) -> AttributionRollup? {
        var stopped = false
        bytes.withUnsafeBufferPointer { buffer in
            UsageLedgerReader.forEachLine(buffer) { start, end in
                guard !stopped, start < end else { return }
                stopped = !take(UnsafeBufferPointer(rebasing: buffer[start..<end]), row)
            }
        }
        return rollup
    }

    // One non-empty line: the header first, then rows and the open part's entries; false when the
    // first one is no header.
    private mutating func take(_ line: UnsafeBufferPointer<UInt8>, _ row: (AttributionRollupRow) -> Void)
        -> Bool
    {
        guard rollup != nil else {
            rollup = (try? JSONDocument(parsing: Array(line))).flatMap(AttributionRollup.init(header:))
            return rollup != nil
        }
        if line.starts(with: Self.requestPrefix) {
            // The ledger line as written, decoded by the ledger's own decoder.
            var scanner = JSONScanner(line, start: Self.requestPrefix.count, end: line.count - 1)
            if let record = (try? decoder.decode(&scanner)) ?? nil {
                rollup!.openRequests.append(record)
            } else {
                skipped += 1
            }
            return true
        }
        guard let document = try? JSONDocument(parsing: Array(line)) else {
            skipped += 1
            return true
        }
        if let call = document[K.openCall] {
            if let open = AttributionRollup.OpenCall(call) {
                rollup!.openCalls.append(open)
            } else {
                skipped += 1
            }
        } else if let tag = document[K.openTag] {
            if let open = AttributionRollup.OpenTag(tag) {
                rollup!.openTags.append(open)
            } else {
                skipped += 1
            }
        } else if let parsed = AttributionRollupRow(document) {
            row(parsed)
        } else {
            skipped += 1
        }
        return true
    }

    /// Calls `body` with each non-empty line of the open file `descriptor`, newline excluded,
    /// reading `chunkSize` bytes at a time (a line longer than the buffer grows it); stops early when
    /// `body` returns false. The errno of a failed read, or nil.
    static func forEachLine(
        _ descriptor: Int32, chunkSize: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
        // Bytes held: the start of a line not ended yet; the first `scanned` of them hold no newline.
        var held = 0
        var scanned = 0
        while true {
            if held == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let got = buffer.withUnsafeMutableBufferPointer { pointer in
                FileAccess.read(descriptor, into: pointer.baseAddress! + held, count: pointer.count - held)
            }
            if got < 0 { return FileAccess.lastError }
            if got == 0 {
                if held > 0 {
                    _ = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<held])) }
                }
                return nil
            }
            held += got
            var stopped = false
            let consumed = buffer.withUnsafeBufferPointer { whole -> Int in
                var start = 0
                var from = scanned
                while let newline = FileAccess.newline(in: whole.baseAddress!, start: from, end: held) {
                    if newline > start, !body(UnsafeBufferPointer(rebasing: whole[start..<newline])) {
                        stopped = true
                        return newline
                    }
                    start = newline + 1
                    from = start
                }
                return start
            }
            if stopped { return nil }
            if consumed > 0 {
                // The start of a line not ended yet, to the front.
                for index in 0..<(held - consumed) { buffer[index] = buffer[index + consumed] }
                held -= consumed
            }
            scanned = held
        }
    }
}
