import SessionLogCore

/// The objects of one transcript line, read into a reused `TranscriptLine` (a line can hold two
/// objects when a write lost its newline).
enum TranscriptObjects {
    /// Calls `body` with each object of `bytes[start..<end]`; throws when the line is not well-formed JSON.
    static func forEach(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, into line: inout TranscriptLine,
        _ body: (inout TranscriptLine, JSONScanner) -> Void
    ) throws(JSONScanError) {
        var scanner = JSONScanner(bytes, start: start, end: end)
        // Nothing here uses the scanner's character counts; counting ill-formed UTF-8 exactly is slow.
        scanner.knownValidUTF8 = true
        while !scanner.isAtEnd() {
            if scanner.peek() == UInt8(ascii: "{") {
                try line.read(&scanner)
                body(&line, scanner)
            } else {
                try scanner.skipValue()
            }
        }
    }
}
