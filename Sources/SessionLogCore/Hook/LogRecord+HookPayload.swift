/// Building a log line from what the hook received.
extension LogRecord {
    /// The most characters of a command the log keeps.
    public static let commandLimit = 500
    /// The most characters of an error's first line the log keeps.
    public static let errorLimit = 200

    /// The record for one hook run: the payload, the environment and the time it ran.
    public init(payload: HookPayload, environment: HookEnvironment, timestamp: Timestamp, inputBytes: Int) {
        let isValid = payload.problem == nil
        self.init(
            timestamp: timestamp, event: isValid ? (payload.event ?? "unknown") : LogRecord.invalidEvent)
        sessionID = environment.sessionID ?? payload.sessionID
        cwd = payload.cwd
        // A plain chain rather than a lazy collection, whose generic types cost the hook's start-up.
        project =
            environment.projectDirectory.flatMap(TextClipping.baseName)
            ?? payload.cwd.flatMap(TextClipping.baseName)
            ?? environment.workingDirectory.flatMap(TextClipping.baseName)
        tool = payload.toolName
        toolUseID = payload.toolUseID
        file = payload.filePath ?? payload.notebookPath
        path = payload.path
        pattern = payload.pattern
        if let command = payload.command, tool == "Bash" || tool == "PowerShell" {
            self.command = TextClipping.prefix(Redactor.redact(command), characters: LogRecord.commandLimit)
        }
        if tool == "WebFetch" { url = payload.url.map(Redactor.redact) }
        if tool == "WebSearch" { query = payload.query }
        if tool == "Task" || tool == "Agent" { agent = payload.subagentType }
        if let tool, tool.hasPrefix("mcp__") {
            let rest = tool.dropFirst(5)
            let server = rest.firstRange(of: "__").map { rest[..<$0.lowerBound] } ?? rest
            mcpServer = server.isEmpty ? nil : String(server)
        }
        subagentID = payload.agentID
        subagentType = payload.agentType
        durationMS = payload.durationMS
        if payload.responseInterrupted || payload.isInterrupt { interrupted = true }
        tags = environment.tags
        guard isValid else {
            bytes = inputBytes
            inputError = payload.problem?.message
            return
        }
        switch event {
        case "PostToolUse":
            success = true
            inputTokens = LogRecord.tokens(payload.toolInputCharacters)
            outputTokens = LogRecord.tokens(payload.toolResponseCharacters)
        case "PostToolUseFailure":
            success = false
            inputTokens = LogRecord.tokens(payload.toolInputCharacters)
            outputTokens = LogRecord.tokens(payload.errorCharacters)
            error = payload.error.map {
                TextClipping.prefix(
                    TextClipping.firstLine(TextClipping.strippingANSI($0)), characters: LogRecord.errorLimit)
            }
        case "UserPromptSubmit":
            inputTokens = LogRecord.tokens(payload.promptCharacters)
        case "SessionStart":
            source = payload.source
            model = payload.model
            transcriptPath = payload.transcriptPath
            user = environment.user
            host = environment.host
        case "SessionEnd":
            reason = payload.reason
        case "PreCompact":
            trigger = payload.trigger
        case "Notification":
            notificationType = payload.notificationType
        default:
            break
        }
        if !environment.estimateTokens {
            inputTokens = 0
            outputTokens = 0
        }
    }

    /// The token estimate for a count of characters: four characters a token, rounded up.
    @inline(__always)
    public static func tokens(_ characters: Int) -> Int { (characters + 3) / 4 }
}
