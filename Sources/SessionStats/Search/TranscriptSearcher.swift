import SessionLogCore

/// Streams transcripts looking for every term of a search, keeping no copy of their text.
///
/// A line is parsed only when its raw bytes contain a piece of some term (an ASCII `memchr` scan);
/// the texts the scope allows are then decoded and matched, Unicode-folded when a term needs it.
struct TranscriptSearcher: ~Copyable {
    /// The terms, all of which a session must contain.
    let terms: [SearchTerm]
    /// What is read besides prompts and replies.
    let scope: SearchScope
    /// Lines that were not well-formed JSON or too long, in the files read so far.
    private(set) var skippedLines = 0
    /// Files that could not be read, with why.
    private(set) var unreadable: [String] = []
    /// Bytes read.
    private(set) var bytesRead = 0
    private var stream = TranscriptLineStream(
        chunkSize: TranscriptReader.defaultChunkSize, maximumLineBytes: SessionIndex.maximumLineBytes)
    private var line = TranscriptLine()
    // Whether some term has no piece a line must contain: then every line is parsed.
    private let everyLine: Bool
    // The first pass's buffer, allocated on first use.
    private var scanBuffer: UnsafeMutablePointer<UInt8>?

    /// Creates a searcher for `terms` (at most 64) within `scope`.
    init(terms: [SearchTerm], scope: SearchScope) {
        self.terms = terms
        self.scope = scope
        everyLine = terms.contains { $0.anchor == nil }
    }

    deinit { scanBuffer?.deallocate() }

    /// Reads the transcript at `path` into `match`; `isAgent` for a subagent's file.
    ///
    /// A first pass over the raw bytes looks for a piece of each term not yet found in the session;
    /// a file that lacks one cannot complete the session's match on its own, so when the session
    /// has nothing else to read (`last`) its lines are not parsed at all.
    mutating func search(_ path: String, isAgent: Bool, last: Bool, into match: inout SessionMatch) {
        guard let descriptor = FileAccess.openForReading(path) else {
            unreadable.append(path + ": " + AppendError.describe(FileAccess.lastError))
            return
        }
        defer { FileAccess.close(descriptor) }
        if last && match.termsFound == 0 && !everyLine {
            guard holdsEveryAnchor(descriptor) else { return }
            guard FileAccess.seek(descriptor, to: 0) else {
                unreadable.append(path + ": " + AppendError.describe(FileAccess.lastError))
                return
            }
        }
        var malformed = 0
        var line = self.line
        let terms = self.terms
        let scope = self.scope
        let everyLine = self.everyLine
        let pass = stream.forEachLine(descriptor, from: 0) { bytes, start, end, _ in
            guard everyLine || Self.mayHold(terms, bytes, start: start, end: end) else { return }
            do throws(JSONScanError) {
                try TranscriptObjects.forEach(bytes, start: start, end: end, into: &line) { line, scanner in
                    Self.match(
                        line, scanner: scanner, terms: terms, scope: scope, isAgent: isAgent, into: &match)
                }
            } catch {
                malformed += 1
            }
        }
        self.line = line
        skippedLines += malformed + pass.overlongLines
        bytesRead += pass.bytesRead
        if let error = pass.readError { unreadable.append(path + ": " + AppendError.describe(error)) }
    }

    // Whether the file's raw bytes contain a piece of every term, read in chunks that overlap by
    // the longest piece, stopping as soon as all are found.
    private mutating func holdsEveryAnchor(_ descriptor: Int32) -> Bool {
        let anchors = terms.compactMap(\.anchor)
        let overlap = (anchors.map(\.bytes.count).max() ?? 1) - 1
        var missing = Array(anchors.indices)
        var filled = 0
        let chunk = TranscriptReader.defaultChunkSize
        if scanBuffer == nil { scanBuffer = .allocate(capacity: chunk + overlap) }
        guard let base = scanBuffer else { return true }
        while !missing.isEmpty {
            let count = FileAccess.read(descriptor, into: base + filled, count: chunk)
            if count <= 0 { return count < 0 }  // A read error: let the second pass report it.
            bytesRead += count
            let end = filled + count
            missing.removeAll { anchors[$0].firstMatch(in: base, start: 0, end: end) != nil }
            // Keep the tail, so a piece split between two reads is still found.
            let kept = min(overlap, end)
            base.update(from: base + end - kept, count: kept)
            filled = kept
        }
        return true
    }

    // Whether the raw line may hold any term: a piece of it, with plausible bytes around.
    private static func mayHold(
        _ terms: [SearchTerm], _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int
    )
        -> Bool
    {
        guard let base = bytes.baseAddress else { return false }
        for term in terms where term.mayOccur(inRaw: base, start: start, end: end) { return true }
        return false
    }

    private static func match(
        _ line: TranscriptLine, scanner: JSONScanner, terms: [SearchTerm], scope: SearchScope, isAgent: Bool,
        into match: inout SessionMatch
    ) {
        guard line.isUser || line.isAssistant else { return }
        if line.isSidechain && !isAgent && !scope.contains(.subagents) { return }
        let meta = line.isMeta || line.isCompactSummary
        var found: UInt64 = 0
        var best: (terms: Int, text: [UInt8], range: Range<Int>)?
        for text in line.texts where scope.reads(text.kind, meta: meta) {
            let decoded =
                text.token.hasEscapes
                ? scanner.decodedBytes(text.token) : Array(scanner.bytes[text.token.start..<text.token.end])
            decoded.withUnsafeBufferPointer { buffer in
                var here: UInt64 = 0
                var first: Range<Int>?
                for (index, term) in terms.enumerated() {
                    guard let range = term.firstMatch(in: buffer) else { continue }
                    here |= UInt64(1) << UInt64(index)
                    if first.map({ range.lowerBound < $0.lowerBound }) ?? true { first = range }
                }
                found |= here
                if let first, here.nonzeroBitCount > (best?.terms ?? 0) {
                    best = (here.nonzeroBitCount, decoded, first)
                }
            }
        }
        guard found != 0, let best else { return }
        match.note(found: found) {
            best.text.withUnsafeBufferPointer { Snippet.around(best.range, in: $0) }
        }
    }
}
