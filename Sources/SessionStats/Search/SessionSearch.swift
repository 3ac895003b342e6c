import SessionLogCore

/// Runs a search: syncs the usage ledger, refreshes the session index, filters sessions by project
/// and date from the index, streams the transcripts of those left (newest first, stopping at the
/// limit), and prices what it found from the ledger.
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
        var outcome = SearchOutcome()
        guard let directory = directories.first else { return outcome }
        // One listing of the transcript folders serves the sync and the index.
        let listing = TranscriptFinder.list(roots: roots)
        if sync {
            var syncing = UsageSync(directory: directory, roots: roots, localDays: clock.dayResolver)
            do throws(LedgerError) {
                _ = try syncing.run(listing: listing)
            } catch {
                outcome.warnings.append("sync failed: " + error.message)
            }
        }
        var index = SessionIndex.load(directory: directory)
        outcome.refresh = index.refreshTranscripts(listing: listing)
        let logsChanged = index.refreshLogs(
            directories: directories, source: source, localDays: clock.dayResolver)
        if outcome.refresh.changed || logsChanged {
            do throws(SearchError) { try index.save(directory: directory) } catch {
                outcome.warnings.append(error.message)
            }
        }
        outcome.sessionsKnown = index.sessions.count
        outcome.skippedLines = outcome.refresh.skippedLines
        outcome.unreadable = outcome.refresh.unreadable
        // Newest first, filtered from the index alone, taken only as far as the limit needs.
        let candidates = index.newestFirst.lazy.compactMap { index.sessions[$0] }.filter { session in
            (session.transcript != nil || !session.project.isEmpty) && request.admits(session, clock: clock)
        }
        var searcher = TranscriptSearcher(terms: request.terms, scope: request.scope)
        for session in candidates {
            if request.limit > 0 && outcome.hits.count == request.limit {
                outcome.stoppedAtLimit = true
                break
            }
            if request.terms.isEmpty {
                outcome.hits.append(SearchHit(session: session))
                continue
            }
            guard let transcript = session.transcript else { continue }
            var match = SessionMatch()
            let agents = request.scope.contains(.subagents) ? session.agents : []
            searcher.search(transcript.path, isAgent: false, last: agents.isEmpty, into: &match)
            for (position, agent) in agents.enumerated() {
                searcher.search(agent.path, isAgent: true, last: position == agents.count - 1, into: &match)
            }
            outcome.sessionsRead += 1
            if match.hasAll(request.terms.count) {
                outcome.hits.append(SearchHit(session: session, match: match))
            }
        }
        outcome.bytesRead = searcher.bytesRead
        if !request.terms.isEmpty {
            // The lines the search itself skipped: indexing this run read some of the same lines.
            outcome.skippedLines = searcher.skippedLines
        }
        outcome.unreadable += searcher.unreadable
        let table = try PricingFile.table(logDirectory: directory, variables: variables)
        let costs = SessionCost.of(
            outcome.hits.map(\.session), directories: directories, table: table, clock: clock)
        for index in outcome.hits.indices { outcome.hits[index].cost = costs[outcome.hits[index].session.id] }
        return outcome
    }
}
