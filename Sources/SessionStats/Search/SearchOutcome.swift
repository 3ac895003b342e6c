/// What a search came to: the sessions found and what reading ran into.
struct SearchOutcome {
    /// The sessions found, newest first.
    var hits: [SearchHit] = []
    /// Whether the search stopped at the limit with sessions left to read or show.
    var stoppedAtLimit = false
    /// What refreshing the index found.
    var refresh = SessionIndex.Refresh()
    /// Sessions whose transcripts were read for the terms.
    var sessionsRead = 0
    /// Transcript bytes read for the terms.
    var bytesRead = 0
    /// Transcript lines skipped as not well-formed JSON or too long, while indexing or searching.
    var skippedLines = 0
    /// Files that could not be read, with why.
    var unreadable: [String] = []
    /// Problems worth a warning that did not stop the search (sync, index write).
    var warnings: [String] = []
    /// How many sessions the index knows.
    var sessionsKnown = 0
}
