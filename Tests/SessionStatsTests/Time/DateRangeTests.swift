import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Date ranges")
struct DateRangeTests {
    static let today = CivilDate(year: 2026, month: 3, day: 2)

    static func day(_ text: String) -> CivilDate { CivilDate(text)! }
    static func given(_ text: String) -> RelativeDate { .day(CivilDate(text)!) }

    @Test("named ranges end today; week is 7 days and month 30, across month ends")
    func named() {
        #expect(DateRange.today.days(today: Self.today) == Self.today...Self.today)
        #expect(
            DateRange.yesterday.days(today: Self.today) == Self.day("2026-03-01")...Self.day("2026-03-01"))
        #expect(DateRange.week.days(today: Self.today) == Self.day("2026-02-24")...Self.today)
        #expect(DateRange.month.days(today: Self.today) == Self.day("2026-02-01")...Self.today)
        #expect(DateRange.all.days(today: Self.today) == nil)
    }

    @Test("--date, --since and --until are inclusive")
    func explicit() {
        let day = Self.day("2026-01-14")
        let given = Self.given("2026-01-14")
        #expect(DateRange.date(given).days(today: Self.today) == day...day)
        #expect(DateRange.span(since: given, until: nil).days(today: Self.today) == day...Self.today)
        #expect(DateRange.span(since: nil, until: given).days(today: Self.today) == DateRange.firstDay...day)
        #expect(
            DateRange.span(since: given, until: Self.given("2026-01-20")).days(today: Self.today)
                == day...Self.day("2026-01-20"))
        #expect(
            DateRange.date(.daysAgo(7)).days(today: Self.today) == Self.day(
                "2026-02-23")...Self.day("2026-02-23"))
        #expect(
            DateRange.span(since: .daysAgo(14), until: .daysAgo(1)).days(today: Self.today) == Self.day(
                "2026-02-16")...Self.day("2026-03-01"))
        #expect(DateRange.span(since: nil, until: nil).days(today: Self.today) == nil)
    }

    @Test("labels for --json")
    func labels() {
        #expect(DateRange.week.label == "week")
        #expect(DateRange.date(Self.given("2026-01-14")).label == "2026-01-14")
        #expect(DateRange.span(since: Self.given("2026-01-14"), until: nil).label == "2026-01-14..")
        #expect(DateRange.span(since: .daysAgo(7), until: .daysAgo(1)).label == "7d..yesterday")
        #expect(DateRange(name: "fortnight") == nil)
        #expect(DateRange.names.allSatisfy { DateRange(name: $0)?.label == $0 })
    }
}
