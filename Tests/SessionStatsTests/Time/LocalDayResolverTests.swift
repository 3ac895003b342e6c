import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct LocalDayResolverTests {
    func day(_ time: String, offset: Int) -> CivilDate {
        var resolver = LocalDayResolver(utcOffsetSeconds: offset)
        return resolver.day(of: Timestamp(iso8601: time)!)
    }

    @Test(arguments: [
        ("2026-01-14T04:59:59.999Z", -5 * 3600, "2026-01-13"),
        ("2026-01-14T05:00:00.000Z", -5 * 3600, "2026-01-14"),
        ("2026-01-14T14:59:59.999Z", 9 * 3600, "2026-01-14"),
        ("2026-01-14T15:00:00.000Z", 9 * 3600, "2026-01-15"),
        ("2026-01-14T18:29:59.000Z", 5 * 3600 + 1800, "2026-01-14"),
        ("2026-01-14T18:30:00.000Z", 5 * 3600 + 1800, "2026-01-15"),
        ("2026-03-01T00:00:00.000Z", 0, "2026-03-01"),
        ("1969-12-31T23:59:59.000Z", 0, "1969-12-31"),
        ("2024-02-29T23:00:00.000Z", 3600, "2024-03-01"),
    ])
    func assignsTheLocalDayAtAFixedOffset(time: String, offset: Int, expected: String) {
        #expect(day(time, offset: offset) == CivilDate(expected))
    }

    @Test func resolvesOutOfOrderTimesAfterCaching() {
        var resolver = LocalDayResolver(utcOffsetSeconds: -3600)
        let times = [
            "2026-01-14T00:30:00Z", "2026-01-15T12:00:00Z", "2026-01-14T01:00:00Z", "2026-01-14T00:59:59Z",
        ]
        let days = times.map { resolver.day(of: Timestamp(iso8601: $0)!).description }
        #expect(days == ["2026-01-13", "2026-01-15", "2026-01-14", "2026-01-13"])
    }

    /// Whatever `TZ` the tests run under, the cached system resolver agrees with `localtime_r`.
    @Test func agreesWithTheSystemTimeZone() {
        var resolver = LocalDayResolver()
        var milliseconds = Timestamp(iso8601: "2025-01-01T00:00:00Z")!.milliseconds
        let end = Timestamp(iso8601: "2027-01-01T00:00:00Z")!.milliseconds
        var checked = 0
        while milliseconds < end {
            let timestamp = Timestamp(milliseconds: milliseconds)
            #expect(resolver.day(of: timestamp) == timestamp.local.date, "\(timestamp.iso8601)")
            milliseconds += 37 * 60_000 + 13_001
            checked += 1
        }
        #expect(checked > 20_000)
    }
}
