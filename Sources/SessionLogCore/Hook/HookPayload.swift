/// The fields of a Claude Code hook payload that the log keeps, read in one pass over stdin.
///
/// Unknown fields are skipped, fields of an unexpected type are ignored, and when the input
/// is not a well-formed object, what was read before the fault is kept and `problem` says why.
public struct HookPayload: Sendable {
    /// `hook_event_name`.
    public var event: String?
    /// `session_id`.
    public var sessionID: String?
    /// `transcript_path`.
    public var transcriptPath: String?
    /// `cwd`.
    public var cwd: String?
    /// `tool_name`.
    public var toolName: String?
    /// `tool_use_id`.
    public var toolUseID: String?
    /// `tool_input.file_path`.
    public var filePath: String?
    /// `tool_input.notebook_path`.
    public var notebookPath: String?
    /// `tool_input.path`.
    public var path: String?
    /// `tool_input.pattern`.
    public var pattern: String?
    /// `tool_input.command`.
    public var command: String?
    /// `tool_input.url`.
    public var url: String?
    /// `tool_input.query`.
    public var query: String?
    /// `tool_input.subagent_type`.
    public var subagentType: String?
    /// Characters of `tool_input`, as the token estimate counts them.
    public var toolInputCharacters = 0
    /// Characters of `tool_response`, without the members the model never reads (`originalFile`,
    /// `originalFileContents`, `structuredPatch`).
    public var toolResponseCharacters = 0
    /// `tool_response.interrupted`.
    public var responseInterrupted = false
    /// `is_interrupt`.
    public var isInterrupt = false
    /// `error`, when a string.
    public var error: String?
    /// Characters of `error`.
    public var errorCharacters = 0
    /// Characters of `prompt`.
    public var promptCharacters = 0
    /// `agent_id`: the subagent the call came from.
    public var agentID: String?
    /// `agent_type`.
    public var agentType: String?
    /// `duration_ms`.
    public var durationMS: Int?
    /// `source` (SessionStart).
    public var source: String?
    /// `model` (SessionStart), or its `id` when it is an object.
    public var model: String?
    /// `reason` (SessionEnd).
    public var reason: String?
    /// `trigger` (PreCompact).
    public var trigger: String?
    /// `notification_type` (Notification).
    public var notificationType: String?
    /// Why the input is not a well-formed JSON object, or nil when it is.
    public var problem: HookInputProblem?

    /// Creates an empty payload.
    public init() {}

    /// Reads a payload from the bytes of stdin.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> HookPayload {
        var payload = HookPayload()
        var scanner = JSONScanner(bytes)
        // One pass over the whole payload lets every string be counted without checking its UTF-8.
        scanner.knownValidUTF8 = UTF8Sequence.isValid(bytes)
        scanner.skipByteOrderMark()
        guard let first = scanner.peek() else {
            payload.problem = .empty
            return payload
        }
        guard first == ._openBrace else {
            payload.problem = .notAnObject
            return payload
        }
        do throws(JSONScanError) {
            try payload.readMembers(&scanner)
            if !scanner.isAtEnd() { payload.problem = .trailingData(at: scanner.offset) }
        } catch {
            payload.problem = .malformed(error)
        }
        return payload
    }

    private mutating func readMembers(_ scanner: inout JSONScanner) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            switch key.end - key.start {
            case 3 where scanner.matches(key, "cwd"): cwd = try string(&scanner)
            case 5 where scanner.matches(key, "error"):
                if scanner.peek() == ._quote {
                    let token = try scanner.scanString()
                    errorCharacters = token.characters
                    error = scanner.decode(token)
                } else {
                    errorCharacters = try scanner.skipValue()
                }
            case 5 where scanner.matches(key, "model"):
                if scanner.peekKind() == .object {
                    var inner = try scanner.enterObject()
                    while let innerKey = try scanner.nextKey(&inner) {
                        if scanner.matches(innerKey, "id") {
                            model = try string(&scanner)
                        } else {
                            try scanner.skipValue()
                        }
                    }
                } else {
                    model = try string(&scanner)
                }
            case 6 where scanner.matches(key, "prompt"): promptCharacters = try characters(&scanner)
            case 6 where scanner.matches(key, "source"): source = try string(&scanner)
            case 6 where scanner.matches(key, "reason"): reason = try string(&scanner)
            case 7 where scanner.matches(key, "trigger"): trigger = try string(&scanner)
            case 8 where scanner.matches(key, "agent_id"): agentID = try string(&scanner)
            case 9 where scanner.matches(key, "tool_name"): toolName = try string(&scanner)
            case 10 where scanner.matches(key, "session_id"): sessionID = try string(&scanner)
            case 10 where scanner.matches(key, "tool_input"): try readToolInput(&scanner)
            case 10 where scanner.matches(key, "agent_type"): agentType = try string(&scanner)
            case 11 where scanner.matches(key, "tool_use_id"): toolUseID = try string(&scanner)
            case 11 where scanner.matches(key, "duration_ms"): durationMS = try scanner.scanInteger()
            case 12 where scanner.matches(key, "is_interrupt"):
                isInterrupt = try scanner.scanOptionalBool() ?? false
            case 13 where scanner.matches(key, "tool_response"): try readToolResponse(&scanner)
            case 15 where scanner.matches(key, "hook_event_name"): event = try string(&scanner)
            case 15 where scanner.matches(key, "transcript_path"): transcriptPath = try string(&scanner)
            case 17 where scanner.matches(key, "notification_type"): notificationType = try string(&scanner)
            default: try scanner.skipValue()
            }
        }
    }

    private mutating func readToolInput(_ scanner: inout JSONScanner) throws(JSONScanError) {
        guard scanner.peekKind() == .object else {
            toolInputCharacters = try characters(&scanner)
            return
        }
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            guard scanner.peek() == ._quote else {
                cursor.compactCharacters += try scanner.skipValue()
                continue
            }
            let value = try scanner.scanString()
            cursor.compactCharacters += value.compactCharacters
            switch key.end - key.start {
            case 3 where scanner.matches(key, "url"): url = scanner.decode(value)
            case 4 where scanner.matches(key, "path"): path = scanner.decode(value)
            case 5 where scanner.matches(key, "query"): query = scanner.decode(value)
            case 7 where scanner.matches(key, "pattern"): pattern = scanner.decode(value)
            case 7 where scanner.matches(key, "command"): command = scanner.decode(value)
            case 9 where scanner.matches(key, "file_path"): filePath = scanner.decode(value)
            case 13 where scanner.matches(key, "notebook_path"): notebookPath = scanner.decode(value)
            case 13 where scanner.matches(key, "subagent_type"): subagentType = scanner.decode(value)
            default: break
            }
        }
        toolInputCharacters = cursor.compactCharacters
    }

    private mutating func readToolResponse(_ scanner: inout JSONScanner) throws(JSONScanError) {
        guard scanner.peekKind() == .object else {
            toolResponseCharacters = try characters(&scanner)
            return
        }
        // Counted here rather than by the cursor, so that left-out members take their key and comma along.
        var cursor = try scanner.enterObject()
        var kept = 0
        var memberCharacters = 0
        while let key = try scanner.nextKey(&cursor) {
            if isUnseenEditMember(scanner, key) {
                try scanner.skipValue()
                continue
            }
            kept += 1
            memberCharacters += key.compactCharacters + 1
            if scanner.matches(key, "interrupted") && scanner.peekKind() == .bool {
                let start = scanner.offset
                responseInterrupted = try scanner.scanLiteral() ?? false
                memberCharacters += scanner.offset - start
            } else {
                memberCharacters += try scanner.skipValue()
            }
        }
        toolResponseCharacters = 2 + max(kept - 1, 0) + memberCharacters
    }

    /// Whether a `tool_response` member is one the estimate leaves out: the file before the edit and the
    /// patch that Edit, Write and MultiEdit return for display, which the model never reads.
    @inline(__always)
    private func isUnseenEditMember(_ scanner: JSONScanner, _ key: JSONStringToken) -> Bool {
        // An escaped key is rare enough to decode; its name is what counts.
        if key.hasEscapes {
            let name = scanner.decode(key)
            return name == "originalFile" || name == "structuredPatch" || name == "originalFileContents"
        }
        switch key.end - key.start {
        case 12: return scanner.matches(key, "originalFile")
        case 15: return scanner.matches(key, "structuredPatch")
        case 20: return scanner.matches(key, "originalFileContents")
        default: return false
        }
    }

    /// A string value decoded, or nil (with the value skipped) for any other type.
    @inline(__always)
    private func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        guard let token = try scanner.scanOptionalString() else { return nil }
        return scanner.decode(token)
    }

    /// The characters a value counts for: a string's decoded text, else its compact JSON.
    @inline(__always)
    private func characters(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int {
        if scanner.peek() == ._quote { return try scanner.scanString().characters }
        return try scanner.skipValue()
    }
}

/// Why stdin could not be read as a hook payload.
public enum HookInputProblem: Equatable, Sendable {
    /// Stdin was empty or only whitespace.
    case empty
    /// Stdin held something other than a JSON object.
    case notAnObject
    /// The object was malformed or truncated.
    case malformed(JSONScanError)
    /// Something followed the object.
    case trailingData(at: Int)
    /// Stdin held more than the hook keeps; only the first `kept` of `total` bytes were read as JSON.
    case truncated(kept: Int, total: Int)

    /// A short lowercase message for the log line.
    public var message: String {
        switch self {
        case .empty: "empty input"
        case .notAnObject: "not a JSON object"
        case .malformed(let error): error.message
        case .trailingData(let at): "unexpected data after the object at byte \(at)"
        case .truncated(let kept, let total): "input truncated: kept the first \(kept) of \(total) bytes"
        }
    }
}
