import SessionLogCore

/// Reads the requests of one transcript file from a byte offset to its last complete line.
///
/// Lines are read in large chunks; a line longer than `maximumLineBytes` (Claude Code's
/// `file-history-snapshot` lines reach hundreds of megabytes) is skipped while it streams past,
/// never held in memory. Only lines that contain `"usage":`, `"user"` or `compact_boundary` are
/// decoded: no other line can hold a request or change what the next request's context holds (the
/// sizes attribution shares by, attached to that request). The last line is taken only when it is complete JSON, so a line Claude Code is still
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

    private var lines: TranscriptLineStream
    private var decoder = TranscriptLineDecoder()
    // Per chain of the file being read (main, each subagent, the asides): what entered its context
    // since its last request, the file offset of the first line that added to it, its last message
    // id; and where the last request line ended.

    /// Creates a reader; the sizes are for tests.
    public init(
        chunkSize: Int = TranscriptReader.defaultChunkSize,
        maximumLineBytes: Int = TranscriptReader.defaultMaximumLineBytes
    ) {
        lines = TranscriptLineStream(chunkSize: chunkSize, maximumLineBytes: maximumLineBytes)
    }

    /// Reads the open file from `offset` (which must be 0 or just after a newline or a taken last line),
    /// calling `body` with each request found in file order.
    public mutating func read(
        _ descriptor: Int32, from offset: Int, _ body: (UsageRecord) -> Void
    ) -> Pass {
        var pass = Pass()
        // The decoder leaves `self` while the line stream, also part of `self`, is in use.
        var decoder = self.decoder
        var context = PendingContexts(start: offset)
        let read = lines.forEachLine(descriptor, from: offset) { bytes, start, end, number, fileOffset in
            Self.process(
                bytes, start: start, end: end, line: number, fileOffset: fileOffset, decoder: &decoder,
                context: &context, pass: &pass, body)
        }
        self.decoder = decoder
        pass.endOffset = read.endOffset
        pass.bytesRead = read.bytesRead
        pass.overlongLines = read.overlongLines
        pass.readError = read.readError
        context.hold(&pass)
        return pass
    }

    // Decodes every object of one line; a line that cannot hold a request is not decoded at all.
    private static func process(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, line: Int, fileOffset: Int,
        decoder: inout TranscriptLineDecoder, context: inout PendingContexts, pass: inout Pass,
        _ body: (UsageRecord) -> Void
    ) {
        guard
            FileAccess.find("\"usage\":", in: bytes, start: start, end: end) != nil
                || FileAccess.find("\"user\"", in: bytes, start: start, end: end) != nil
                || FileAccess.find("compact_boundary", in: bytes, start: start, end: end) != nil
        else { return }
        var offset = start
        do throws(JSONScanError) {
            while true {
                var scanner = JSONScanner(bytes, start: offset, end: end)
                if scanner.isAtEnd() { return }
                let (decoded, next) = try decoder.decode(bytes, start: scanner.offset, end: end)
                offset = next
                switch decoded {
                case .request(let record):
                    body(context.attach(to: record))
                    context.lastRequestLineEnd = fileOffset + (end - start)
                case .context(let entered): context.add(entered, at: fileOffset)
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
}
