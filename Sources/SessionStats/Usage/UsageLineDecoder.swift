import SessionLogCore

/// Turns one ledger line back into the `UsageRecord` that wrote it, in a single pass.
///
/// Unknown keys are skipped, so newer writers can add fields; a line without a timestamp, session
/// or model, or of a newer major version, is no usable record. Repeating strings are interned, the
/// ids of tool calls too (a request's result ids are the previous request's tool call ids).
struct UsageLineDecoder {
    private var interner = StringInterner()
    /// Whether records leave out what only identifies a line (`cwd`, `messageID`, `requestID`):
    /// the report's hand-on to attribution, which reads none of them. The line is read and
    /// accepted exactly as with them.
    let leavesOutIdentity: Bool

    /// Creates a decoder; `leavesOutIdentity` as the property says.
    init(leavesOutIdentity: Bool = false) {
        self.leavesOutIdentity = leavesOutIdentity
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
        var version = 0
        var timestamp: Timestamp?
        var sessionID: String?
        var model: String?
        var missedTokens = 0
        var record = UsageRecord(
            timestamp: Timestamp(milliseconds: 0), sessionID: "", model: "", tokens: .zero)
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextPlainKey(&cursor) {
            // The key's length picks the few candidates to compare; escaped keys match none.
            switch key.end - key.start {
            case 1 where scanner.matches(key, UsageKeys.version):
                version = try scanner.scanInteger() ?? -1
            case 3 where scanner.matches(key, UsageKeys.cwd):
                if leavesOutIdentity {
                    _ = try scanner.scanOptionalString()
                } else {
                    record.cwd = try string(&scanner) ?? ""
                }
            case 5 where scanner.matches(key, UsageKeys.model):
                fields.model = try scanner.scanOptionalString()
                model = fields.model.map { interner.string($0, in: scanner) }
            case 5 where scanner.matches(key, UsageKeys.input):
                record.tokens.input = try count(&scanner)
            case 5 where scanner.matches(key, UsageKeys.speed):
                record.speed = try string(&scanner)
            case 6 where scanner.matches(key, UsageKeys.output):
                record.tokens.output = try count(&scanner)
            case 7 where scanner.matches(key, UsageKeys.project):
                fields.project = try scanner.scanOptionalString()
                record.project = fields.project.map { interner.string($0, in: scanner) } ?? ""
            case 8 where scanner.matches(key, UsageKeys.agentID):
                record.agentID = try string(&scanner)
            case 9 where scanner.matches(key, UsageKeys.timestamp):
                if let token = try scanner.scanOptionalString(), !token.hasEscapes {
                    timestamp = Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
                }
            case 9 where scanner.matches(key, UsageKeys.sidechain):
                record.isSidechain = try scanner.scanOptionalBool() ?? false
            case 9 where scanner.matches(key, UsageKeys.compacted):
                record.pieces.compacted = try scanner.scanOptionalBool() ?? false
            case 10 where scanner.matches(key, UsageKeys.sessionID):
                fields.sessionID = try scanner.scanOptionalString()
                sessionID = fields.sessionID.map { interner.string($0, in: scanner) }
            case 10 where scanner.matches(key, UsageKeys.messageID):
                fields.messageID = try scanner.scanOptionalString()
                if !leavesOutIdentity {
                    record.messageID = fields.messageID.map { interner.string($0, in: scanner) }
                }
            case 10 where scanner.matches(key, UsageKeys.requestID):
                fields.requestID = try scanner.scanOptionalString()
                if !leavesOutIdentity {
                    record.requestID = fields.requestID.map { interner.string($0, in: scanner) }
                }
            case 10 where scanner.matches(key, UsageKeys.cacheRead):
                record.tokens.cacheRead = try count(&scanner)
            case 10 where scanner.matches(key, UsageKeys.cacheMiss):
                if let token = try scanner.scanOptionalString() {
                    fields.cacheMiss = token
                    record.cacheMiss = UsageCacheMiss(reason: interner.string(token, in: scanner))
                }
            case 10 where scanner.matches(key, UsageKeys.textChars):
                record.pieces.isKnown = true
                record.pieces.textChars = try count(&scanner)
            case 10 where scanner.matches(key, UsageKeys.resultIDs):
                record.pieces.resultIDs = try strings(&scanner)
            case 12 where scanner.matches(key, UsageKeys.toolUseIDs):
                record.toolUseIDs = try strings(&scanner)
            case 12 where scanner.matches(key, UsageKeys.promptChars):
                record.pieces.promptChars = try count(&scanner)
            case 12 where scanner.matches(key, UsageKeys.resultChars):
                record.pieces.resultChars = try counts(&scanner)
            case 13 where scanner.matches(key, UsageKeys.inferenceGeo):
                record.inferenceGeo = try string(&scanner)
            case 14 where scanner.matches(key, UsageKeys.cacheWrite5m):
                record.tokens.cacheWrite5m = try count(&scanner)
            case 14 where scanner.matches(key, UsageKeys.cacheWrite1h):
                record.tokens.cacheWrite1h = try count(&scanner)
            case 14 where scanner.matches(key, UsageKeys.thinkingChars):
                record.pieces.thinkingChars = try count(&scanner)
            case 16 where scanner.matches(key, UsageKeys.resultAgentIDs):
                record.pieces.resultAgentIDs = try strings(&scanner)
            case 16 where scanner.matches(key, UsageKeys.toolInputChars):
                record.pieces.toolInputChars = try counts(&scanner)
            case 17 where scanner.matches(key, UsageKeys.attributionSkill):
                record.attribution.skill = try string(&scanner)
            case 17 where scanner.matches(key, UsageKeys.attributionAgent):
                record.attribution.agent = try string(&scanner)
            case 18 where scanner.matches(key, UsageKeys.attributionPlugin):
                record.attribution.plugin = try string(&scanner)
            case 19 where scanner.matches(key, UsageKeys.webSearchRequests):
                record.webSearchRequests = try count(&scanner)
            case 19 where scanner.matches(key, UsageKeys.cacheMissedTokens):
                missedTokens = try count(&scanner)
            case 20 where scanner.matches(key, UsageKeys.attributionMCPTool):
                record.attribution.mcpTool = try string(&scanner)
            case 22 where scanner.matches(key, UsageKeys.attributionMCPServer):
                record.attribution.mcpServer = try string(&scanner)
            default:
                try scanner.skipValue()
            }
        }
        guard version >= 1, version <= UsageKeys.currentVersion, let timestamp, let sessionID, let model
        else {
            return nil
        }
        record.timestamp = timestamp
        record.sessionID = sessionID
        record.model = model
        // Missed tokens without a reason (a hand-edited line) are not a miss.
        record.cacheMiss?.missedTokens = missedTokens
        fields.version = version
        fields.timestamp = timestamp
        fields.tokens = record.tokens
        fields.webSearchRequests = record.webSearchRequests
        fields.isFast = record.speed == "fast"
        fields.isUSOnly = record.inferenceGeo == "us"
        fields.cacheMissedTokens = missedTokens
        // Sizes that do not line up with their ids (a hand-edited line) are not trusted.
        if record.pieces.isKnown,
            record.pieces.toolInputChars.count != record.toolUseIDs.count
                || record.pieces.resultChars.count != record.pieces.resultIDs.count
        {
            record.pieces = UsagePieces()
        }
        // Links that do not line up with the results are dropped; the sizes stay.
        if record.pieces.resultAgentIDs.count != record.pieces.resultIDs.count {
            record.pieces.resultAgentIDs = []
        }
        return record
    }

    private mutating func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        guard let token = try scanner.scanOptionalString() else { return nil }
        return interner.string(token, in: scanner)
    }

    // An array's string elements (others skipped), interned; room for them reserved first.
    private mutating func strings(_ scanner: inout JSONScanner) throws(JSONScanError) -> [String] {
        var values: [String] = []
        values.reserveCapacity(Self.elementsAhead(in: &scanner))
        try scanner.forEachStringElement { _, token, scanner in
            values.append(self.interner.string(token, in: scanner))
        }
        return values
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
        max(try scanner.scanInteger() ?? 0, 0)
    }

    private func counts(_ scanner: inout JSONScanner) throws(JSONScanError) -> [Int] {
        guard scanner.peek() == UInt8(ascii: "[") else {
            try scanner.skipValue()
            return []
        }
        var values: [Int] = []
        values.reserveCapacity(Self.numbersAhead(in: &scanner))
        scanner.offset += 1
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.offset += 1
            return values
        }
        while true {
            values.append(max(try scanner.scanInteger() ?? 0, 0))
            guard let byte = scanner.peek() else { throw .unexpectedEnd(at: scanner.offset) }
            scanner.offset += 1
            if byte == UInt8(ascii: "]") { return values }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: scanner.offset - 1) }
        }
    }
}
