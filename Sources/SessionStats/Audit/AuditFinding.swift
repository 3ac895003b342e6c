import SessionLogCore

/// One risky action found in the logs.
public struct AuditFinding: Sendable, Equatable {
    /// The rule that matched.
    public var rule: AuditRule
    /// What matched: the command, the file or the URL, shortened.
    public var match: String
    /// More about the match: the credential's kind, the session's cwd, or the fetched domain.
    public var detail: String?
    /// When the action was logged.
    public var timestamp: Timestamp
    /// The session; "" when the line had none.
    public var sessionID: String
    /// The project.
    public var project: String?
    /// The tool.
    public var tool: String?
    /// Where the line is, for looking it up.
    public var location: LogLocation?

    /// The rule's severity.
    public var severity: AuditSeverity { rule.severity }

    /// Creates a finding.
    public init(
        rule: AuditRule, match: String, detail: String? = nil, timestamp: Timestamp, sessionID: String,
        project: String? = nil, tool: String? = nil, location: LogLocation? = nil
    ) {
        self.rule = rule
        self.match = match
        self.detail = detail
        self.timestamp = timestamp
        self.sessionID = sessionID
        self.project = project
        self.tool = tool
        self.location = location
    }
}
