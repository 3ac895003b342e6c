/// A plan limit window Claude Code reports: the rolling 5-hour one and the weekly one.
public enum LimitKind: String, CaseIterable, Sendable {
    case fiveHour = "five_hour"
    case sevenDay = "seven_day"

    /// The window's length in seconds.
    public var seconds: Int { self == .fiveHour ? 5 * 3600 : 7 * 86_400 }

    /// `5-hour` or `7-day`.
    public var title: String { self == .fiveHour ? "5-hour" : "7-day" }

    /// The sparkline's cells: half-hours of a 5-hour window, half-days of a 7-day one.
    public var cells: Int { self == .fiveHour ? 10 : 14 }

    /// This limit's reading in `input`.
    func reading(_ input: StatusLineInput) -> StatusLineInput.RateLimit? {
        self == .fiveHour ? input.fiveHour : input.sevenDay
    }
}
