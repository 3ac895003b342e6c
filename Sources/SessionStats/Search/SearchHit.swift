/// One session a search found or a listing shows.
struct SearchHit: Equatable, Sendable {
    /// The session as the index knows it.
    var session: IndexedSession
    /// What its transcripts held of the terms; nil for a listing.
    var match: SessionMatch?
    /// Its exact cost; nil when the ledger has no request of it.
    var cost: SessionCost?
}
