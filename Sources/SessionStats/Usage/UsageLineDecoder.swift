import SessionLogCore

/// Turns one ledger line back into the `UsageRecord` that wrote it, in a single pass.
///
/// Unknown keys are skipped, so newer writers can add fields; a line without a timestamp, session
/// or model, or of a newer major version, is no usable record. Repeating strings are interned, the
/// ids of tool calls too (a request's result ids are the previous request's tool call ids).
struct UsageLineDecoder {
    private var interner = StringInterner()
    private var timestamps = TimestampReader()
    private let keyPatterns = LedgerKey.Patterns()
    /// Whether records leave out what only identifies a line (`cwd`, `messageID`, `requestID`):
    /// the report's hand-on to attribution, which reads none of them. The line is read and
    /// accepted exactly as with them.
    let leavesOutIdentity: Bool
    /// Whether strings, integers and timestamps written plainly are read with byte loops
    /// (`scanOptionalPlainString`, `scanPlainInteger`, `TimestampReader`): the report's read of every line. Lines are
    /// read and accepted exactly as without, which the decoder's tests check against it.
    let readsPlainly: Bool

    /// Creates a decoder; `leavesOutIdentity` and `readsPlainly` as the properties say.
    init(leavesOutIdentity: Bool = false, readsPlainly: Bool = false) {
        self.leavesOutIdentity = leavesOutIdentity
        self.readsPlainly = readsPlainly
    }

    /// Decodes the object at the scanner's offset; nil when it is well-formed JSON but not a usable record.
    mutating func decode(_ scanner: inout JSONScanner) throws(JSONScanError) -> UsageRecord? {
        var fields = LedgerLineFields()
        return try decode(&scanner, fields: &fields)
    }

    /// Decodes the object at the scanner's offset and, for a usable record, sets `fields` to what
    /// `LedgerLineFields.scan` reads from the same line (its strings as ranges of the scanner's
    /// bytes), so one pass serves both the record and the raw totals.
    mutating func decode(_ scanner: inout JSONScanner, fields: inout LedgerLineFields) throws(JSONScanError)
        -> UsageRecord?
    {
        fields = LedgerLineFields()
        // Each field in a local, the record built once at the end with its memberwise initializer:
        // a record built first and set field by field was copied and destroyed whole on every line.
        var version = 0
        var timestamp: Timestamp?
        var sessionID: String?
        var model: String?
        var project = ""
        var cwd = ""
        var messageID: String?
        var requestID: String?
        var tokens = UsageTokens()
        var webSearchRequests = 0
        var speed: String?
        var inferenceGeo: String?
        var isSidechain = false
        var agentID: String?
        var toolUseIDs: [String] = []
        var attribution = UsageAttribution()
        var missReason: String?
        var missedTokens = 0
        var pieces = UsagePieces()
        var cursor = try scanner.enterObject()
        // The writer's order of keys, from the one after the last key read: where the next key is
        // looked for first.
        var next = 0
        while true {
            let key: LedgerKey?
            if readsPlainly,
                let expected = LedgerKey.expected(from: next, in: &scanner, &cursor, patterns: keyPatterns)
            {
                key = expected
            } else {
                guard let token = try scanner.nextPlainKey(&cursor) else { break }
                // Escaped keys match none.
                key = LedgerKey(token, in: scanner)
            }
            if let key { next = key.rawValue + 1 }
            switch key {
            case .version:
                version = try integer(&scanner) ?? -1
            case .cwd:
                fields.cwd = try token(&scanner)
                if !leavesOutIdentity { cwd = fields.cwd.map { interner.string($0, in: scanner) } ?? "" }
            case .model:
                fields.model = try token(&scanner)
                model = fields.model.map { interner.string($0, in: scanner) }
            case .input:
                tokens.input = try count(&scanner)
            case .speed:
                speed = try string(&scanner)
            case .output:
                tokens.output = try count(&scanner)
            case .project:
                fields.project = try token(&scanner)
                project = fields.project.map { interner.string($0, in: scanner) } ?? ""
            case .agentID:
                agentID = try string(&scanner)
            case .timestamp:
                if let token = try token(&scanner), !token.hasEscapes {
                    timestamp =
                        readsPlainly
                        ? timestamps.timestamp(scanner.bytes, start: token.start, end: token.end)
                        : Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
                }
            case .sidechain:
                isSidechain = try scanner.scanOptionalBool() ?? false
            case .compacted:
                pieces.compacted = try scanner.scanOptionalBool() ?? false
            case .sessionID:
                fields.sessionID = try token(&scanner)
                sessionID = fields.sessionID.map { interner.string($0, in: scanner) }
            case .messageID:
                fields.messageID = try token(&scanner)
                if !leavesOutIdentity {
                    messageID = fields.messageID.map { interner.string($0, in: scanner) }
                }
            case .requestID:
                fields.requestID = try token(&scanner)
                if !leavesOutIdentity {
                    requestID = fields.requestID.map { interner.string($0, in: scanner) }
                }
            case .cacheRead:
                tokens.cacheRead = try count(&scanner)
            case .cacheMiss:
                if let token = try token(&scanner) {
                    fields.cacheMiss = token
                    missReason = interner.string(token, in: scanner)
                }
            case .textChars:
                pieces.isKnown = true
                pieces.textChars = try count(&scanner)
            case .resultIDs:
                pieces.resultIDs = try strings(&scanner)
            case .toolUseIDs:
                toolUseIDs = try strings(&scanner)
            case .promptChars:
                pieces.promptChars = try count(&scanner)
            case .resultChars:
                pieces.resultChars = try counts(&scanner)
            case .inferenceGeo:
                inferenceGeo = try string(&scanner)
            case .cacheWrite5m:
                tokens.cacheWrite5m = try count(&scanner)
            case .cacheWrite1h:
                tokens.cacheWrite1h = try count(&scanner)
            case .thinkingChars:
                pieces.thinkingChars = try count(&scanner)
            case .resultAgentIDs:
                pieces.resultAgentIDs = try strings(&scanner)
            case .toolInputChars:
                pieces.toolInputChars = try counts(&scanner)
            case .attributionSkill:
                attribution.skill = try string(&scanner)
            case .attributionAgent:
                attribution.agent = try string(&scanner)
            case .attributionPlugin:
                attribution.plugin = try string(&scanner)
            case .webSearchRequests:
                webSearchRequests = try count(&scanner)
            case .cacheMissedTokens:
                missedTokens = try count(&scanner)
            case .attributionMCPTool:
                attribution.mcpTool = try string(&scanner)
            case .attributionMCPServer:
                attribution.mcpServer = try string(&scanner)
            case nil:
                try scanner.skipValue()
            }
        }
        guard version >= 1, version <= UsageKeys.currentVersion, let timestamp, let sessionID, let model
        else {
            return nil
        }
        fields.version = version
        fields.timestamp = timestamp
        fields.tokens = tokens
        fields.webSearchRequests = webSearchRequests
        fields.isFast = speed == "fast"
        fields.isUSOnly = inferenceGeo == "us"
        fields.cacheMissedTokens = missedTokens
        // Sizes that do not line up with their ids (a hand-edited line) are not trusted.
        if pieces.isKnown,
            pieces.toolInputChars.count != toolUseIDs.count
                || pieces.resultChars.count != pieces.resultIDs.count
        {
            pieces = UsagePieces()
        }
        // Links that do not line up with the results are dropped; the sizes stay.
        if pieces.resultAgentIDs.count != pieces.resultIDs.count {
            pieces.resultAgentIDs = []
        }
        // Missed tokens without a reason (a hand-edited line) are not a miss.
        return UsageRecord(
            timestamp: timestamp, sessionID: sessionID, project: project, cwd: cwd, model: model,
            messageID: messageID, requestID: requestID, tokens: tokens, webSearchRequests: webSearchRequests,
            speed: speed, inferenceGeo: inferenceGeo, isSidechain: isSidechain, agentID: agentID,
            toolUseIDs: toolUseIDs, attribution: attribution,
            cacheMiss: missReason.map { UsageCacheMiss(reason: $0, missedTokens: missedTokens) },
            pieces: pieces)
    }

    // A string value's token, or nil (the value skipped) for any other value.
    @inline(__always)
    private func token(_ scanner: inout JSONScanner) throws(JSONScanError) -> JSONStringToken? {
        readsPlainly ? try scanner.scanOptionalPlainString() : try scanner.scanOptionalString()
    }

    // An integer value, or nil (the value skipped) for any other value.
    @inline(__always)
    private func integer(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int? {
        readsPlainly ? try scanner.scanPlainInteger() : try scanner.scanInteger()
    }

    private mutating func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        guard let token = try token(&scanner) else { return nil }
        return interner.string(token, in: scanner)
    }

    // An array's string elements (others skipped), interned; room for them reserved first.
    private mutating func strings(_ scanner: inout JSONScanner) throws(JSONScanError) -> [String] {
        var values: [String] = []
        values.reserveCapacity(Self.elementsAhead(in: &scanner))
        guard readsPlainly else {
            try scanner.forEachStringElement { _, token, scanner in
                values.append(self.interner.string(token, in: scanner))
            }
            return values
        }
        // `forEachStringElement`'s walk, without its closure, each element read by `token`.
        guard scanner.peek() == UInt8(ascii: "[") else {
            try scanner.skipValue()
            return values
        }
        scanner.offset += 1
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.offset += 1
            return values
        }
        while true {
            if let token = try token(&scanner) { values.append(interner.string(token, in: scanner)) }
            guard let byte = scanner.peek() else { throw .unexpectedEnd(at: scanner.offset) }
            scanner.offset += 1
            if byte == UInt8(ascii: "]") { return values }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: scanner.offset - 1) }
        }
    }

    // About how many elements the string array at the scanner's offset has, for a capacity hint
    // only: its length over its first element's (the ids of one array have one length).
    private static func elementsAhead(in scanner: inout JSONScanner) -> Int {
        guard scanner.peek() == UInt8(ascii: "[") else { return 0 }
        let open = scanner.offset
        guard open + 2 < scanner.end,
            scanner.bytes[open + 1] == UInt8(ascii: "\""), let base = scanner.bytes.baseAddress,
            let close = RawMemory.firstPosition(
                of: UInt8(ascii: "]"), in: base + open, count: scanner.end - open),
            let quote = RawMemory.firstPosition(
                of: UInt8(ascii: "\""), in: base + open + 2, count: scanner.end - open - 2)
        else { return 0 }
        let content = UnsafeRawPointer(base + open).distance(to: close) - 1
        let element = UnsafeRawPointer(base + open + 1).distance(to: quote) + 2
        return min((content + 1) / element, 1024)
    }

    // The array at the scanner's offset when it is written plainly: `[`, then at most 64 integers
    // without sign, fraction, exponent or leading zero, of at most 18 digits, each followed right
    // away by `,` or (the last) `]`. Read in one pass, the scanner left past it; nil, nothing read,
    // for anything else, which `counts` reads element by element as before.
    @inline(__always)
    private static func plainCounts(_ scanner: inout JSONScanner) -> [Int]? {
        guard let base = scanner.bytes.baseAddress else { return nil }
        let end = scanner.end
        var index = scanner.offset + 1
        if index < end && base[index] == UInt8(ascii: "]") {
            scanner.offset = index + 1
            return []
        }
        let values = withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { buffer -> [Int]? in
            var count = 0
            while count < 64 && index < end {
                var digit = base[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                var value = Int(digit)
                index += 1
                // A leading zero stands alone, as in `scanNumber`; 18 digits cannot overflow.
                if digit != 0 {
                    let limit = min(end, index + 17)
                    while index < limit {
                        digit = base[index] &- UInt8(ascii: "0")
                        if digit >= 10 { break }
                        value = value &* 10 &+ Int(digit)
                        index += 1
                    }
                }
                guard index < end else { return nil }
                buffer[count] = value
                count += 1
                let byte = base[index]
                index += 1
                // A copy of the buffer's elements as a whole (a slice's copy goes element by element).
                if byte == UInt8(ascii: "]") {
                    return Array(UnsafeBufferPointer(rebasing: buffer[0..<count]))
                }
                guard byte == UInt8(ascii: ",") else { return nil }
            }
            return nil
        }
        if values != nil { scanner.offset = index }
        return values
    }

    // How many elements the number array at the scanner's offset has: its commas before the first
    // `]`, plus one (a capacity hint only).
    private static func numbersAhead(in scanner: inout JSONScanner) -> Int {
        guard scanner.peek() == UInt8(ascii: "[") else { return 0 }
        var count = 1
        var index = scanner.offset + 1
        while index < scanner.end {
            let byte = scanner.bytes[index]
            if byte == UInt8(ascii: "]") { return index == scanner.offset + 1 ? 0 : min(count, 1024) }
            if byte == UInt8(ascii: ",") { count += 1 }
            index += 1
        }
        return 0
    }

    // A token count that is not a non-negative integer counts as zero.
    private func count(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int {
        max(try integer(&scanner) ?? 0, 0)
    }

    private func counts(_ scanner: inout JSONScanner) throws(JSONScanError) -> [Int] {
        guard scanner.peek() == UInt8(ascii: "[") else {
            try scanner.skipValue()
            return []
        }
        if readsPlainly, let values = Self.plainCounts(&scanner) { return values }
        var values: [Int] = []
        values.reserveCapacity(Self.numbersAhead(in: &scanner))
        scanner.offset += 1
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.offset += 1
            return values
        }
        while true {
            values.append(try count(&scanner))
            guard let byte = scanner.peek() else { throw .unexpectedEnd(at: scanner.offset) }
            scanner.offset += 1
            if byte == UInt8(ascii: "]") { return values }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: scanner.offset - 1) }
        }
    }
}
