import SessionLogCore

/// The days a command covers, as given on the command line; resolved against "today" when run.
public enum DateRange: Equatable, Sendable {
    /// Today only (the default).
    case today
    /// Yesterday only.
    case yesterday
    /// Today and the 6 days before.
    case week
    /// Today and the 29 days before.
    case month
    /// Every day in the logs.
    case all
    /// One day: `--date`.
    case date(RelativeDate)
    /// `--since` and/or `--until`, both inclusive; a missing end is open.
    case span(since: RelativeDate?, until: RelativeDate?)

    /// The words `--range` accepts.
    public static let names = ["today", "yesterday", "week", "month", "all"]

    /// The range named by a `--range` word.
    public init?(name: String) {
        switch name {
        case "today": self = .today
        case "yesterday": self = .yesterday
        case "week": self = .week
        case "month": self = .month
        case "all": self = .all
        default: return nil
        }
    }

    /// The earliest day an open `--until` range starts at.
    public static let firstDay = CivilDate(year: 1970, month: 1, day: 1)

    /// The inclusive days covered when today is `today`; nil for all days.
    public func days(today: CivilDate) -> ClosedRange<CivilDate>? {
        switch self {
        case .today: today...today
        case .yesterday: today.adding(days: -1)...today.adding(days: -1)
        case .week: today.adding(days: -6)...today
        case .month: today.adding(days: -29)...today
        case .all: nil
        case .date(let day): day.resolve(today: today)...day.resolve(today: today)
        case .span(nil, nil): nil
        case .span(let since?, nil): since.resolve(today: today)...max(since.resolve(today: today), today)
        case .span(nil, let until?): DateRange.firstDay...until.resolve(today: today)
        case .span(let since?, let until?):
            since.resolve(today: today)...max(since.resolve(today: today), until.resolve(today: today))
        }
    }

    /// The range as `--json` names it: the `--range` word, the date (or `7d`), or `SINCE..UNTIL`.
    public var label: String {
        switch self {
        case .today: "today"
        case .yesterday: "yesterday"
        case .week: "week"
        case .month: "month"
        case .all: "all"
        case .date(let day): day.description
        case .span(let since, let until): (since?.description ?? "") + ".." + (until?.description ?? "")
        }
    }
}
