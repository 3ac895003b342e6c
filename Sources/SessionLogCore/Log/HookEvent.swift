/// A Claude Code hook event, as the hook receives it in `hook_event_name` and the log stores it in `event`.
///
/// The one vocabulary of event names for the hook, the log reader, rollups and settings registration.
/// Names this version does not know are kept as given, since Claude Code adds events.
public enum HookEvent: Hashable, Sendable, CustomStringConvertible {
    /// Before a tool runs.
    case preToolUse
    /// A tool call that succeeded.
    case postToolUse
    /// A tool call that failed.
    case postToolUseFailure
    /// A permission dialog was shown.
    case permissionRequest
    /// The user submitted a prompt.
    case userPromptSubmit
    /// Claude Code notified the user.
    case notification
    /// The main agent finished responding.
    case stop
    /// A subagent started.
    case subagentStart
    /// A subagent finished.
    case subagentStop
    /// Before the context is compacted.
    case preCompact
    /// A session started or resumed.
    case sessionStart
    /// A session ended.
    case sessionEnd
    /// A payload without `hook_event_name`, logged as `unknown`.
    case unknown
    /// Stdin that was not a hook payload, logged as `invalid`.
    case invalid
    /// Any other name, kept as given.
    case other(String)

    /// Every event with a name of its own, in the order Claude Code's documentation lists them.
    public static let named: [HookEvent] = [
        .preToolUse, .postToolUse, .postToolUseFailure, .permissionRequest, .userPromptSubmit, .notification,
        .stop, .subagentStart, .subagentStop, .preCompact, .sessionStart, .sessionEnd, .unknown, .invalid,
    ]

    /// The event called `name`.
    public init(name: String) {
        switch name {
        case "PreToolUse": self = .preToolUse
        case "PostToolUse": self = .postToolUse
        case "PostToolUseFailure": self = .postToolUseFailure
        case "PermissionRequest": self = .permissionRequest
        case "UserPromptSubmit": self = .userPromptSubmit
        case "Notification": self = .notification
        case "Stop": self = .stop
        case "SubagentStart": self = .subagentStart
        case "SubagentStop": self = .subagentStop
        case "PreCompact": self = .preCompact
        case "SessionStart": self = .sessionStart
        case "SessionEnd": self = .sessionEnd
        case "unknown": self = .unknown
        case "invalid": self = .invalid
        default: self = .other(name)
        }
    }

    /// The name in payloads, log lines and settings.json.
    public var name: String {
        switch self {
        case .preToolUse: "PreToolUse"
        case .postToolUse: "PostToolUse"
        case .postToolUseFailure: "PostToolUseFailure"
        case .permissionRequest: "PermissionRequest"
        case .userPromptSubmit: "UserPromptSubmit"
        case .notification: "Notification"
        case .stop: "Stop"
        case .subagentStart: "SubagentStart"
        case .subagentStop: "SubagentStop"
        case .preCompact: "PreCompact"
        case .sessionStart: "SessionStart"
        case .sessionEnd: "SessionEnd"
        case .unknown: "unknown"
        case .invalid: "invalid"
        case .other(let name): name
        }
    }

    public var description: String { name }

    /// Whether a line of this event is one tool call that ran: `PostToolUse` or `PostToolUseFailure`.
    public var isToolCall: Bool { self == .postToolUse || self == .postToolUseFailure }
}
