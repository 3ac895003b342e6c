import Testing

@testable import SessionLogCore

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("2000-02-29", 11_016), ("2026-11-22", 20_779), ("1969-12-31", -1),
    ])
    func convertsToAndFromDays(text: String, days: Int) throws {
        let date = try #require(CivilDate(text))
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-32",
    ])
    func rejectsImpossibleDates(text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test func walksEveryDayOfFourHundredYears() {
        var previous = CivilDate(daysSinceEpoch: -1)
        for days in 0..<(146_097) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date > previous)
            #expect(date.daysSinceEpoch == days)
            previous = date
        }
    }
}
