import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Local clock")
struct LocalClockTests {
    @Test("today and times follow the offset, not UTC")
    func offset() {
        let late = Timestamp(iso8601: "2026-11-22T23:30:00Z")!
        let east = LocalClock(now: late, fixedUTCOffset: 3600)
        #expect(east.today == CivilDate(year: 2026, month: 11, day: 23))
        #expect(east.time(late) == "00:30:00")
        #expect(east.dateTime(late) == "2026-11-23 00:30")
        let west = LocalClock(now: late, fixedUTCOffset: -8 * 3600)
        #expect(west.today == CivilDate(year: 2026, month: 11, day: 22))
        #expect(west.hourMinute(late) == "15:30")
    }

    @Test("the day resolver agrees with the clock")
    func resolver() {
        let clock = LocalClock(now: Timestamp(iso8601: "2026-11-22T23:30:00Z")!, fixedUTCOffset: 3600)
        var resolver = clock.dayResolver
        #expect(resolver.day(of: clock.now) == clock.today)
    }
}
