import SessionLogCore

/// What search and the session index take from one transcript line: who wrote it, when, in which
/// session and folder, whether it is a title, and the text of its message by kind.
///
/// Strings stay tokens into the line's bytes; the caller decodes only the ones it needs.
struct TranscriptLine {
    /// The kinds of text a message holds.
    enum TextKind: Equatable, Sendable {
        /// What the user typed (a `user` line's text that is not a tool result).
        case prompt
        /// The assistant's text.
        case reply
        /// The assistant's thinking.
        case thinking
        /// A string inside a tool call's input.
        case toolInput
        /// A tool result's text.
        case toolOutput
    }

    /// Which of Claude Code's title lines a line is.
    enum TitleKind: Int, Comparable, Sendable {
        /// A `summary` line (older versions).
        case summary = 1
        /// An `ai-title` line.
        case ai = 2
        /// A `custom-title` line: the name the user gave with `/rename`.
        case custom = 3

        static func < (left: TitleKind, right: TitleKind) -> Bool { left.rawValue < right.rawValue }
    }

    /// `type` is `user`.
    var isUser = false
    /// `type` is `assistant`.
    var isAssistant = false
    /// `isMeta`: text Claude Code added, not typed.
    var isMeta = false
    /// `isSidechain`: a subagent's line, or an old `progress` line holding a subagent's message.
    var isSidechain = false
    /// `isCompactSummary`: the summary that replaces a compacted conversation.
    var isCompactSummary = false
    /// The line's time.
    var timestamp: Timestamp?
    /// `sessionId`.
    var sessionID: JSONStringToken?
    /// `cwd`.
    var cwd: JSONStringToken?
    /// A title line's kind and text.
    var title: (kind: TitleKind, text: JSONStringToken)?
    /// The message's texts, in order.
    var texts: [(kind: TextKind, token: JSONStringToken)] = []
    /// Whether tool inputs and results are skipped, not listed in `texts`, for a reader that never
    /// looks at them; kept by `reset()`.
    var skipsTools = false

    /// Empties the line for reuse, keeping the text list's storage.
    mutating func reset() {
        isUser = false
        isAssistant = false
        isMeta = false
        isSidechain = false
        isCompactSummary = false
        timestamp = nil
        sessionID = nil
        cwd = nil
        title = nil
        texts.removeAll(keepingCapacity: true)
    }

    /// Reads the object at the scanner's position (which must be `{`) into `self`.
    mutating func read(_ scanner: inout JSONScanner) throws(JSONScanError) {
        reset()
        var cursor = try scanner.enterObject()
        var isProgress = false
        var data = -1
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "type") {
                guard let token = try scanner.scanOptionalString() else { continue }
                isUser = scanner.matches(token, "user")
                isAssistant = scanner.matches(token, "assistant")
                isProgress = scanner.matches(token, "progress")
            } else if scanner.matches(key, "data") && scanner.peek() == UInt8(ascii: "{") {
                // Read after the object, when the line's type is known.
                data = scanner.offset
                try scanner.skipValue()
            } else if scanner.matches(key, "message") && scanner.peek() == UInt8(ascii: "{") {
                try readMessage(&scanner)
            } else if scanner.matches(key, "timestamp") {
                if let token = try scanner.scanOptionalString(), !token.hasEscapes {
                    timestamp = Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
                }
            } else if scanner.matches(key, "sessionId") {
                sessionID = try scanner.scanOptionalString()
            } else if scanner.matches(key, "cwd") {
                cwd = try scanner.scanOptionalString()
            } else if scanner.matches(key, "isMeta") {
                isMeta = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, "isSidechain") {
                isSidechain = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, "isCompactSummary") {
                isCompactSummary = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, "customTitle") {
                try readTitle(&scanner, .custom)
            } else if scanner.matches(key, "aiTitle") {
                try readTitle(&scanner, .ai)
            } else if scanner.matches(key, "summary") {
                try readTitle(&scanner, .summary)
            } else {
                try scanner.skipValue()
            }
        }
        if isProgress && data >= 0 {
            let after = scanner.offset
            scanner.offset = data
            try readProgress(&scanner)
            scanner.offset = after
        }
        // Only the title lines carry these keys at the top level; a stray one elsewhere is no title.
        if isUser || isAssistant { title = nil }
        if isAssistant {
            for index in texts.indices where texts[index].kind == .prompt { texts[index].kind = .reply }
        }
    }

    // Older versions logged a subagent's messages in the parent's transcript as `progress` lines:
    // `data` is `{"type": "agent_progress", "message": {"type": "user", "message": {…}, …}}`.
    private mutating func readProgress(_ scanner: inout JSONScanner) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        var isAgent = false
        var message = -1
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "type") {
                isAgent =
                    try scanner.scanOptionalString().map { scanner.matches($0, "agent_progress") } ?? false
            } else if scanner.matches(key, "message") && scanner.peek() == UInt8(ascii: "{") {
                message = scanner.offset
                try scanner.skipValue()
            } else {
                try scanner.skipValue()
            }
        }
        guard isAgent && message >= 0 else { return }
        scanner.offset = message
        var inner = try scanner.enterObject()
        while let key = try scanner.nextKey(&inner) {
            if scanner.matches(key, "type") {
                guard let token = try scanner.scanOptionalString() else { continue }
                isUser = scanner.matches(token, "user")
                isAssistant = scanner.matches(token, "assistant")
            } else if scanner.matches(key, "message") && scanner.peek() == UInt8(ascii: "{") {
                try readMessage(&scanner)
            } else {
                try scanner.skipValue()
            }
        }
        // A subagent's message, searched with `--subagents` like a subagent's own file.
        isSidechain = isUser || isAssistant
    }

    private mutating func readTitle(_ scanner: inout JSONScanner, _ kind: TitleKind) throws(JSONScanError) {
        if let token = try scanner.scanOptionalString(), token.end > token.start { title = (kind, token) }
    }

    // `message`: `content` is a string or a list of blocks; its `role` agrees with the line's type.
    private mutating func readMessage(_ scanner: inout JSONScanner) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "content") {
                // Nothing in the content depends on the keys around it: the line's type decides
                // whether its texts are prompts or replies once the whole line is read.
                try readContent(&scanner)
            } else {
                try scanner.skipValue()
            }
        }
    }

    private mutating func readContent(_ scanner: inout JSONScanner) throws(JSONScanError) {
        if scanner.peek() == UInt8(ascii: "\"") {
            texts.append((.prompt, try scanner.scanString()))
            return
        }
        guard scanner.peek() == UInt8(ascii: "[") else {
            try scanner.skipValue()
            return
        }
        try Self.forEachElement(&scanner) { (scanner: inout JSONScanner) throws(JSONScanError) in
            guard scanner.peek() == UInt8(ascii: "{") else {
                try scanner.skipValue()
                return
            }
            try readBlock(&scanner)
        }
    }

    // One content block: `text`, `thinking`, `tool_use` (its `input`) or `tool_result` (its `content`).
    // A tool's strings are collected as they come when the block's `type` came first (as Claude Code
    // writes it), else after the block.
    private mutating func readBlock(_ scanner: inout JSONScanner) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        var text: JSONStringToken?
        var thinking: JSONStringToken?
        var input = -1
        var content = -1
        var type: JSONStringToken?
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "type") {
                type = try scanner.scanOptionalString()
            } else if scanner.matches(key, "text") {
                text = try scanner.scanOptionalString()
            } else if scanner.matches(key, "thinking") {
                thinking = try scanner.scanOptionalString()
            } else if scanner.matches(key, "input") {
                if let type {
                    try readTool(&scanner, as: .toolInput, if: Self.isToolUse(type, scanner))
                } else {
                    input = scanner.offset
                    try scanner.skipValue()
                }
            } else if scanner.matches(key, "content") {
                if let type {
                    try readTool(&scanner, as: .toolOutput, if: scanner.matches(type, "tool_result"))
                } else {
                    content = scanner.offset
                    try scanner.skipValue()
                }
            } else {
                try scanner.skipValue()
            }
        }
        guard let type else { return }
        let after = scanner.offset
        defer { scanner.offset = after }
        if scanner.matches(type, "text"), let text {
            texts.append((.prompt, text))
        } else if scanner.matches(type, "thinking"), let thinking {
            texts.append((.thinking, thinking))
        } else if Self.isToolUse(type, scanner), input >= 0 {
            scanner.offset = input
            try readTool(&scanner, as: .toolInput, if: true)
        } else if scanner.matches(type, "tool_result"), content >= 0 {
            scanner.offset = content
            try readTool(&scanner, as: .toolOutput, if: true)
        }
    }

    private static func isToolUse(_ type: JSONStringToken, _ scanner: JSONScanner) -> Bool {
        scanner.matches(type, "tool_use") || scanner.matches(type, "server_tool_use")
    }

    // A tool's input or result: its strings when `wanted` and tools are read, else skipped.
    private mutating func readTool(_ scanner: inout JSONScanner, as kind: TextKind, if wanted: Bool)
        throws(JSONScanError)
    {
        if wanted && !skipsTools {
            try collectStrings(&scanner, as: kind)
        } else {
            try scanner.skipValue()
        }
    }

    // Every string value inside the value at the scanner (keys and a block's `type` excluded).
    private mutating func collectStrings(_ scanner: inout JSONScanner, as kind: TextKind)
        throws(JSONScanError)
    {
        switch scanner.peek() {
        case UInt8(ascii: "\""):
            texts.append((kind, try scanner.scanString()))
        case UInt8(ascii: "["):
            try Self.forEachElement(&scanner) { (scanner: inout JSONScanner) throws(JSONScanError) in
                try collectStrings(&scanner, as: kind)
            }
        case UInt8(ascii: "{"):
            var cursor = try scanner.enterObject()
            while let key = try scanner.nextKey(&cursor) {
                if scanner.matches(key, "type") {
                    try scanner.skipValue()
                } else {
                    try collectStrings(&scanner, as: kind)
                }
            }
        default:
            try scanner.skipValue()
        }
    }

    private static func forEachElement(
        _ scanner: inout JSONScanner, _ body: (inout JSONScanner) throws(JSONScanError) -> Void
    ) throws(JSONScanError) {
        scanner.offset += 1
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.offset += 1
            return
        }
        while true {
            try body(&scanner)
            guard let byte = scanner.peek() else { throw .unexpectedEnd(at: scanner.offset) }
            scanner.offset += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: scanner.offset - 1) }
        }
    }
}
