import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Stats queries")
struct StatsQueryTests {
    static let resolver = LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset)
    static let today = CivilDate(year: 2026, month: 11, day: 22)

    @Test("an ambiguous --session prefix is a usage error listing the candidates")
    func ambiguous() {
        let query = StatsQuery(
            directories: ["/logs"], days: nil, filter: EntryFilter(session: .prefix("3f2a")))
        #expect(
            throws: UsageError.ambiguousSession(
                prefix: "3f2a", candidates: [SampleLogs.opusID, SampleLogs.haikuID])
        ) {
            try query.run(.entries(SampleLogs.week), localDays: Self.resolver)
        }
    }

    @Test("a unique prefix selects its session")
    func unique() throws {
        let query = StatsQuery(
            directories: ["/logs"], days: nil, filter: EntryFilter(session: .prefix("3f2a9c1e-7b")))
        let (aggregate, _) = try query.run(.entries(SampleLogs.week), localDays: Self.resolver)
        #expect(aggregate.sessions.map(\.id) == [SampleLogs.opusID])
    }

    @Test("a prefix that is also a whole id selects that id alone")
    func exactWins() throws {
        let entries: [LogEntry] = [
            .fixture("2026-11-22T10:00:00Z", session: "abc", tool: "Bash", input: 1),
            .fixture("2026-11-22T10:01:00Z", session: "abc-2", tool: "Bash", input: 10),
        ]
        let query = StatsQuery(
            directories: ["/logs"], days: nil, filter: EntryFilter(session: .prefix("abc")))
        let (aggregate, _) = try query.run(.entries(entries), localDays: Self.resolver)
        #expect(aggregate.sessions.map(\.id) == ["abc"])
        #expect(aggregate.tokens.total == 1)
    }

    @Test("a session that started before the range is priced at the model of its earlier SessionStart")
    func lookback() throws {
        let entries: [LogEntry] = [
            .fixture(
                "2026-11-21T22:00:00Z", event: .sessionStart, session: "night",
                model: "claude-opus-4-1-20250805"),
            .fixture("2026-11-21T23:30:00Z", session: "night", tool: "Bash", input: 1000, output: 1000),
        ]
        var reads: [ClosedRange<CivilDate>?] = []
        let inner = LogSource.entries(entries)
        let counting = LogSource { directories, days, resolver, body in
            reads.append(days)
            return inner.read(directories, days, resolver, body)
        }
        let query = StatsQuery(directories: ["/logs"], days: Self.today...Self.today, filter: EntryFilter())
        let (aggregate, _) = try query.run(counting, localDays: Self.resolver)
        #expect(aggregate.models["night"] == "claude-opus-4-1-20250805")
        #expect(
            CostEstimate(aggregate, pricing: Pricing()).choices == [
                RateChoice(family: .opus4, rates: ModelFamily.opus4.rates)
            ])
        // Today (the line at 00:30 local), then the 21st, where the session started at 23:00 local.
        #expect(reads.count == 2)
        #expect(aggregate.lines == 1)
    }

    @Test("legacy sessions never had a SessionStart, so nothing is searched for them")
    func noLookbackForLegacy() throws {
        var reads = 0
        let inner = LogSource.entries(SampleLogs.legacy)
        let counting = LogSource { directories, days, resolver, body in
            reads += 1
            return inner.read(directories, days, resolver, body)
        }
        let day = CivilDate(year: 2026, month: 11, day: 18)
        let query = StatsQuery(directories: ["/logs"], days: day...day, filter: EntryFilter())
        _ = try query.run(counting, localDays: Self.resolver)
        #expect(reads == 1)
    }

    @Test("the search gives up after a week")
    func lookbackLimit() throws {
        var reads = 0
        let inner = LogSource.entries([.fixture("2026-11-22T10:00:00Z", session: "orphan", tool: "Bash")])
        let counting = LogSource { directories, days, resolver, body in
            reads += 1
            return inner.read(directories, days, resolver, body)
        }
        let query = StatsQuery(directories: ["/logs"], days: Self.today...Self.today, filter: EntryFilter())
        let (aggregate, _) = try query.run(counting, localDays: Self.resolver)
        #expect(reads == 1 + StatsQuery.modelLookbackDays)
        #expect(CostEstimate(aggregate, pricing: Pricing()).fallbackSessions == 1)
    }
}
