import Testing

@testable import SessionStats

@Suite("Entry filters")
struct EntryFilterTests {
    @Test("--project is data: a jq-injection string matches nothing")
    func injection() {
        let filter = EntryFilter(project: "x\" or true or .project == \"y")
        #expect(SampleLogs.week.allSatisfy { !filter.matches($0) })
    }

    @Test("project, tool and tags match exactly")
    func exact() {
        let entry = LogEntry.fixture(
            "2026-11-22T10:00:00Z", project: "app", tool: "Bash", tags: ["team": "core"])
        #expect(EntryFilter(project: "app").matches(entry))
        #expect(!EntryFilter(project: "ap").matches(entry))
        #expect(!EntryFilter(project: "App").matches(entry))
        #expect(EntryFilter(tool: "Bash").matches(entry))
        #expect(!EntryFilter(tool: "bash").matches(entry))
        #expect(EntryFilter(tags: [.init(key: "team", value: "core")]).matches(entry))
        #expect(!EntryFilter(tags: [.init(key: "team", value: "cor")]).matches(entry))
        #expect(
            !EntryFilter(tags: [.init(key: "team", value: "core"), .init(key: "env", value: "ci")]).matches(
                entry))
    }

    @Test("sessions match by prefix, or exactly once resolved")
    func session() {
        let entry = LogEntry.fixture("2026-11-22T10:00:00Z", session: "abc-123")
        #expect(EntryFilter(session: .prefix("abc")).matches(entry))
        #expect(!EntryFilter(session: .prefix("abd")).matches(entry))
        #expect(!EntryFilter(session: .exact("abc")).matches(entry))
        #expect(EntryFilter(session: .exact("abc-123")).matches(entry))
    }
}
