import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Session collector")
struct SessionCollectorTests {
    static func collect(_ prefix: String, _ entries: [LogEntry]) -> Result<
        (id: String, entries: [LogEntry]), UsageError
    > {
        var collector = SessionCollector(prefix: prefix)
        for entry in entries { collector.add(entry) }
        return collector.result()
    }

    @Test("a unique prefix finds the whole session, in time order")
    func unique() throws {
        let shuffled = Array(SampleLogs.opus.reversed()) + SampleLogs.sonnet
        let (id, entries) = try Self.collect("3f2a9c1e-7b", shuffled).get()
        #expect(id == SampleLogs.opusID)
        #expect(entries.map(\.timestamp) == SampleLogs.opus.map(\.timestamp))
    }

    @Test("an ambiguous prefix lists every candidate")
    func ambiguous() {
        let result = Self.collect("3f2a", SampleLogs.week)
        #expect(
            throws: UsageError.ambiguousSession(
                prefix: "3f2a", candidates: [SampleLogs.opusID, SampleLogs.haikuID])
        ) {
            try result.get()
        }
    }

    @Test("an id that equals the prefix wins over longer ids, even when seen later")
    func exact() throws {
        let entries: [LogEntry] = [
            .fixture("2026-11-22T10:00:00Z", session: "abc-2", tool: "Bash"),
            .fixture("2026-11-22T10:01:00Z", session: "abc", tool: "Read"),
            .fixture("2026-11-22T10:02:00Z", session: "abc-2", tool: "Bash"),
            .fixture("2026-11-22T10:03:00Z", session: "abc", tool: "Edit"),
        ]
        let (id, kept) = try Self.collect("abc", entries).get()
        #expect(id == "abc")
        #expect(kept.map(\.tool) == ["Read", "Edit"])
    }

    @Test("no match is an unknown session")
    func unknown() {
        #expect(throws: UsageError.unknownSession("zzz")) { try Self.collect("zzz", SampleLogs.week).get() }
    }
}
