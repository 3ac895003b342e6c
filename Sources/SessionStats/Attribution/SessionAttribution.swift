import SessionLogCore

/// One session's exact cost and where it went.
public struct SessionAttribution: Hashable, Sendable {
    /// The session id.
    public var sessionID: String
    /// The project, as the ledger names it.
    public var project: String = ""
    /// Requests of the session in the range.
    public var requests = 0
    /// The exact cost: the sum of its requests' prices.
    public var cost: USD = .zero
    /// The buckets; they add up to `cost`.
    public var buckets = AttributionBuckets()
    /// Tool calls its requests issued or answered.
    public var calls = 0

    /// Creates an empty session.
    public init(sessionID: String) { self.sessionID = sessionID }
}
