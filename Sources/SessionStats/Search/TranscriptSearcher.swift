import SessionLogCore

/// Streams transcripts looking for every term of a search, keeping no copy of their text.
///
/// A file is read whole when it is shorter than the line limit, else line by line. Each term's
/// piece is looked for in the raw bytes across lines (`SearchTerm.nextOccurrence`, a `memchr` scan),
/// and only the lines around a plausible occurrence are parsed; the texts the scope allows are then
/// decoded and matched, Unicode-folded when a term needs it.
struct TranscriptSearcher: ~Copyable {
    /// What reading one session's files found, and what it ran into.
    struct SessionRead: Sendable {
        /// The terms found, the messages that hold one, the snippet.
        var match = SessionMatch()
        /// Lines that were not well-formed JSON or too long.
        var skippedLines = 0
        /// Files that could not be read, with why.
        var unreadable: [String] = []
        /// Bytes read.
        var bytesRead = 0
    }

    /// The terms, all of which a session must contain.
    let terms: [SearchTerm]
    /// What is read besides prompts and replies.
    let scope: SearchScope
    private var stream = TranscriptLineStream(
        chunkSize: TranscriptReader.defaultChunkSize, maximumLineBytes: SessionIndex.maximumLineBytes)
    private var line = TranscriptLine()
    // Whether some term has no piece a line must contain: then every line is parsed.
    private let everyLine: Bool
    // The first pass's buffer for a file too long to read whole, allocated on first use.
    private var scanBuffer: UnsafeMutablePointer<UInt8>?

    /// Creates a searcher for `terms` (at most 64) within `scope`.
    init(terms: [SearchTerm], scope: SearchScope) {
        self.terms = terms
        self.scope = scope
        everyLine = terms.contains { $0.anchor == nil }
        line.skipsTools = !scope.contains(.tools)
    }

    deinit { scanBuffer?.deallocate() }

    /// Reads the transcript of `session` and, when the scope takes subagents, its subagents' files;
    /// nothing for a session whose transcript is gone.
    mutating func read(_ session: IndexedSession) -> SessionRead {
        var read = SessionRead()
        guard let transcript = session.transcript else { return read }
        let agents = scope.contains(.subagents) ? session.agents : []
        search(transcript.path, isAgent: false, last: agents.isEmpty, into: &read)
        for (position, agent) in agents.enumerated() {
            search(agent.path, isAgent: true, last: position == agents.count - 1, into: &read)
        }
        return read
    }

    // Reads the transcript at `path` into `read`; `isAgent` for a subagent's file.
    //
    // A file that lacks a piece of some term cannot complete the session's match on its own, so when
    // the session has nothing else to read (`last`) and nothing was found yet, its lines are not parsed.
    private mutating func search(_ path: String, isAgent: Bool, last: Bool, into read: inout SessionRead) {
        guard let descriptor = FileAccess.openForReading(path) else {
            read.unreadable.append(path + ": " + AppendError.describe(FileAccess.lastError))
            return
        }
        defer { FileAccess.close(descriptor) }
        let needsAll = last && read.match.termsFound == 0 && !everyLine
        let lines = Lines(terms: terms, scope: scope, everyLine: everyLine, isAgent: isAgent)
        var line = self.line
        defer { self.line = line }
        let pass: TranscriptLineStream.Pass
        if let whole = stream.readWhole(descriptor) {
            pass = whole.pass
            lines.search(whole.bytes, start: 0, end: whole.end, needsAll: needsAll, line: &line, into: &read)
        } else {
            // Longer than the line limit: a first pass over the raw bytes, then line by line.
            if needsAll {
                guard holdsEveryAnchor(descriptor, bytesRead: &read.bytesRead) else { return }
                guard FileAccess.seek(descriptor, to: 0) else {
                    read.unreadable.append(path + ": " + AppendError.describe(FileAccess.lastError))
                    return
                }
            }
            pass = stream.forEachLine(descriptor, from: 0) { bytes, start, end, _ in
                lines.search(bytes, start: start, end: end, needsAll: false, line: &line, into: &read)
            }
        }
        read.skippedLines += pass.overlongLines
        read.bytesRead += pass.bytesRead
        if let error = pass.readError { read.unreadable.append(path + ": " + AppendError.describe(error)) }
    }

    // Whether the file's raw bytes contain a piece of every term, read in chunks that overlap by
    // the longest piece, stopping as soon as all are found.
    private mutating func holdsEveryAnchor(_ descriptor: Int32, bytesRead: inout Int) -> Bool {
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

    // What finding the lines to parse and matching them needs, apart from the buffers.
    private struct Lines {
        let terms: [SearchTerm]
        let scope: SearchScope
        let everyLine: Bool
        let isAgent: Bool

        // Parses the lines of `bytes[start..<end]` (separated by newlines) that may hold a term into
        // `read`; with `needsAll`, none unless every term may occur somewhere in them.
        func search(
            _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, needsAll: Bool,
            line: inout TranscriptLine,
            into read: inout SessionRead
        ) {
            guard let base = bytes.baseAddress, start < end else { return }
            if everyLine {
                var lineStart = start
                while lineStart < end {
                    let lineEnd = FileAccess.newline(in: base, start: lineStart, end: end) ?? end
                    parse(bytes, start: lineStart, end: lineEnd, line: &line, into: &read)
                    lineStart = lineEnd + 1
                }
                return
            }
            // The next plausible occurrence of each term; the line around the first of them is parsed,
            // and the search goes on after that line.
            var next = terms.map { $0.nextOccurrence(inRaw: base, from: start, start: start, end: end) }
            if needsAll && next.contains(nil) { return }
            var lineStart = start
            while let found = next.lazy.compactMap({ $0 }).min() {
                while let newline = FileAccess.newline(in: base, start: lineStart, end: found) {
                    lineStart = newline + 1
                }
                let lineEnd = FileAccess.newline(in: base, start: found, end: end) ?? end
                parse(bytes, start: lineStart, end: lineEnd, line: &line, into: &read)
                lineStart = lineEnd + 1
                for index in next.indices where next[index].map({ $0 < lineStart }) ?? false {
                    next[index] = terms[index].nextOccurrence(
                        inRaw: base, from: lineStart, start: start, end: end)
                }
            }
        }

        private func parse(
            _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, line: inout TranscriptLine,
            into read: inout SessionRead
        ) {
            do throws(JSONScanError) {
                try TranscriptObjects.forEach(bytes, start: start, end: end, into: &line) { line, scanner in
                    TranscriptSearcher.match(
                        line, scanner: scanner, terms: terms, scope: scope, isAgent: isAgent,
                        into: &read.match)
                }
            } catch {
                read.skippedLines += 1
            }
        }
    }

    fileprivate static func match(
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
