import SessionLogCore

/// Reads the requests of one transcript file from a byte offset to its last complete line.
///
/// Lines are read in large chunks; a line longer than `maximumLineBytes` (Claude Code's
/// `file-history-snapshot` lines reach hundreds of megabytes) is skipped while it streams past,
/// never held in memory. Only lines that contain `"usage":` are decoded: no other line can hold a
/// request. The last line is taken only when it is complete JSON, so a line Claude Code is still
/// writing is read again, whole, next time.
public struct TranscriptReader: ~Copyable {
    /// The default size of one read.
    public static let defaultChunkSize = 1 << 20
    /// The default longest line decoded.
    public static let defaultMaximumLineBytes = 32 << 20

    /// What one pass over a file found.
    public struct Pass: Equatable, Sendable {
        /// The offset just after the last line taken: where the next pass starts.
        public var endOffset = 0
        /// Bytes read from the file.
        public var bytesRead = 0
        /// Lines that could hold a request but are not well-formed JSON.
        public var malformedLines = 0
        /// Request lines without a timestamp, session or model, or with impossible counts.
        public var invalidRequests = 0
        /// `<synthetic>` responses, which are never billed.
        public var syntheticRequests = 0
        /// Lines longer than the limit, skipped unread.
        public var overlongLines = 0
        /// The 1-based line number (counted from the pass's first line) of the first malformed line.
        public var firstMalformedLine: Int?
        /// The errno of a failed read, if one failed.
        public var readError: Int32?
    }

    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let chunkSize: Int
    private let maximumLineBytes: Int
    private var decoder = TranscriptLineDecoder()

    /// Creates a reader; the sizes are for tests.
    public init(
        chunkSize: Int = TranscriptReader.defaultChunkSize,
        maximumLineBytes: Int = TranscriptReader.defaultMaximumLineBytes
    ) {
        self.chunkSize = max(chunkSize, 16)
        self.maximumLineBytes = max(maximumLineBytes, self.chunkSize)
        capacity = self.chunkSize
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Reads the open file from `offset` (which must be 0 or just after a newline or a taken last line),
    /// calling `body` with each request found in file order.
    public mutating func read(
        _ descriptor: Int32, from offset: Int, _ body: (UsageRecord) -> Void
    ) -> Pass {
        var pass = Pass()
        pass.endOffset = offset
        guard FileAccess.seek(descriptor, to: offset) else {
            pass.readError = FileAccess.lastError
            return pass
        }
        var start = 0  // first unconsumed byte in the buffer
        var filled = 0
        var bufferOffset = offset  // file offset of base[0]
        var atEnd = false
        var skipping = false  // inside an over-long line, discarding until its newline
        var lineNumber = 0
        while true {
            // Take every complete line in the buffer.
            while let newline = FileAccess.newline(in: base, start: start, end: filled) {
                if skipping {
                    skipping = false
                } else {
                    lineNumber += 1
                    process(start: start, end: newline, line: lineNumber, pass: &pass, body)
                }
                start = newline + 1
                pass.endOffset = bufferOffset + start
            }
            if atEnd {
                // A last line without its newline counts only when it is complete JSON.
                if !skipping && start < filled {
                    lineNumber += 1
                    if lastLineIsComplete(start: start, end: filled) {
                        process(start: start, end: filled, line: lineNumber, pass: &pass, body)
                        pass.endOffset = bufferOffset + filled
                    }
                }
                return pass
            }
            // Make room: drop consumed bytes, grow for a long line, or start skipping an over-long one.
            if skipping {
                bufferOffset += filled
                start = 0
                filled = 0
            } else if start > 0 {
                let kept = filled - start
                if kept > 0 { base.update(from: base + start, count: kept) }
                bufferOffset += start
                filled = kept
                start = 0
            }
            if filled == capacity {
                if capacity >= maximumLineBytes {
                    pass.overlongLines += 1
                    lineNumber += 1
                    skipping = true
                    bufferOffset += filled
                    filled = 0
                } else {
                    grow(to: min(capacity * 2, maximumLineBytes), keeping: filled)
                }
            }
            let count = FileAccess.read(descriptor, into: base + filled, count: capacity - filled)
            if count < 0 {
                pass.readError = FileAccess.lastError
                return pass
            }
            if count == 0 {
                atEnd = true
            } else {
                filled += count
                pass.bytesRead += count
            }
        }
    }

    private mutating func grow(to size: Int, keeping count: Int) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = size
    }

    // Decodes every object of one line; a line that cannot hold a request is not decoded at all.
    private mutating func process(
        start: Int, end: Int, line: Int, pass: inout Pass, _ body: (UsageRecord) -> Void
    ) {
        let bytes = UnsafeBufferPointer(start: UnsafePointer(base), count: end)
        guard FileAccess.find("\"usage\":", in: bytes, start: start, end: end) != nil else { return }
        var offset = start
        do throws(JSONScanError) {
            while true {
                var scanner = JSONScanner(bytes, start: offset, end: end)
                if scanner.isAtEnd() { return }
                let (decoded, next) = try decoder.decode(bytes, start: scanner.offset, end: end)
                offset = next
                switch decoded {
                case .request(let record): body(record)
                case .other: break
                case .synthetic: pass.syntheticRequests += 1
                case .invalid: pass.invalidRequests += 1
                }
            }
        } catch {
            pass.malformedLines += 1
            if pass.firstMalformedLine == nil { pass.firstMalformedLine = line }
        }
    }

    // Whether the bytes hold only complete JSON values (a line whose newline has not arrived yet).
    private func lastLineIsComplete(start: Int, end: Int) -> Bool {
        let bytes = UnsafeBufferPointer(start: UnsafePointer(base), count: end)
        var scanner = JSONScanner(bytes, start: start, end: end)
        do throws(JSONScanError) {
            while !scanner.isAtEnd() { try scanner.skipValue() }
            return true
        } catch {
            return false
        }
    }
}
