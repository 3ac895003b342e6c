import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Relative dates")
struct RelativeDateTests {
    static let today = CivilDate(year: 2026, month: 3, day: 2)

    @Test(
        "each accepted form resolves to the day it names",
        arguments: [
            ("today", "2026-03-02"), ("yesterday", "2026-03-01"), ("0d", "2026-03-02"), ("1d", "2026-03-01"),
            ("7d", "2026-02-23"), ("30d", "2026-01-31"), ("1w", "2026-02-23"), ("2w", "2026-02-16"),
            ("2026-01-14", "2026-01-14"), ("20260114", "2026-01-14"), ("2024-02-29", "2024-02-29"),
            ("20240229", "2024-02-29"),
        ])
    func resolves(text: String, day: String) throws {
        let date = try RelativeDate.parse(text).get()
        #expect(date.resolve(today: Self.today).description == day)
    }

    @Test(
        "texts in no accepted form",
        arguments: [
            "", "soon", "Today", "d", "w", "7", "-7d", "7D", "7 d", "7dd", "1.5d", "2026/01/14", "2026-1-14",
            "202601140", "2026011", "26-01-14", "2026-01-14T00:00", "１d", "99999999d",
        ])
    func rejects(text: String) {
        #expect(RelativeDate.parse(text) == .failure(.notADate))
    }

    @Test(
        "dates in the right form that name no day",
        arguments: [
            "2026-02-30", "20260230", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "20260100",
        ])
    func noSuchDay(text: String) {
        #expect(RelativeDate.parse(text) == .failure(.noSuchDay))
    }

    @Test("descriptions name relative days as typed, weeks in days")
    func descriptions() throws {
        #expect(try RelativeDate.parse("today").get().description == "today")
        #expect(try RelativeDate.parse("yesterday").get().description == "yesterday")
        #expect(try RelativeDate.parse("2w").get().description == "14d")
        #expect(try RelativeDate.parse("20260114").get().description == "2026-01-14")
    }
}
