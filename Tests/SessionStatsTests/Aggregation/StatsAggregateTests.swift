import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Aggregation")
struct StatsAggregateTests {
    static func aggregate(_ entries: [LogEntry], filter: EntryFilter = EntryFilter()) -> StatsAggregate {
        var aggregate = StatsAggregate(filter: filter)
        for entry in entries { aggregate.add(entry) }
        return aggregate
    }

    @Test("operations count tool results and legacy entries; tokens count every line")
    func totals() {
        let aggregate = Self.aggregate(SampleLogs.week)
        #expect(aggregate.operations == 8 + 2 + 6 + 3 + 1)
        #expect(aggregate.failures == 2)
        #expect(aggregate.lines == SampleLogs.week.count)
        let input = SampleLogs.week.reduce(0) { $0 + $1.inputTokens }
        let output = SampleLogs.week.reduce(0) { $0 + $1.outputTokens }
        let prompt = SampleLogs.week.filter { $0.event == .userPromptSubmit }.reduce(0) {
            $0 + $1.inputTokens
        }
        #expect(aggregate.tokens == TokenCount(input: input, output: output, prompt: prompt))
        #expect(aggregate.sessions.count == 5)
        #expect(aggregate.activeDays == 5)
    }

    @Test("per-tool, per-project and per-day totals add up to the summary")
    func partsAddUp() {
        let aggregate = Self.aggregate(SampleLogs.week)
        #expect(aggregate.tools.values.reduce(0) { $0 + $1.operations } == aggregate.operations)
        #expect(aggregate.projects.values.reduce(0) { $0 + $1.operations } == aggregate.operations)
        #expect(aggregate.days.values.reduce(0) { $0 + $1.tokens.total } == aggregate.tokens.total)
        #expect(aggregate.projects.values.reduce(0) { $0 + $1.tokens.total } == aggregate.tokens.total)
        #expect(aggregate.sessions.reduce(0) { $0 + $1.tokens.total } == aggregate.tokens.total)
        #expect(aggregate.tools["Edit"]?.operations == 8)
        #expect(aggregate.tools["Edit"]?.failures == 1)
        #expect(aggregate.projects["app"]?.sessionCount == 2)
    }

    @Test("a session across midnight and two projects splits into parts by local day and project")
    func parts() throws {
        let entries: [LogEntry] = [
            .fixture("2026-11-21T22:30:00Z", session: "n", project: "app", tool: "Bash", input: 1),
            .fixture("2026-11-21T23:30:00Z", session: "n", project: "app", tool: "Bash", input: 10),
            .fixture("2026-11-21T23:40:00Z", session: "n", project: "lib", tool: "Edit", input: 100),
            .fixture("2026-11-21T23:50:00Z", session: "n", project: "app", tool: "Read", input: 1000),
        ]
        let aggregate = Self.aggregate(entries)
        let session = try #require(aggregate.sessions.first)
        #expect(session.parts.map(\.tokens.input) == [1, 1010, 100])
        let days = aggregate.days
        #expect(days[CivilDate(year: 2026, month: 11, day: 21)]?.tokens.input == 1)
        #expect(days[CivilDate(year: 2026, month: 11, day: 22)]?.tokens.input == 1110)
        #expect(days.values.allSatisfy { $0.sessionCount == 1 })
        #expect(aggregate.projects["lib"]?.operations == 1)
        #expect(aggregate.projects["app"]?.tokens.input == 1011)
        #expect(aggregate.activeDays == 2)
    }

    @Test("lines without a session id count tokens but not sessions")
    func noSession() {
        let entries: [LogEntry] = [
            .fixture("2026-11-22T10:00:00Z", event: .userPromptSubmit, session: "", input: 30),
            .fixture("2026-11-22T10:01:00Z", session: "a", tool: "Bash", input: 1, output: 2),
        ]
        let aggregate = Self.aggregate(entries)
        #expect(aggregate.sessions.map(\.id) == ["a"])
        #expect(aggregate.unattributedTokens == TokenCount(input: 30, output: 0, prompt: 30))
        #expect(aggregate.tokens.total == 33)
        #expect(aggregate.projects["app"]?.sessionCount == 1)
    }

    @Test("edited files: edit tools only, successful only, relative to the session's cwd when inside it")
    func editedFiles() {
        let aggregate = Self.aggregate(SampleLogs.week)
        let files = Dictionary(uniqueKeysWithValues: aggregate.editedFiles.map { ($0.key.path, $0.value) })
        #expect(files["Sources/App/main.swift"] == 2)
        #expect(files["internal/handler.go"] == 2)
        #expect(files["/etc/hosts"] == 1)
        #expect(files["/var/www/site/index.html"] == 1)
        #expect(files["README.md"] == 1)
        #expect(files["Tests/AppTests/AppTests.swift"] == 1)
        // Read and Grep name files too, but do not edit them.
        #expect(files.count == 6)
    }

    @Test("the same relative path in two projects stays two files")
    func filesPerProject() {
        let entries: [LogEntry] = [
            .fixture(
                "2026-11-22T10:00:00Z", session: "a", project: "one", cwd: "/p/one", tool: "Edit",
                file: "/p/one/README.md"),
            .fixture(
                "2026-11-22T10:00:00Z", session: "b", project: "two", cwd: "/p/two", tool: "Write",
                file: "/p/two/README.md"),
        ]
        let files = Self.aggregate(entries).topFiles(limit: nil)
        #expect(
            files.map(\.file) == [
                EditedFile(project: "one", path: "README.md"), EditedFile(project: "two", path: "README.md"),
            ])
    }

    @Test("models come from SessionStart lines even when the filter hides them")
    func models() {
        let aggregate = Self.aggregate(SampleLogs.week, filter: EntryFilter(tool: "Bash"))
        #expect(aggregate.models[SampleLogs.opusID] == "claude-opus-4-5-20251101")
        #expect(aggregate.startedSessions.contains(SampleLogs.sonnetID))
        #expect(aggregate.sessions.count == 4)
        #expect(aggregate.operations == 3 + 1 + 1 + 1)
    }

    @Test("a session's start, end and duration span its lines")
    func sessionSpan() throws {
        let aggregate = Self.aggregate(SampleLogs.opus)
        let session = try #require(aggregate.sessions.first)
        #expect(session.start == Timestamp(iso8601: "2026-11-22T08:00:00Z"))
        #expect(session.end == Timestamp(iso8601: "2026-11-22T09:15:00Z"))
        #expect(session.durationMS == 75 * 60_000)
        #expect(session.project == "app")
        #expect(session.cwd == "/home/u/app")
    }

    @Test("rankings are stable: ties broken by name")
    func rankings() {
        let aggregate = Self.aggregate(SampleLogs.week)
        #expect(aggregate.toolsByCount.map(\.name) == ["Edit", "Bash", "Grep", "Read", "WebFetch", "Write"])
        #expect(aggregate.projectsByCount.map(\.name) == ["app", "api", "legacy-site", "old"])
        let biggest = aggregate.sessionsByTokens(limit: 1).map { aggregate.sessions[$0].id }
        #expect(biggest == [SampleLogs.opusID])
    }

    @Test("memory follows distinct keys: a million lines of one session keep one of everything")
    func boundedMemory() {
        var aggregate = StatsAggregate()
        let entry = LogEntry.fixture(
            "2026-11-22T10:00:00Z", tool: "Bash", command: "ls", input: 1, output: 1, duration: 41)
        for _ in 0..<100_000 { aggregate.add(entry) }
        #expect(aggregate.sessions.count == 1)
        #expect(aggregate.tools.count == 1)
        #expect(aggregate.days.count == 1)
        #expect(aggregate.tools["Bash"]?.durations.count == 100_000)
        #expect(aggregate.tokens.total == 200_000)
    }
}
