import SessionLogCore

/// Runs a search: syncs the usage ledger, refreshes the session index, filters sessions by project
/// and date from the index, streams the transcripts of those left (newest first, stopping at the
/// limit), and prices what it found from the ledger.
///
/// A listing (no words) when nothing changed since the index was saved (the same transcript files
/// at the same sizes, the same log files, prices and sync state) reads only the head of the index:
/// the sessions it shows and their cached costs.
struct SessionSearch {
    /// The question.
    var request: SearchRequest
    /// The log directories; the first holds the index and receives the sync.
    var directories: [String]
    /// The transcript folders.
    var roots: [String]
    /// Whether to sync the usage ledger first.
    var sync = true

    /// Runs the search; only a malformed pricing file stops it.
    func run(clock: LocalClock, source: LogSource, variables: (String) -> String?) throws(PricingFileError)
        -> SearchOutcome
    {
        guard let directory = directories.first else { return SearchOutcome() }
        // One listing of the transcript folders (one `stat` per file) serves the sync and the index;
        // a listing from the head of the index needs only its fingerprint, which ignores the order.
        var listing = TranscriptFinder.list(roots: roots, sorted: false)
        let transcripts = IndexFingerprint.of(listing)
        let table = try PricingFile.table(logDirectory: directory, variables: variables)
        let prices = IndexFingerprint.of(table)
        let statePath = TranscriptRoots.join(directory, SyncState.fileName)
        let syncState = Self.mark(statePath)
        var logFiles = SessionIndex.logFiles(in: directories)
        if request.terms.isEmpty && listing.unreadable.isEmpty,
            let outcome = quickListing(
                directory: directory, clock: clock,
                stamp: SessionIndex.Stamp(
                    transcripts: transcripts, logs: Self.logsPrint(logFiles, prices: prices),
                    synced: transcripts, syncState: syncState))
        {
            var outcome = outcome
            outcome.refresh.transcriptsFound = listing.files.count
            outcome.refresh.missingRoots = listing.missingRoots
            return outcome
        }

        listing.sortByPath()
        var outcome = SearchOutcome()
        var index = SessionIndex.load(directory: directory)
        var changed = false
        // The sync's own no-change path still parses its state; the index knows when it has nothing to do.
        if sync && (index.stamp.synced != transcripts || index.stamp.syncState != syncState) {
            var syncing = UsageSync(directory: directory, roots: roots, localDays: clock.dayResolver)
            do throws(LedgerError) {
                let summary = try syncing.run(listing: listing)
                if summary.unreadable.isEmpty {
                    index.stamp.synced = transcripts
                    index.stamp.syncState = Self.mark(statePath)
                    changed = true
                }
            } catch {
                outcome.warnings.append("sync failed: " + error.message)
            }
            logFiles = SessionIndex.logFiles(in: directories)
        }
        outcome.refresh = index.refreshTranscripts(listing: listing)
        let logsChanged = index.refreshLogs(logFiles, source: source, localDays: clock.dayResolver)
        let logs = Self.logsPrint(logFiles, prices: prices)
        if index.stamp.logs != logs {
            // Costs were cached against other ledger files or prices.
            for id in index.sessions.keys { index.sessions[id]?.cost = nil }
            index.stamp.logs = logs
            changed = true
        }
        let complete = listing.unreadable.isEmpty && outcome.refresh.unreadable.isEmpty
        if index.stamp.transcripts != (complete ? transcripts : nil) {
            index.stamp.transcripts = complete ? transcripts : nil
            changed = true
        }
        outcome.sessionsKnown = index.sessions.count
        outcome.skippedLines = outcome.refresh.skippedLines
        outcome.unreadable = outcome.refresh.unreadable
        // Newest first, filtered from the index alone, taken only as far as the limit needs.
        let candidates = index.newestFirst.lazy.compactMap { index.sessions[$0] }.filter { session in
            Self.listable(session) && request.admits(session, clock: clock)
        }
        if request.terms.isEmpty {
            for session in candidates {
                if request.limit > 0 && outcome.hits.count == request.limit {
                    outcome.stoppedAtLimit = true
                    break
                }
                outcome.hits.append(SearchHit(session: session))
            }
        } else {
            search(Array(candidates), into: &outcome)
        }
        // Only the sessions shown are priced, and only those not priced since the ledger last changed.
        let unpriced = outcome.hits.map(\.session).filter { index.sessions[$0.id]?.cost == nil }
        let costs = SessionCost.of(unpriced, directories: directories, table: table, clock: clock)
        for session in unpriced {
            index.sessions[session.id]?.cost = .some(costs[session.id])
            changed = true
        }
        for position in outcome.hits.indices {
            outcome.hits[position].cost = index.sessions[outcome.hits[position].session.id]?.cost ?? nil
        }
        if changed || outcome.refresh.changed || logsChanged {
            do throws(SearchError) { try index.save(directory: directory) } catch {
                outcome.warnings.append(error.message)
            }
        }
        return outcome
    }

    // Reads the transcripts of `candidates` (newest first) until the limit is reached, adding the
    // sessions that hold every term and what reading ran into.
    private func search(_ candidates: [IndexedSession], into outcome: inout SearchOutcome) {
        let readable = candidates.indices.filter { candidates[$0].transcript != nil }
        var skippedLines = 0
        TranscriptSearcher.forEachRead(
            of: readable.map { candidates[$0] }, terms: request.terms, scope: request.scope,
            limited: request.limit > 0
        ) { position, read in
            outcome.sessionsRead += 1
            outcome.bytesRead += read.bytesRead
            skippedLines += read.skippedLines
            outcome.unreadable += read.unreadable
            if read.match.hasAll(request.terms.count) {
                outcome.hits.append(SearchHit(session: candidates[readable[position]], match: read.match))
            }
            guard request.limit > 0 && outcome.hits.count == request.limit else { return true }
            // Stopped at the limit only when some candidate is left unread.
            outcome.stoppedAtLimit = readable[position] < candidates.count - 1
            return false
        }
        // The lines the search itself skipped: indexing this run read some of the same lines.
        outcome.skippedLines = skippedLines
    }

    // The newest sessions from the head of the index, when `stamp` is the one it was saved with and
    // every session shown has a cached cost; nil otherwise.
    private func quickListing(directory: String, clock: LocalClock, stamp: SessionIndex.Stamp)
        -> SearchOutcome?
    {
        var outcome = SearchOutcome()
        var complete = true
        let read = SessionIndex.forEachNewest(
            directory: directory,
            accept: { header in
                outcome.sessionsKnown = header.sessions
                return header.stamp.transcripts == stamp.transcripts && header.stamp.logs == stamp.logs
                    && (!sync
                        || (header.stamp.synced == stamp.synced && header.stamp.syncState == stamp.syncState))
            },
            { session in
                guard Self.listable(session) && request.admits(session, clock: clock) else { return true }
                if request.limit > 0 && outcome.hits.count == request.limit {
                    outcome.stoppedAtLimit = true
                    return false
                }
                guard let cost = session.cost else {
                    complete = false
                    return false
                }
                outcome.hits.append(SearchHit(session: session, cost: cost))
                return true
            })
        return read && complete ? outcome : nil
    }

    // Whether a session has enough to list: a transcript, or a project from the logs.
    private static func listable(_ session: IndexedSession) -> Bool {
        session.transcript != nil || !session.project.isEmpty
    }

    // The log files and the prices that cached costs depend on.
    private static func logsPrint(_ files: [SessionIndex.LogFileEntry], prices: UInt64) -> UInt64 {
        var marks: [String: LogFileMark] = [:]
        for file in files { marks[file.path] = file.mark }
        return IndexFingerprint.of(marks) &+ prices &+ SessionCost.cacheVersion
    }

    private static func mark(_ path: String) -> LogFileMark? {
        FileAccess.status(path, followLink: false).map {
            LogFileMark(size: $0.size, device: $0.device, inode: $0.inode)
        }
    }
}
