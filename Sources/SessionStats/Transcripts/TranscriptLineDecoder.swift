import SessionLogCore

/// Finds the API request in one line of a Claude Code transcript, if it holds one, in a single pass.
///
/// A request is an `assistant` line with `message.usage`, or an old `progress` line whose
/// `data.message` nests such a line (a subagent's request, streamed into the parent's file).
/// Everything else (prompts, tool results, snapshots, titles) is skipped without decoding.
public struct TranscriptLineDecoder {
    /// What one line turned out to be.
    public enum Line: Equatable, Sendable {
        /// An API request with its usage.
        case request(UsageRecord)
        /// A line that records no request.
        case other
        /// A request Claude Code made up (`<synthetic>` model): an error or an interruption, never billed.
        case synthetic
        /// A request line that cannot be used: no timestamp, session or model, or impossible counts.
        case invalid
        /// A user message or a compaction: what enters a chain's context before its next request.
        case context(TranscriptContext)
    }

    private var interner = StringInterner()

    /// Creates a decoder.
    public init() {}

    /// Decodes the JSON value that starts at `start`, reading no further than `end`; returns what it
    /// is and the offset just after it. Throws when it is not well-formed JSON or is cut off.
    ///
    /// A line can hold two objects when a write lost its newline, so the caller calls this until the line ends.
    public mutating func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int
    ) throws(JSONScanError) -> (line: Line, next: Int) {
        var scanner = JSONScanner(bytes, start: start, end: end)
        guard scanner.peek() == UInt8(ascii: "{") else {
            // Valid JSON that is not an object holds no request.
            try scanner.skipValue()
            return (.other, scanner.offset)
        }
        var envelope = Envelope()
        try readEnvelope(&scanner, into: &envelope, nested: false)
        return (envelope.line(interner: &interner, bytes: bytes), scanner.offset)
    }

    /// The fields of a transcript line (or of a progress line's nested message) that make a request.
    struct Envelope {
        var type: JSONStringToken?
        var isAssistant = false
        var isProgress = false
        var timestamp: Timestamp?
        var sessionID: JSONStringToken?
        var cwd: JSONStringToken?
        var requestID: JSONStringToken?
        var isSidechain = false
        var agentID: JSONStringToken?
        var messageID: JSONStringToken?
        var model: JSONStringToken?
        var hasUsage = false
        var impossible = false
        var tokens = UsageTokens()
        var cacheCreationTotal = 0
        var hasCacheSplit = false
        var split5m = 0
        var split1h = 0
        var webSearch = 0
        var speed: JSONStringToken?
        var geo: JSONStringToken?
        var toolUseIDs: [JSONStringToken] = []
        var skill: JSONStringToken?
        var plugin: JSONStringToken?
        var mcpServer: JSONStringToken?
        var mcpTool: JSONStringToken?
        var attributionAgent: JSONStringToken?
        // `message.diagnostics.cache_miss_reason`.
        var missReason: JSONStringToken?
        var missedTokens = 0
        // Sizes for attribution: the response's blocks, or a user message's.
        var isUser = false
        var isCompaction = false
        var toolInputChars: [Int] = []
        var textChars = 0
        var thinkingChars = 0
        var results: [(id: JSONStringToken, chars: Int)] = []
        // A progress line's nested assistant line and the agent id beside it.
        var nested: [Envelope] = []
        var dataAgentID: JSONStringToken?
        // A user line's `toolUseResult.agentId`: the subagent its Task or Agent call started.
        var startedAgentID: JSONStringToken?
    }

    private mutating func readEnvelope(
        _ scanner: inout JSONScanner, into envelope: inout Envelope, nested: Bool
    ) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "type") {
                if let token = try scanner.scanOptionalString() {
                    envelope.isAssistant = scanner.matches(token, "assistant")
                    envelope.isProgress = scanner.matches(token, "progress")
                    envelope.isUser = scanner.matches(token, "user")
                }
            } else if scanner.matches(key, "subtype") {
                if let token = try scanner.scanOptionalString(), scanner.matches(token, "compact_boundary") {
                    envelope.isCompaction = true
                }
            } else if scanner.matches(key, "isCompactSummary") {
                if try scanner.scanOptionalBool() == true { envelope.isCompaction = true }
            } else if scanner.matches(key, "message") {
                if scanner.peek() == UInt8(ascii: "{") {
                    try readMessage(&scanner, into: &envelope)
                } else {
                    try scanner.skipValue()
                }
            } else if scanner.matches(key, "timestamp") {
                if let token = try scanner.scanOptionalString(), !token.hasEscapes {
                    envelope.timestamp = Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
                }
            } else if scanner.matches(key, "sessionId") {
                envelope.sessionID = try scanner.scanOptionalString()
            } else if scanner.matches(key, "cwd") {
                envelope.cwd = try scanner.scanOptionalString()
            } else if scanner.matches(key, "requestId") {
                envelope.requestID = try scanner.scanOptionalString()
            } else if scanner.matches(key, "isSidechain") {
                envelope.isSidechain = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, "agentId") {
                envelope.agentID = try scanner.scanOptionalString()
            } else if scanner.matches(key, "attributionSkill") {
                envelope.skill = try scanner.scanOptionalString()
            } else if scanner.matches(key, "attributionPlugin") {
                envelope.plugin = try scanner.scanOptionalString()
            } else if scanner.matches(key, "attributionMcpServer") {
                envelope.mcpServer = try scanner.scanOptionalString()
            } else if scanner.matches(key, "attributionMcpTool") {
                envelope.mcpTool = try scanner.scanOptionalString()
            } else if scanner.matches(key, "attributionAgent") {
                envelope.attributionAgent = try scanner.scanOptionalString()
            } else if scanner.matches(key, "toolUseResult") && scanner.peek() == UInt8(ascii: "{") {
                var inner = try scanner.enterObject()
                while let key = try scanner.nextKey(&inner) {
                    if scanner.matches(key, "agentId") {
                        envelope.startedAgentID = try scanner.scanOptionalString()
                    } else {
                        try scanner.skipValue()
                    }
                }
            } else if !nested && scanner.matches(key, "data") && scanner.peek() == UInt8(ascii: "{") {
                try readProgressData(&scanner, into: &envelope)
            } else {
                try scanner.skipValue()
            }
        }
    }

    // `data` of a progress line: `{"message": {<assistant line>}, "agentId": ...}`.
    private mutating func readProgressData(
        _ scanner: inout JSONScanner, into envelope: inout Envelope
    ) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "message") && scanner.peek() == UInt8(ascii: "{") {
                var inner = Envelope()
                try readEnvelope(&scanner, into: &inner, nested: true)
                envelope.nested = [inner]
            } else if scanner.matches(key, "agentId") {
                envelope.dataAgentID = try scanner.scanOptionalString()
            } else {
                try scanner.skipValue()
            }
        }
    }

    // The API message: id, model, usage and the ids of its tool_use blocks.
    private mutating func readMessage(
        _ scanner: inout JSONScanner, into envelope: inout Envelope
    ) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "id") {
                envelope.messageID = try scanner.scanOptionalString()
            } else if scanner.matches(key, "model") {
                envelope.model = try scanner.scanOptionalString()
            } else if scanner.matches(key, "usage") && scanner.peek() == UInt8(ascii: "{") {
                envelope.hasUsage = true
                try readUsage(&scanner, into: &envelope)
            } else if scanner.matches(key, "content") && scanner.peek() == UInt8(ascii: "[") {
                try readContent(&scanner, into: &envelope)
            } else if scanner.matches(key, "diagnostics") && scanner.peek() == UInt8(ascii: "{") {
                try readDiagnostics(&scanner, into: &envelope)
            } else if scanner.matches(key, "content") && scanner.peek() == UInt8(ascii: "\"") {
                envelope.textChars += try scanner.scanString().characters
            } else {
                try scanner.skipValue()
            }
        }
    }

    // `diagnostics`: `{"cache_miss_reason": {"type": ..., "cache_missed_input_tokens": N}}`.
    private mutating func readDiagnostics(
        _ scanner: inout JSONScanner, into envelope: inout Envelope
    ) throws(JSONScanError) {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            guard scanner.matches(key, "cache_miss_reason") && scanner.peek() == UInt8(ascii: "{") else {
                try scanner.skipValue()
                continue
            }
            var inner = try scanner.enterObject()
            while let key = try scanner.nextKey(&inner) {
                if scanner.matches(key, "type") {
                    envelope.missReason = try scanner.scanOptionalString()
                } else if scanner.matches(key, "cache_missed_input_tokens") {
                    // A diagnostic, not a bill: a bad count is 0, never an impossible request.
                    envelope.missedTokens = max(try scanner.scanInteger() ?? 0, 0)
                } else {
                    try scanner.skipValue()
                }
            }
        }
    }

    private mutating func readUsage(_ scanner: inout JSONScanner, into envelope: inout Envelope)
        throws(JSONScanError)
    {
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "input_tokens") {
                envelope.tokens.input = try count(&scanner, &envelope)
            } else if scanner.matches(key, "output_tokens") {
                envelope.tokens.output = try count(&scanner, &envelope)
            } else if scanner.matches(key, "cache_creation_input_tokens") {
                envelope.cacheCreationTotal = try count(&scanner, &envelope)
            } else if scanner.matches(key, "cache_read_input_tokens") {
                envelope.tokens.cacheRead = try count(&scanner, &envelope)
            } else if scanner.matches(key, "cache_creation") && scanner.peek() == UInt8(ascii: "{") {
                envelope.hasCacheSplit = true
                var inner = try scanner.enterObject()
                while let key = try scanner.nextKey(&inner) {
                    if scanner.matches(key, "ephemeral_5m_input_tokens") {
                        envelope.split5m = try count(&scanner, &envelope)
                    } else if scanner.matches(key, "ephemeral_1h_input_tokens") {
                        envelope.split1h = try count(&scanner, &envelope)
                    } else {
                        try scanner.skipValue()
                    }
                }
            } else if scanner.matches(key, "server_tool_use") && scanner.peek() == UInt8(ascii: "{") {
                var inner = try scanner.enterObject()
                while let key = try scanner.nextKey(&inner) {
                    if scanner.matches(key, "web_search_requests") {
                        envelope.webSearch = try count(&scanner, &envelope)
                    } else {
                        try scanner.skipValue()
                    }
                }
            } else if scanner.matches(key, "speed") {
                envelope.speed = try scanner.scanOptionalString()
            } else if scanner.matches(key, "inference_geo") {
                envelope.geo = try scanner.scanOptionalString()
            } else {
                try scanner.skipValue()
            }
        }
    }

    private mutating func readContent(
        _ scanner: inout JSONScanner, into envelope: inout Envelope
    ) throws(JSONScanError) {
        scanner.offset += 1
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.offset += 1
            return
        }
        while true {
            if scanner.peek() == UInt8(ascii: "{") {
                try readBlock(&scanner, into: &envelope)
            } else {
                try scanner.skipValue()
            }
            guard let byte = scanner.peek() else { throw .unexpectedEnd(at: scanner.offset) }
            scanner.offset += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: scanner.offset - 1) }
        }
    }

    // One content block: a tool_use's id and input size, a tool_result's id and content size, a
    // text or thinking block's characters.
    private mutating func readBlock(
        _ scanner: inout JSONScanner, into envelope: inout Envelope
    ) throws(JSONScanError) {
        var kind: JSONStringToken?
        var id: JSONStringToken?
        var toolUseID: JSONStringToken?
        var inputChars = 0
        var contentChars = 0
        var textChars = 0
        var thinkingChars = 0
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "type") {
                kind = try scanner.scanOptionalString()
            } else if scanner.matches(key, "id") {
                id = try scanner.scanOptionalString()
            } else if scanner.matches(key, "tool_use_id") {
                toolUseID = try scanner.scanOptionalString()
            } else if scanner.matches(key, "input") {
                inputChars = try scanner.skipValue()
            } else if scanner.matches(key, "content") {
                contentChars = try scanner.skipValue()
            } else if scanner.matches(key, "text"), scanner.peek() == UInt8(ascii: "\"") {
                textChars = try scanner.scanString().characters
            } else if scanner.matches(key, "thinking"), scanner.peek() == UInt8(ascii: "\"") {
                thinkingChars = try scanner.scanString().characters
            } else {
                try scanner.skipValue()
            }
        }
        guard let kind else { return }
        if scanner.matches(kind, "tool_use"), let id {
            envelope.toolUseIDs.append(id)
            envelope.toolInputChars.append(inputChars)
        } else if scanner.matches(kind, "tool_result"), let toolUseID {
            envelope.results.append((toolUseID, contentChars))
        } else if scanner.matches(kind, "text") {
            envelope.textChars += textChars
        } else if scanner.matches(kind, "thinking") {
            envelope.thinkingChars += thinkingChars
        }
    }

    // A count that is not a non-negative integer makes the request impossible.
    private func count(_ scanner: inout JSONScanner, _ envelope: inout Envelope) throws(JSONScanError) -> Int
    {
        if scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.scanLiteral()
            return 0
        }
        guard let value = try scanner.scanInteger(), value >= 0 else {
            envelope.impossible = true
            return 0
        }
        return value
    }
}

extension TranscriptLineDecoder.Envelope {
    /// What the line amounts to, with its strings decoded.
    func line(interner: inout StringInterner, bytes: UnsafeBufferPointer<UInt8>) -> TranscriptLineDecoder.Line
    {
        if isProgress, let inner = nested.first {
            if inner.isUser {
                // A subagent's user message, streamed into its parent's file.
                var merged = inner
                merged.isSidechain = true
                merged.agentID = inner.agentID ?? dataAgentID
                return merged.line(interner: &interner, bytes: bytes)
            }
            guard inner.isAssistant, inner.hasUsage else { return .other }
            // The nested line lacks the parent's session and directory; it is always a subagent's.
            var merged = inner
            merged.sessionID = inner.sessionID ?? sessionID
            merged.cwd = inner.cwd ?? cwd
            merged.timestamp = inner.timestamp ?? timestamp
            merged.isSidechain = true
            merged.agentID = inner.agentID ?? dataAgentID
            return merged.line(interner: &interner, bytes: bytes)
        }
        let scanner = JSONScanner(bytes)
        if isCompaction || (isUser && !isAssistant) {
            var context = TranscriptContext()
            context.agentID = agentID.map { interner.string($0, in: scanner) }
            context.isSidechain = isSidechain
            context.compacted = isCompaction
            // A compaction's summary is part of the new context's setup, not a prompt.
            if !isCompaction {
                context.promptChars = textChars
                context.results = results.map { .init(id: scanner.decode($0.id), chars: $0.chars) }
                // `toolUseResult` describes the line's one result; with several it names none.
                if results.count == 1, let started = startedAgentID {
                    context.results[0].agentID = interner.string(started, in: scanner)
                }
            }
            return .context(context)
        }
        guard isAssistant, hasUsage else { return .other }
        let model = model.map { interner.string($0, in: scanner) }
        if model == "<synthetic>" { return .synthetic }
        guard let timestamp, let sessionID, let model, !model.isEmpty, !impossible else { return .invalid }
        var tokens = tokens
        if hasCacheSplit {
            tokens.cacheWrite5m = split5m
            tokens.cacheWrite1h = split1h
            // A split that does not add up to the total (never seen) keeps the total, the rest as 5-minute.
            if split5m + split1h < cacheCreationTotal { tokens.cacheWrite5m = cacheCreationTotal - split1h }
        } else {
            tokens.cacheWrite5m = cacheCreationTotal
        }
        var record = UsageRecord(
            timestamp: timestamp, sessionID: interner.string(sessionID, in: scanner),
            cwd: cwd.map { interner.string($0, in: scanner) } ?? "", model: model,
            messageID: messageID.map { scanner.decode($0) }, requestID: requestID.map { scanner.decode($0) },
            tokens: tokens)
        record.webSearchRequests = webSearch
        record.speed = speed.map { interner.string($0, in: scanner) }
        record.inferenceGeo = geo.map { interner.string($0, in: scanner) }
        record.isSidechain = isSidechain
        record.agentID = agentID.map { interner.string($0, in: scanner) }
        record.toolUseIDs = toolUseIDs.map { scanner.decode($0) }
        record.pieces.isKnown = true
        record.pieces.toolInputChars = toolInputChars
        record.pieces.textChars = textChars
        record.pieces.thinkingChars = thinkingChars
        record.attribution = UsageAttribution(
            skill: skill.map { scanner.decode($0) }, plugin: plugin.map { scanner.decode($0) },
            mcpServer: mcpServer.map { scanner.decode($0) }, mcpTool: mcpTool.map { scanner.decode($0) },
            agent: attributionAgent.map { scanner.decode($0) })
        if let missReason {
            record.cacheMiss = UsageCacheMiss(
                reason: interner.string(missReason, in: scanner), missedTokens: missedTokens)
        }
        if record.sessionID.isEmpty { return .invalid }
        return .request(record)
    }
}

/// What a user line or a compaction adds to its chain's context before the chain's next request.
public struct TranscriptContext: Equatable, Sendable {
    /// The subagent's id, when the line is a subagent's.
    public var agentID: String?
    /// Whether the line is on a side chain.
    public var isSidechain = false
    /// The characters of the message's text (a typed prompt, command output, a reminder).
    public var promptChars = 0
    /// The tool results the message carries: the `tool_use_id` and the characters of its content.
    public var results: [ResultSize] = []
    /// Whether the context was compacted here.
    public var compacted = false

    /// One tool result's size.
    public struct ResultSize: Equatable, Sendable {
        /// The `tool_use_id` it answers.
        public var id: String
        /// The characters of its `content` (compact JSON).
        public var chars: Int
        /// The subagent it started (`toolUseResult.agentId`), when it answers a `Task` or `Agent` call.
        public var agentID: String?

        /// Creates a result's size.
        public init(id: String, chars: Int, agentID: String? = nil) {
            self.id = id
            self.chars = chars
            self.agentID = agentID
        }
    }

    /// Creates an empty context.
    public init() {}
}
