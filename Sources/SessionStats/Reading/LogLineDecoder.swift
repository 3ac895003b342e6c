import SessionLogCore

/// Turns one JSON record of an activity log, v1 or legacy, into a `LogEntry` in a single pass.
///
/// Only the fields `LogEntry` keeps, and of its optional strings only those in `fields`, are decoded;
/// others are skipped. A field of the wrong type is ignored, except the timestamp, without which the
/// record is unusable. Repeating strings are interned.
struct LogLineDecoder {
    /// Finds each entry's local day.
    var localDays: LocalDayResolver
    /// The optional fields decoded.
    let fields: LogFields
    private var interner = StringInterner()
    // Legacy entries keep Grep/Glob paths in "file", so a wanted path needs the file read too.
    private let readsFile: Bool

    /// Creates a decoder that assigns days with `localDays` and decodes the optional `fields`.
    init(localDays: LocalDayResolver, fields: LogFields = .all) {
        self.localDays = localDays
        self.fields = fields
        readsFile = fields.contains(.file) || fields.contains(.path)
    }

    /// Decodes the object at the scanner's offset, leaving the scanner just after it; returns nil with
    /// `problem` set when the JSON is well-formed but no usable record.
    ///
    /// Throws when the JSON is malformed or ends early; the caller decides which of the two it is.
    mutating func decode(
        _ scanner: inout JSONScanner, at location: LogLocation, problem: inout RecordProblem?
    ) throws(JSONScanError) -> LogEntry? {
        var hasVersion = false
        var timestamp: Timestamp?
        var timestampIsBad = false
        var event: HookEvent?
        var sessionID: String?
        var project: String?
        var cwd: String?
        var tool: String?
        var file: String?
        var command: String?
        var url: String?
        var path: String?
        var pattern: String?
        var model: String?
        var inputTokens = 0
        var outputTokens = 0
        var durationMS: Int?
        var success: Bool?
        var error: String?
        var interrupted = false
        var tags: [String: String] = [:]
        var outOfRange: String?
        var toolUseID: String?
        var mcpServer: String?
        var subagent: (id: String?, type: String?)

        var cursor = try scanner.enterObject()
        while let key = try scanner.nextPlainKey(&cursor) {
            switch key.end - key.start {
            case 1 where scanner.matches(key, LogKey.version):
                hasVersion = true
                try scanner.skipValue()
            case 3 where scanner.matches(key, LogKey.cwd): cwd = try string(&scanner, if: .cwd)
            case 3 where scanner.matches(key, LogKey.url): url = try string(&scanner, if: .url)
            case 4 where scanner.matches(key, LogKey.tool): tool = try string(&scanner)
            case 4 where scanner.matches(key, LogKey.file): file = try string(&scanner, if: readsFile)
            case 4 where scanner.matches(key, LogKey.path): path = try string(&scanner, if: .path)
            case 4 where scanner.matches(key, LogKey.tags):
                if fields.contains(.tags) { tags = try readTags(&scanner) } else { try scanner.skipValue() }
            case 5 where scanner.matches(key, LogKey.event):
                if let token = try scanner.scanOptionalString() {
                    event = HookEvent(name: interner.string(token, in: scanner))
                }
            case 5 where scanner.matches(key, LogKey.model): model = try string(&scanner, if: .model)
            case 5 where scanner.matches(key, LogKey.error): error = try string(&scanner, if: .error)
            case 6 where scanner.matches(key, LogKey.tokens):
                (inputTokens, outputTokens) = try LogLineDecoder.readTokens(&scanner, outOfRange: &outOfRange)
            case 7 where scanner.matches(key, LogKey.project): project = try string(&scanner)
            case 7 where scanner.matches(key, LogKey.pattern): pattern = try string(&scanner, if: .pattern)
            case 7 where scanner.matches(key, LogKey.command): command = try string(&scanner, if: .command)
            case 7 where scanner.matches(key, LogKey.success): success = try scanner.scanOptionalBool()
            case 9 where scanner.matches(key, LogKey.timestamp):
                try LogLineDecoder.readTimestamp(&scanner, into: &timestamp, isBad: &timestampIsBad)
            case 10 where scanner.matches(key, LogKey.sessionID): sessionID = try string(&scanner)
            case 11 where scanner.matches(key, LogKey.durationMS):
                durationMS = try LogLineDecoder.count(
                    &scanner, limit: ValueLimits.lineDurationMS, key: LogKey.durationMS.description,
                    outOfRange: &outOfRange)
            case 11 where scanner.matches(key, LogKey.interrupted):
                interrupted = try scanner.scanOptionalBool() ?? false
            case 11 where scanner.matches(key, LogKey.toolUseID):
                toolUseID = try string(&scanner, if: .attribution)
            case 10 where scanner.matches(key, LogKey.mcpServer):
                mcpServer = try string(&scanner, if: .attribution)
            case 8 where scanner.matches(key, LogKey.subagent):
                if fields.contains(.attribution) && scanner.peek() == UInt8(ascii: "{") {
                    subagent = try readSubagent(&scanner)
                } else {
                    try scanner.skipValue()
                }
            default: try scanner.skipValue()
            }
        }

        let isLegacy = !hasVersion && event == nil
        if let found = LogLineDecoder.problem(
            hasVersion: hasVersion, hasEvent: event != nil, hasTool: tool != nil,
            hasSession: sessionID != nil,
            timestamp: timestamp, timestampIsBad: timestampIsBad, outOfRange: outOfRange)
        {
            problem = found
            return nil
        }
        guard let timestamp else { return nil }

        let operations = LogLineDecoder.operations(isLegacy: isLegacy, isToolCall: event?.isToolCall ?? false)
        var failures = 0
        if isLegacy {
            failures = success == false ? 1 : 0
            if tool == "Grep" || tool == "Glob" {
                // The bash logger put search paths in "file"; they are not edited files.
                if path == nil && fields.contains(.path) { path = file }
                file = nil
            }
        } else if event == .postToolUse {
            failures = success == false ? 1 : 0
        } else if event == .postToolUseFailure {
            failures = 1
        }
        // Read only for a legacy entry's path.
        if !fields.contains(.file) { file = nil }

        var entry = LogEntry(
            source: isLegacy ? .legacy : .v1,
            timestamp: timestamp,
            day: localDays.day(of: timestamp),
            event: event ?? .postToolUse,
            sessionID: sessionID ?? "",
            project: project,
            cwd: cwd,
            tool: tool,
            file: file,
            command: command,
            url: url,
            path: path,
            pattern: pattern,
            model: model,
            inputTokens: inputTokens,
            outputTokens: outputTokens,
            durationMS: durationMS,
            durationTotalMS: durationMS ?? 0,
            operations: operations,
            failures: failures,
            error: error,
            interrupted: interrupted,
            tags: tags,
            location: location
        )
        entry.toolUseID = toolUseID
        entry.mcpServer = mcpServer
        entry.subagentID = subagent.id
        entry.subagentType = subagent.type
        return entry
    }

    /// Reads a `timestamp` value: a string in ISO 8601 form sets `timestamp` (nil when it is not one)
    /// and `isBad`; any other value leaves `timestamp` and sets `isBad`.
    @inline(__always)
    static func readTimestamp(
        _ scanner: inout JSONScanner, into timestamp: inout Timestamp?, isBad: inout Bool
    )
        throws(JSONScanError)
    {
        if let token = try scanner.scanOptionalPlainString() {
            timestamp = Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
            isBad = timestamp == nil
        } else {
            isBad = true
        }
    }

    /// Why a well-formed record with these keys is no usable entry, or nil when it is one: the one rule
    /// every activity-line decoder applies, so they all skip the same lines.
    @inline(__always)
    static func problem(
        hasVersion: Bool, hasEvent: Bool, hasTool: Bool, hasSession: Bool, timestamp: Timestamp?,
        timestampIsBad: Bool, outOfRange: String?
    ) -> RecordProblem? {
        guard timestamp != nil else {
            let looksLikeRecord = hasVersion || hasEvent || hasTool || hasSession
            return timestampIsBad ? .badTimestamp : looksLikeRecord ? .missingTimestamp : .notALogRecord
        }
        // A legacy entry (no "v", no event) is one tool call.
        if !hasVersion && !hasEvent && !hasTool { return .notALogRecord }
        if hasVersion && !hasEvent { return .missingEvent }
        if let outOfRange { return .outOfRange(key: outOfRange) }
        return nil
    }

    /// How many operations a usable record stands for: one for a legacy entry and a tool call's
    /// PostToolUse or PostToolUseFailure, none for other events.
    @inline(__always)
    static func operations(isLegacy: Bool, isToolCall: Bool) -> Int {
        isLegacy || isToolCall ? 1 : 0
    }

    // `subagent`: `{"id": …, "type": …}`.
    private mutating func readSubagent(_ scanner: inout JSONScanner) throws(JSONScanError) -> (
        String?, String?
    ) {
        var id: String?
        var type: String?
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, LogKey.subagentID) {
                id = try string(&scanner)
            } else if scanner.matches(key, LogKey.subagentType) {
                type = try string(&scanner)
            } else {
                try scanner.skipValue()
            }
        }
        return (id, type)
    }

    /// A string value, interned, or nil (with the value skipped) for any other type.
    @inline(__always)
    private mutating func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        guard let token = try scanner.scanOptionalString() else { return nil }
        return interner.string(token, in: scanner)
    }

    /// A string value when `field` is wanted, interned; nil (with the value skipped) otherwise.
    @inline(__always)
    private mutating func string(_ scanner: inout JSONScanner, if field: LogFields) throws(JSONScanError)
        -> String?
    {
        try string(&scanner, if: fields.contains(field))
    }

    /// A string value when `wanted`, interned; nil (with the value skipped) otherwise.
    @inline(__always)
    private mutating func string(_ scanner: inout JSONScanner, if wanted: Bool) throws(JSONScanError)
        -> String?
    {
        guard wanted else {
            _ = try scanner.scanOptionalString()
            return nil
        }
        return try string(&scanner)
    }

    /// `tokens.input` and `tokens.output`, each 0 when missing, negative or not a number; a number
    /// beyond `ValueLimits.lineTokens` names its key in `outOfRange`.
    static func readTokens(_ scanner: inout JSONScanner, outOfRange: inout String?) throws(JSONScanError)
        -> (Int, Int)
    {
        if let plain = LogLineDecoder.plainTokens(&scanner) { return plain }
        guard scanner.peekKind() == .object else {
            try scanner.skipValue()
            return (0, 0)
        }
        var input = 0
        var output = 0
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextPlainKey(&cursor) {
            if scanner.matches(key, LogKey.input) {
                input =
                    try LogLineDecoder.count(
                        &scanner, limit: ValueLimits.lineTokens, key: "tokens.input", outOfRange: &outOfRange)
                    ?? 0
            } else if scanner.matches(key, LogKey.output) {
                output =
                    try LogLineDecoder.count(
                        &scanner, limit: ValueLimits.lineTokens, key: "tokens.output", outOfRange: &outOfRange
                    )
                    ?? 0
            } else {
                try scanner.skipValue()
            }
        }
        return (input, output)
    }

    /// `tokens` as the hook writes it, `{"input":N,"output":N}` or `{"input":N,"output":N,"total":N}`
    /// with plain counts within `ValueLimits.lineTokens`, read without the general scan; nil, with
    /// the scanner unmoved, for anything else.
    @inline(__always)
    static func plainTokens(_ scanner: inout JSONScanner) -> (Int, Int)? {
        guard let base = scanner.bytes.baseAddress else { return nil }
        let end = scanner.end
        var index = scanner.offset
        func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= end, RawMemory.equal(base + index, text.utf8Start, count: count) else {
                return false
            }
            index += count
            return true
        }
        // Up to 15 digits, no leading zero, ended by ',' or '}': other numbers take the general way.
        func count() -> Int? {
            let start = index
            var value = 0
            while index < end, index - start < 15, base[index] &- UInt8(ascii: "0") < 10 {
                value = value * 10 + Int(base[index] &- UInt8(ascii: "0"))
                index += 1
            }
            guard index > start, index < end,
                base[index] == UInt8(ascii: ",") || base[index] == UInt8(ascii: "}"),
                base[start] != UInt8(ascii: "0") || index == start + 1, value <= ValueLimits.lineTokens
            else { return nil }
            return value
        }
        guard literal(#"{"input":"#), let input = count(), literal(#","output":"#), let output = count()
        else { return nil }
        if !literal("}") {
            guard literal(#","total":"#), count() != nil, literal("}") else { return nil }
        }
        scanner.offset = index
        return (input, output)
    }

    /// A number value as a count: nil when it is not a number or is negative; nil, with `key` in
    /// `outOfRange`, when it is above `limit` or not an integer an `Int` holds (`1e30`).
    static func count(
        _ scanner: inout JSONScanner, limit: Int, key: @autoclosure () -> String, outOfRange: inout String?
    ) throws(JSONScanError) -> Int? {
        guard scanner.peekKind() == .number else {
            try scanner.skipValue()
            return nil
        }
        guard let value = scanner.parseInteger(try scanner.scanNumber()), value <= limit else {
            outOfRange = key()
            return nil
        }
        return value >= 0 ? value : nil
    }

    /// The string members of a `tags` object; other members and other types are ignored.
    private mutating func readTags(_ scanner: inout JSONScanner) throws(JSONScanError) -> [String: String] {
        guard scanner.peekKind() == .object else {
            try scanner.skipValue()
            return [:]
        }
        var tags: [String: String] = [:]
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextPlainKey(&cursor) {
            if let value = try string(&scanner) { tags[interner.string(key, in: scanner)] = value }
        }
        return tags
    }
}
