import SessionLogCore

/// Every session SessionLog knows of, from the transcripts and, for sessions whose transcript is
/// gone, from the hook log and the usage ledger; kept in `search-index.jsonl` in the log directory
/// and refreshed incrementally: only transcripts and log files that changed are read.
struct SessionIndex: Equatable, Sendable {
    /// The index file's name in the log directory.
    static let fileName = "search-index.jsonl"
    /// The format written; another version is rebuilt from scratch.
    static let version = 3
    /// The longest transcript line read; longer ones (pasted files, images) are skipped unread.
    static let maximumLineBytes = 8 << 20

    /// The sessions by id.
    var sessions: [String: IndexedSession] = [:]
    /// Size, device and inode of each hook-log and ledger file when last read, by path.
    var logFiles: [String: LogFileMark] = [:]
    /// What the index was last brought up to date with, so an unchanged run reads only its head.
    var stamp = Stamp()

    /// Fingerprints of what the index last saw; nil when unknown.
    struct Stamp: Equatable, Sendable {
        /// The transcript listing the sessions were refreshed from.
        var transcripts: UInt64?
        /// The log files, pricing files and prices the sessions and their cached costs came from.
        var logs: UInt64?
        /// The transcript listing the last complete usage sync read.
        var synced: UInt64?
        /// The usage sync's state file after that sync.
        var syncState: LogFileMark?
    }

    /// What one refresh found.
    struct Refresh: Equatable, Sendable {
        /// Transcript files under the roots.
        var transcriptsFound = 0
        /// Transcript files read, whole or from where the last refresh stopped.
        var transcriptsRead = 0
        /// Lines that are not well-formed JSON, or too long to read.
        var skippedLines = 0
        /// Paths that could not be read, with why.
        var unreadable: [String] = []
        /// Roots that do not exist.
        var missingRoots: [String] = []
        /// Whether anything in the index changed.
        var changed = false
    }

    /// Creates an empty index.
    init() {}

    /// The session ids, newest last activity first (ties by id, so the order is stable); the index
    /// file keeps its sessions in this order, so a listing reads only as many lines as it shows.
    var newestFirst: [String] {
        // Sorted by keys, not by the (large) records themselves.
        let keys = sessions.map { (last: $0.value.last?.milliseconds ?? .min, id: $0.key) }
        return keys.sorted { $0.last != $1.last ? $0.last > $1.last : $0.id < $1.id }.map(\.id)
    }

    /// Reads what changed in the transcripts under `roots`; transcripts that are gone stay as sessions
    /// without one.
    mutating func refreshTranscripts(roots: [String]) -> Refresh {
        refreshTranscripts(listing: TranscriptFinder.list(roots: roots))
    }

    /// Reads what changed in the transcripts of `listing`.
    mutating func refreshTranscripts(listing: TranscriptFinder.Listing) -> Refresh {
        var refresh = Refresh()
        refresh.transcriptsFound = listing.files.count
        refresh.missingRoots = listing.missingRoots
        refresh.unreadable = listing.unreadable.map { "\($0.path): \($0.reason)" }
        var seenMain = Set<String>()
        var seenAgents = Set<String>()
        var stream = TranscriptLineStream(
            chunkSize: TranscriptReader.defaultChunkSize, maximumLineBytes: Self.maximumLineBytes)
        var line = TranscriptLine()
        // A listing takes only prompts from a message.
        line.skipsTools = true
        // Old-style `agent-*.jsonl` files name their session only inside; map them from the last refresh.
        var agentOwners: [String: String] = [:]
        for session in sessions.values {
            for agent in session.agents { agentOwners[agent.path] = session.id }
        }
        for file in listing.files {
            switch TranscriptPath.role(of: file.path) {
            case .main(let id):
                seenMain.insert(id)
                var session = sessions[id] ?? IndexedSession(id: id)
                let previous = session.transcript
                if let previous, previous.path == file.path, previous.isUnchanged(file) { continue }
                var offset = 0
                if let previous, previous.path == file.path, previous.hasGrown(file) {
                    offset = previous.scanned
                } else {
                    // A new or replaced file: what the old one said no longer holds.
                    let agents = session.agents
                    session = IndexedSession(id: id)
                    session.agents = agents
                }
                guard
                    let scanned = read(
                        file, from: offset, stream: &stream, line: &line, refresh: &refresh,
                        { line, scanner in session.take(line, scanner: scanner) })
                else { continue }
                session.transcript = IndexedFile(
                    path: file.path, device: file.device, inode: file.inode, size: file.size, scanned: scanned
                )
                sessions[id] = session
                refresh.changed = true
            case .agent(let parent):
                seenAgents.insert(file.path)
                var owner = parent ?? agentOwners[file.path]
                let known = owner.flatMap { sessions[$0]?.agents.first { $0.path == file.path } }
                if let known, known.isUnchanged(file) { continue }
                let offset = known.map { $0.hasGrown(file) ? $0.scanned : 0 } ?? 0
                var times: [Timestamp] = []
                guard
                    let scanned = read(
                        file, from: offset, stream: &stream, line: &line, refresh: &refresh,
                        { line, scanner in
                            if owner == nil, let token = line.sessionID { owner = scanner.decode(token) }
                            if let timestamp = line.timestamp { times.append(timestamp) }
                        })
                else { continue }
                guard let owner, !owner.isEmpty else { continue }
                var session = sessions[owner] ?? IndexedSession(id: owner)
                session.agents.removeAll { $0.path == file.path }
                session.agents.append(
                    IndexedFile(
                        path: file.path, device: file.device, inode: file.inode, size: file.size,
                        scanned: scanned))
                // A subagent's work is the session's activity, but not its title or folder.
                for time in times { session.noteTime(time) }
                sessions[owner] = session
                refresh.changed = true
            }
        }
        for (id, session) in sessions {
            var updated = session
            if session.transcript != nil && !seenMain.contains(id) { updated.transcript = nil }
            updated.agents.removeAll { !seenAgents.contains($0.path) }
            if updated != session {
                sessions[id] = updated
                refresh.changed = true
            }
        }
        return refresh
    }

    // Reads `file` from `offset`, handing each object to `body`; the offset to start from next time,
    // or nil when the file could not be opened.
    private func read(
        _ file: TranscriptFile, from offset: Int, stream: inout TranscriptLineStream,
        line: inout TranscriptLine,
        refresh: inout Refresh, _ body: (TranscriptLine, JSONScanner) -> Void
    ) -> Int? {
        guard let descriptor = FileAccess.openForReading(file.path) else {
            refresh.unreadable.append(file.path + ": " + AppendError.describe(FileAccess.lastError))
            return nil
        }
        defer { FileAccess.close(descriptor) }
        refresh.transcriptsRead += 1
        var malformed = 0
        let pass = stream.forEachLine(descriptor, from: offset) { bytes, start, end, _ in
            do throws(JSONScanError) {
                try TranscriptObjects.forEach(bytes, start: start, end: end, into: &line) { line, scanner in
                    body(line, scanner)
                }
            } catch {
                malformed += 1
            }
        }
        refresh.skippedLines += malformed + pass.overlongLines
        if let error = pass.readError {
            refresh.unreadable.append(file.path + ": " + AppendError.describe(error))
        }
        return pass.endOffset
    }
}

/// What the index remembers of a hook-log or ledger file to tell whether it changed.
struct LogFileMark: Equatable, Sendable {
    /// Its size.
    var size: Int
    /// Its device.
    var device: UInt64
    /// Its inode.
    var inode: UInt64
}
