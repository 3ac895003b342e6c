/// What a report takes from roll-up rows by their order, kept while `AttributionBuilder` merges
/// them one at a time in file order (`AttributionRollupReader`): the order of the rows sorted by
/// `firstUnjoined` (rows without one last), file order among equals, decides the first sessions
/// with unjoined requests and which row names a session's project. Everything else a row gives is
/// a sum, or a top list whose ties never depend on order.
///
/// Memory: at most `limit` sessions, and one rank per session with rows.
struct AttributionRollupOrder {
    // A row's place in that order.
    private struct Rank: Comparable {
        var firstUnjoined: Int
        var position: Int

        static func < (a: Rank, b: Rank) -> Bool {
            (a.firstUnjoined, a.position) < (b.firstUnjoined, b.position)
        }
    }

    /// How many sessions with unjoined requests a report names.
    let limit: Int
    private var rows = 0
    // The first sessions with unjoined requests so far, by their first row's rank.
    private var unjoined: [(rank: Rank, session: String)] = []
    // The rank of the row that named each session's project so far.
    private var projects: [String: Rank] = [:]

    /// An empty order naming at most `limit` sessions with unjoined requests.
    init(limit: Int = 5) { self.limit = limit }

    /// The sessions with unjoined requests, in the rows' order, at most `limit`.
    var unjoinedSessions: [String] { unjoined.map(\.session) }

    /// Notes `row`, the next in file order; true when its project (not empty) comes before the one
    /// its session has from the rows so far, so the session takes it.
    mutating func note(_ row: AttributionRollupRow) -> Bool {
        let rank = Rank(firstUnjoined: row.firstUnjoined ?? .max, position: rows)
        rows += 1
        if row.unjoinedRequests > 0 { noteUnjoined(row.sessionID, rank) }
        guard !row.session.project.isEmpty else { return false }
        if let known = projects[row.sessionID], known < rank { return false }
        projects[row.sessionID] = rank
        return true
    }

    // The `limit` sessions of lowest rank: a session pushed out has `limit` sessions of lower rank
    // already, and their ranks only fall, so it could only come back with a lower rank of its own.
    private mutating func noteUnjoined(_ session: String, _ rank: Rank) {
        if let index = unjoined.firstIndex(where: { $0.session == session }) {
            guard rank < unjoined[index].rank else { return }
            unjoined[index].rank = rank
        } else if unjoined.count < limit {
            unjoined.append((rank, session))
        } else if let last = unjoined.last, rank < last.rank {
            unjoined[unjoined.count - 1] = (rank, session)
        } else {
            return
        }
        unjoined.sort { $0.rank < $1.rank }
    }
}
