import SessionLogCore

/// Gathers every entry of the one session an id or unique id prefix names, keeping only that session's
/// entries in memory, however many other sessions share the prefix.
public struct SessionCollector {
    /// The id or prefix asked for.
    public let prefix: String
    /// Every session id that starts with the prefix.
    public private(set) var candidates: Set<String> = []
    // The session whose entries are kept: the first seen, until one that equals the prefix turns up.
    private var keptID: String?
    private var kept: [LogEntry] = []

    /// Creates a collector for `prefix`.
    public init(prefix: String) { self.prefix = prefix }

    /// Looks at one entry.
    public mutating func add(_ entry: LogEntry) {
        let id = entry.sessionID
        guard !id.isEmpty, id.hasPrefix(prefix) else { return }
        candidates.insert(id)
        if id == keptID {
            kept.append(entry)
        } else if keptID == nil || id == prefix {
            keptID = id
            kept = [entry]
        }
    }

    /// The session's entries in time order, or why there is no single session.
    public func result() -> Result<(id: String, entries: [LogEntry]), UsageError> {
        guard let keptID else { return .failure(.unknownSession(prefix)) }
        if candidates.count > 1 && keptID != prefix {
            return .failure(.ambiguousSession(prefix: prefix, candidates: candidates.sorted()))
        }
        // Several directories or files may interleave; the original order breaks ties.
        let ordered = kept.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }
        return .success((keptID, ordered.map(\.element)))
    }
}
