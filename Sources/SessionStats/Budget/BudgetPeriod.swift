import SessionLogCore

/// A budget's period: the same days as `--range today`, `week` and `month`.
public enum BudgetPeriod: Int, CaseIterable, Comparable, Sendable {
    /// Today.
    case daily
    /// Today and the 6 days before.
    case weekly
    /// Today and the 29 days before.
    case monthly

    /// How many days, today included.
    public var days: Int {
        switch self {
        case .daily: 1
        case .weekly: 7
        case .monthly: 30
        }
    }

    /// The days covered when today is `today`.
    public func range(today: CivilDate) -> ClosedRange<CivilDate> { today.adding(days: 1 - days)...today }

    /// The option that sets its limit.
    public var option: String {
        switch self {
        case .daily: "--daily"
        case .weekly: "--weekly"
        case .monthly: "--monthly"
        }
    }

    /// The environment variable that sets its limit when the option is not given.
    public var variable: String {
        switch self {
        case .daily: "CLAUDE_BUDGET_DAILY"
        case .weekly: "CLAUDE_BUDGET_WEEKLY"
        case .monthly: "CLAUDE_BUDGET_MONTHLY"
        }
    }

    /// `daily`, `weekly`, `monthly`.
    public var name: String {
        switch self {
        case .daily: "daily"
        case .weekly: "weekly"
        case .monthly: "monthly"
        }
    }

    /// How reports name the days: `today`, `in 7 days`, `in 30 days`.
    public var span: String {
        switch self {
        case .daily: "today"
        case .weekly: "in 7 days"
        case .monthly: "in 30 days"
        }
    }

    public static func < (lhs: BudgetPeriod, rhs: BudgetPeriod) -> Bool { lhs.rawValue < rhs.rawValue }
}
