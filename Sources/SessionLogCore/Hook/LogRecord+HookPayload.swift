/// Building a log line from what the hook received.
extension LogRecord {
    /// The most characters of a command the log keeps.
    public static let commandLimit = 500
    /// The most characters of an error's first line the log keeps.
    public static let errorLimit = 200
    /// The most UTF-8 bytes of any text field the log keeps, clip mark included, so that no payload can
    /// write a line longer than readers accept (a 17 MB URL once did).
    public static let fieldByteLimit = 4096
    /// How much of a field redaction and line splitting look at: enough that a secret cut at the window's
    /// end lies past ``fieldByteLimit`` and is dropped with the rest.
    static let scanWindow = 64 << 10

    /// The record for one hook run: the payload, the environment and the time it ran.
    public init(payload: HookPayload, environment: HookEnvironment, timestamp: Timestamp, inputBytes: Int) {
        let isValid = payload.problem == nil
        self.init(
            timestamp: timestamp,
            event: isValid ? LogRecord.field(payload.event).map(HookEvent.init(name:)) ?? .unknown : .invalid)
        sessionID = LogRecord.field(environment.sessionID ?? payload.sessionID)
        cwd = LogRecord.field(payload.cwd)
        // A plain chain rather than a lazy collection, whose generic types cost the hook's start-up.
        project = LogRecord.field(
            environment.projectDirectory.flatMap(TextClipping.baseName)
                ?? payload.cwd.flatMap(TextClipping.baseName)
                ?? environment.workingDirectory.flatMap(TextClipping.baseName))
        tool = LogRecord.field(payload.toolName)
        toolUseID = LogRecord.field(payload.toolUseID)
        file = LogRecord.field(payload.filePath ?? payload.notebookPath)
        path = LogRecord.field(payload.path)
        pattern = LogRecord.field(payload.pattern, redacting: true)
        if let command = payload.command, payload.toolName == "Bash" || payload.toolName == "PowerShell" {
            self.command = LogRecord.field(command, redacting: true, characters: LogRecord.commandLimit)
        }
        if payload.toolName == "WebFetch" { url = LogRecord.field(payload.url, redacting: true) }
        if payload.toolName == "WebSearch" { query = LogRecord.field(payload.query, redacting: true) }
        if payload.toolName == "Task" || payload.toolName == "Agent" {
            agent = LogRecord.field(payload.subagentType)
        }
        if let tool = payload.toolName, tool.hasPrefix("mcp__") {
            let rest = tool.dropFirst(5)
            let server = rest.firstRange(of: "__").map { rest[..<$0.lowerBound] } ?? rest
            mcpServer = server.isEmpty ? nil : LogRecord.field(String(server))
        }
        subagentID = LogRecord.field(payload.agentID)
        subagentType = LogRecord.field(payload.agentType)
        durationMS = payload.durationMS
        if payload.responseInterrupted || payload.isInterrupt { interrupted = true }
        tags = environment.tags
        guard isValid else {
            bytes = inputBytes
            inputError = payload.problem?.message
            return
        }
        switch event {
        case .postToolUse:
            success = true
            inputTokens = LogRecord.tokens(payload.toolInputCharacters)
            outputTokens = LogRecord.tokens(payload.toolResponseCharacters)
        case .postToolUseFailure:
            success = false
            inputTokens = LogRecord.tokens(payload.toolInputCharacters)
            outputTokens = LogRecord.tokens(payload.errorCharacters)
            error = payload.error.flatMap {
                let line = TextClipping.firstLine(
                    TextClipping.strippingANSI(TextClipping.utf8Prefix($0, bytes: LogRecord.scanWindow)))
                return LogRecord.field(line, redacting: true, characters: LogRecord.errorLimit)
            }
        case .userPromptSubmit:
            inputTokens = LogRecord.tokens(payload.promptCharacters)
        case .sessionStart:
            source = LogRecord.field(payload.source)
            model = LogRecord.field(payload.model)
            transcriptPath = LogRecord.field(payload.transcriptPath)
            user = LogRecord.field(environment.user)
            host = LogRecord.field(environment.host)
        case .sessionEnd:
            reason = LogRecord.field(payload.reason)
        case .preCompact:
            trigger = LogRecord.field(payload.trigger)
        case .notification:
            notificationType = LogRecord.field(payload.notificationType)
        default:
            break
        }
        if !environment.estimateTokens {
            inputTokens = 0
            outputTokens = 0
        }
    }

    /// A text field as the log keeps it: redacted when it can carry secrets, cut to `characters` when
    /// given, and never longer than ``fieldByteLimit`` bytes of UTF-8, with a clip mark when cut.
    static func field(_ text: String?, redacting: Bool = false, characters: Int? = nil) -> String? {
        guard let text else { return nil }
        let size = text.utf8.count
        // Short fields, nearly all of them, skip every step but the redaction scan.
        if size <= LogRecord.fieldByteLimit, size <= characters ?? size {
            return redacting ? Redactor.redact(text) : text
        }
        let windowCut = size > LogRecord.scanWindow
        var value = windowCut ? TextClipping.utf8Prefix(text, bytes: LogRecord.scanWindow) : text
        if redacting { value = Redactor.redact(value) }
        if let characters {
            // The mark counts towards the limit, so a clipped command is still at most `characters` long;
            // one walk over the characters finds both where the head ends and whether anything follows.
            let mark = TextClipping.clipMark(originalBytes: size)
            let headEnd =
                value.index(value.startIndex, offsetBy: characters - mark.count, limitedBy: value.endIndex)
                ?? value.endIndex
            let limitEnd = value.index(headEnd, offsetBy: mark.count, limitedBy: value.endIndex)
            if windowCut || limitEnd == nil || limitEnd! < value.endIndex {
                let head = String(value[..<headEnd])
                return TextClipping.utf8Prefix(head, bytes: LogRecord.fieldByteLimit - mark.utf8.count) + mark
            }
        }
        return TextClipping.clipped(
            value, bytes: LogRecord.fieldByteLimit, originalBytes: size, wasCut: windowCut)
    }

    /// The token estimate for a count of characters: four characters a token, rounded up.
    @inline(__always)
    public static func tokens(_ characters: Int) -> Int { (characters + 3) / 4 }
}
