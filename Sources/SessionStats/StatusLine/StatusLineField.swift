/// A named field of the status line, written `{name}` in a `--format` template.
public enum StatusLineField: String, CaseIterable, Sendable {
    case model
    case context
    case sessionCost = "session_cost"
    case todayCost = "today_cost"
    case fiveHour = "five_hour"
    case sevenDay = "seven_day"
    case budget
    case ops
    case spendLimit = "spend_limit"

    /// What the field shows, for the help; every field is left out (with the separator before it)
    /// when it has nothing to show.
    public var summary: String {
        switch self {
        case .model: "the model's display name (else its id): Opus 4.5"
        case .context: "context window used, from Claude Code: ctx 42%"
        case .sessionCost:
            "this session's cost: Claude Code's figure, else ours from the activity log marked ~: $1.23 session"
        case .todayCost:
            "today's exact spend across sessions from the usage ledger ($12.40 today; +? when a model could not be priced); ~ marks the activity-log estimate when the ledger has no file for today: ~$18.40 today"
        case .fiveHour: "5-hour plan limit used and time to its reset (Pro/Max): 5h 23% (2h10m)"
        case .sevenDay: "7-day plan limit used and time to its reset (Pro/Max): 7d 41% (3d4h)"
        case .budget: "what is left of CLAUDE_BUDGET_DAILY today, or how far over: budget $6.60 left"
        case .ops: "tool calls logged today: 1,204 ops"
        case .spendLimit: "extra-usage spend against its cap, when Claude Code sends it: extra $3.20/$50.00"
        }
    }
}
