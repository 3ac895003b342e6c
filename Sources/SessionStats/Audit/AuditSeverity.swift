/// How risky a finding is; `audit --fail-on` compares against it.
public enum AuditSeverity: Int, Comparable, CaseIterable, Sendable {
    /// Worth knowing, such as the sites fetched.
    case info
    /// Worth a look: elevated or broad actions that are often fine.
    case medium
    /// Credentials touched or data destroyed.
    case high

    /// The word reports and `--fail-on` use.
    public var name: String {
        switch self {
        case .info: "info"
        case .medium: "medium"
        case .high: "high"
        }
    }

    /// The severity a `--fail-on` word names.
    public init?(name: String) {
        guard let found = AuditSeverity.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    public static func < (lhs: AuditSeverity, rhs: AuditSeverity) -> Bool { lhs.rawValue < rhs.rawValue }
}
