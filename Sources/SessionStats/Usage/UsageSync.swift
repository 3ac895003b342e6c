import SessionLogCore

/// `sync`'s work: copies the requests of new transcript lines into the usage ledger.
///
/// Holds `usage-sync.lock` for the whole run, so two syncs never read the same lines at once.
/// Order makes a crash harmless: ledger lines are appended before the state that says they were
/// read is replaced, so a crash can at worst append copies again, which every reader drops.
public struct UsageSync {
    /// The log directory holding the ledger.
    public var ledger: UsageLedger
    /// The transcript folders.
    public var roots: [String]
    /// Assigns each request its local day (its ledger file).
    public var localDays: LocalDayResolver
    /// Requests held in memory before they are written out; bounds memory on a first sync.
    public var flushThreshold = 50_000
    /// The reader's longest line, for tests.
    public var maximumLineBytes = TranscriptReader.defaultMaximumLineBytes

    /// The lock file's name.
    public static let lockName = "usage-sync.lock"

    /// Creates a sync of the transcripts under `roots` into the ledger of `directory`.
    public init(directory: String, roots: [String], localDays: LocalDayResolver) {
        ledger = UsageLedger(directory: directory)
        self.roots = roots
        self.localDays = localDays
    }

    /// Runs the sync. Throws only when the ledger cannot be written; unreadable transcripts are
    /// listed in the summary and the rest synced.
    public mutating func run() throws(LedgerError) -> SyncSummary {
        try run(listing: TranscriptFinder.list(roots: roots))
    }

    /// Runs the sync over a listing of the roots made by the caller (`search` lists them once for
    /// its index and the sync).
    public mutating func run(listing: TranscriptFinder.Listing) throws(LedgerError) -> SyncSummary {
        var summary = SyncSummary()
        summary.roots = roots
        summary.filesFound = listing.files.count
        summary.missingRoots = listing.missingRoots
        summary.unreadable = listing.unreadable.map { "\($0.path): \($0.reason)" }
        // Nothing to read: leave the log directory alone (no lock file in a directory of logs only).
        if listing.files.isEmpty { return summary }
        do {
            try AppendWriter.makeDirectory(ledger.directory)
        } catch {
            throw .directory(error.message)
        }
        let lockPath = ledger.path(UsageSync.lockName)
        guard let lock = FileAccess.openOwned(lockPath, append: true) else {
            throw .lock(lockPath, reason: AppendError.describe(FileAccess.lastError))
        }
        defer { FileAccess.close(lock) }
        if let code = FileAccess.lock(lock) { throw .lock(lockPath, reason: AppendError.describe(code)) }

        let stateBytes = ledger.contents(SyncState.fileName) ?? []
        let oldState = stateBytes.withUnsafeBufferPointer { SyncState(parsing: $0) }
        var state = oldState
        var pending = UsageDeduplicator()
        var reader = TranscriptReader(
            chunkSize: min(TranscriptReader.defaultChunkSize, maximumLineBytes),
            maximumLineBytes: maximumLineBytes)
        var seen: Set<String> = []
        for file in listing.files {
            seen.insert(file.path)
            let known = state.transcripts[file.path]
            let sameFile = known.map { $0.device == file.device && $0.inode == file.inode } ?? false
            if let known, sameFile, known.size == file.size, known.offset <= file.size { continue }
            var start = 0
            if let known, sameFile, known.offset <= file.size {
                start = known.offset
            } else if known != nil {
                summary.filesReread += 1
            }
            guard let descriptor = FileAccess.openForReading(file.path) else {
                summary.unreadable.append("\(file.path): " + AppendError.describe(FileAccess.lastError))
                continue
            }
            let pass = reader.read(descriptor, from: start) { record in
                var record = record
                if let project = state.projects[record.sessionID] {
                    record.project = project
                } else {
                    record.project = UsageSync.baseName(record.cwd)
                    state.projects[record.sessionID] = record.project
                }
                pending.add(record)
            }
            FileAccess.close(descriptor)
            summary.filesRead += 1
            summary.bytesRead += pass.bytesRead
            summary.syntheticSkipped += pass.syntheticRequests
            summary.linesSkipped += pass.malformedLines + pass.invalidRequests + pass.overlongLines
            summary.overlongLines += pass.overlongLines
            if let line = pass.firstMalformedLine, summary.warnings.count < 5 {
                summary.warnings.append("\(file.path):+\(line): not valid JSON, skipped")
            }
            if let code = pass.readError {
                summary.unreadable.append("\(file.path): read failed: " + AppendError.describe(code))
            }
            state.transcripts[file.path] = SyncState.Progress(
                device: file.device, inode: file.inode, size: file.size, offset: pass.endOffset)
            if pending.records.count >= flushThreshold {
                try flush(&pending, summary: &summary)
                try save(state)
            }
        }
        // Transcripts Claude Code deleted need no progress; the sessions' projects stay.
        for path in state.transcripts.keys where !seen.contains(path) { state.transcripts[path] = nil }
        try flush(&pending, summary: &summary)
        summary.duplicatesDropped = pending.duplicates
        if state != oldState { try save(state) }
        return summary
    }

    // Appends the pending requests to their days' files, one write per file.
    private mutating func flush(_ pending: inout UsageDeduplicator, summary: inout SyncSummary)
        throws(LedgerError)
    {
        var byDay: [CivilDate: [UInt8]] = [:]
        for record in pending.records {
            byDay[localDays.day(of: record.timestamp), default: []] += record.ledgerLine
        }
        for day in byDay.keys.sorted() {
            try ledger.append(byDay[day]!, date: day)
            summary.days.insert(day)
        }
        summary.requestsAdded += pending.records.count
        pending.removeAll()
    }

    private func save(_ state: SyncState) throws(LedgerError) {
        try ledger.replace(SyncState.fileName, with: state.bytes)
    }

    /// The project of a directory, exactly as the hook names it, so the two logs join.
    public static func baseName(_ path: String) -> String { TextClipping.baseName(path) ?? "" }
}
