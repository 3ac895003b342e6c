import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// A report merges roll-up rows one at a time in file order (`AttributionBuilder.merge(_:)`), yet
/// names the sessions with unjoined requests and each session's project as when it sorted all the
/// rows by their first unjoined request (file order among equals) and took them in that order.
@Suite struct AttributionRollupOrderTests {
    /// The whole-file merge: rows sorted (stable) by `firstUnjoined`, the first five sessions with
    /// unjoined requests, each session's first project that is not empty.
    static func sorted(_ rows: [AttributionRollupRow]) -> (sessions: [String], projects: [String: String]) {
        var sessions: [String] = []
        var projects: [String: String] = [:]
        for row in rows.sorted(by: { ($0.firstUnjoined ?? .max) < ($1.firstUnjoined ?? .max) }) {
            if row.unjoinedRequests > 0, sessions.count < 5, !sessions.contains(row.sessionID) {
                sessions.append(row.sessionID)
            }
            if projects[row.sessionID, default: ""].isEmpty { projects[row.sessionID] = row.session.project }
        }
        return (sessions, projects)
    }

    @Test(arguments: 0..<40)
    func rowsTakenInFileOrderNameWhatSortedRowsNamed(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var rows: [AttributionRollupRow] = []
        for index in 0..<Int(random.next() % 60) {
            var row = AttributionRollupRow(
                day: CivilDate("2026-11-01")!.adding(days: index / 8), sessionID: "s\(random.next() % 12)")
            row.requests = 1
            let project = ["", "", "p", "q", "r"][Int(random.next() % 5)]
            row.project = project
            row.session.project = project
            row.session.requests = 1
            if random.next() % 3 != 0 {
                row.unjoinedRequests = 1
                // Repeats: two directories' roll-ups, or a file edited by hand.
                row.firstUnjoined = Int(random.next() % 40)
            }
            rows.append(row)
        }
        let expected = Self.sorted(rows)
        var builder = AttributionBuilder(pricing: .builtIn, index: HookCallIndex())
        for row in rows { builder.merge(row) }
        builder.merge(AttributionRollup(), openRequests: [], continuing: false)
        let report = builder.finish()
        #expect(report.unjoinedRequestSessions == expected.sessions)
        #expect(report.sessions.mapValues(\.project) == expected.projects)
    }
}
