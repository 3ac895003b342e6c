import SessionLogCore
import Testing

@testable import SessionStats

/// Merging the aggregates of consecutive files gives what adding all their entries to one gives.
@Suite("Aggregation merge")
struct StatsAggregateMergeTests {
    /// Three "files" of entries whose sessions, cwds, projects, days and tools cross them: a session
    /// whose first lines carry no cwd, one whose cwd changes in a later file, lines without a
    /// session id, SessionStart lines naming models, and a failed and a timed call.
    static let files: [[LogEntry]] = [
        [
            .fixture(
                "2026-11-20T09:00:00Z", session: "a", cwd: "/w/app", tool: "Edit", file: "/w/app/x.swift"),
            .fixture("2026-11-20T09:01:00Z", session: "b", cwd: nil, tool: "Write", file: "/w/app/y.swift"),
            .fixture("2026-11-20T09:02:00Z", session: "", cwd: "/w", tool: "Edit", file: "/w/app/z.swift"),
            .fixture("2026-11-20T09:03:00Z", event: .sessionStart, session: "c", model: "claude-opus-4-1"),
            .fixture(
                "2026-11-20T23:59:00Z", session: "a", project: "lib", tool: "Bash", input: 7, duration: 40),
        ],
        [
            .fixture("2026-11-21T00:00:30Z", session: "a", cwd: nil, tool: "Edit", file: "/w/app/x.swift"),
            .fixture("2026-11-21T00:01:00Z", session: "b", cwd: nil, tool: "Edit", file: "/w/app/y.swift"),
            .fixture(
                "2026-11-21T00:02:00Z", session: "a", cwd: "/elsewhere", tool: "Edit", file: "/w/app/x.swift"),
            .fixture(
                "2026-11-21T00:03:00Z", session: "c", cwd: "/w/app", tool: "Edit", file: "/w/app/q.swift"),
            .fixture(
                "2026-11-21T00:04:00Z", event: .postToolUseFailure, session: "c", tool: "Edit",
                file: "/w/app/q.swift", output: 3),
        ],
        [
            .fixture("2026-11-21T08:00:00Z", session: "b", cwd: "/w", tool: "Edit", file: "/w/app/y.swift"),
            .fixture(
                "2026-11-19T08:00:00Z", session: "a", project: "lib", tool: "Read", output: 9, duration: 2_000
            ),
            .fixture("2026-11-21T08:02:00Z", event: .sessionStart, session: "c", model: "claude-sonnet-4-5"),
            .fixture("2026-11-21T08:03:00Z", session: "", cwd: nil, tool: "Edit", file: "/w/app/z.swift"),
        ],
    ]

    /// What the reports read from an aggregate, in a form that compares.
    static func summary(_ aggregate: StatsAggregate) -> [String] {
        var lines = ["\(aggregate.lines) \(aggregate.operations) \(aggregate.failures) \(aggregate.tokens)"]
        for session in aggregate.sessions {
            lines.append(
                "\(session.id) \(session.project ?? "-") \(session.cwd ?? "-") \(session.start) \(session.end) "
                    + "\(session.operations) \(session.failures) \(session.lines) \(session.tokens) "
                    + "\(session.hasLoggerLines) "
                    + session.parts.map { "\($0.day)/\($0.project)/\($0.operations)/\($0.tokens)" }.joined(
                        separator: ","))
        }
        lines.append("unattributed \(aggregate.unattributed.tokens) \(aggregate.unattributed.parts.count)")
        for (name, tool) in aggregate.tools.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "tool \(name) \(tool.operations) \(tool.failures) \(tool.tokens) \(tool.durations.count) "
                    + "\(tool.durations.percentile(50) ?? -1)")
        }
        for (file, count) in aggregate.editedFiles.sorted(by: {
            ($0.key.project, $0.key.path) < ($1.key.project, $1.key.path)
        }) {
            lines.append("edited \(file.project) \(file.path) \(count)")
        }
        lines.append("models \(aggregate.models.sorted(by: { $0.key < $1.key }))")
        lines.append("started \(aggregate.startedSessions.sorted())")
        return lines
    }

    @Test(arguments: [EntryFilter(), EntryFilter(project: "app"), EntryFilter(tool: "Edit")])
    func mergingFileAggregatesEqualsAddingEveryEntry(filter: EntryFilter) {
        var whole = StatsAggregate(filter: filter)
        for file in Self.files { for entry in file { whole.add(entry) } }
        var merged = StatsAggregate(filter: filter)
        for file in Self.files {
            var part = StatsAggregate(filter: filter)
            for entry in file { part.add(entry) }
            merged.merge(part)
        }
        #expect(Self.summary(merged) == Self.summary(whole))
        // The sessions keep the index the first entry gave them.
        #expect(merged.index(ofSession: "b") == whole.index(ofSession: "b"))
    }

    @Test func aFileEditedBeforeItsSessionNamedACWDIsShownWholeAndOneAfterRelative() {
        var merged = StatsAggregate()
        for file in Self.files {
            var part = StatsAggregate()
            for entry in file { part.add(entry) }
            merged.merge(part)
        }
        let paths = Dictionary(merged.editedFiles.map { ($0.key.path, $0.value) }, uniquingKeysWith: +)
        // Session b had no cwd for its first two edits of y.swift, then /w: whole path twice, app/y.swift once.
        #expect(paths["/w/app/y.swift"] == 2)
        #expect(paths["app/y.swift"] == 1)
        // Session a's cwd stays its first one, /w/app, also for the edits logged without one or from
        // /elsewhere in the next file.
        #expect(paths["x.swift"] == 3)
    }

    @Test func manyDistinctToolsAreEachCountedOnceAndMerged() {
        let entries = (0..<200).map { LogEntry.fixture("2026-11-20T09:00:00Z", tool: "T\($0 % 100)") }
        var whole = StatsAggregate()
        for entry in entries { whole.add(entry) }
        var merged = StatsAggregate()
        for half in [entries[..<50], entries[50...]] {
            var part = StatsAggregate()
            for entry in half { part.add(entry) }
            merged.merge(part)
        }
        for aggregate in [whole, merged] {
            #expect(aggregate.tools.count == 100)
            #expect(aggregate.tools.values.allSatisfy { $0.operations == 2 })
        }
    }
}
