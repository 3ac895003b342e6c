import SessionLogCore

/// One line of a `rollup-YYYY-MM-DD.jsonl` file: the sum of the activity lines of one local day that
/// share a project, session, tool, event and model (see docs/rollup-format.md).
///
/// `session-stats rotate` writes these (see `RollupTable`) before it deletes an activity file, and
/// the reader reads them in its place, so report totals come out the same before and after rotation:
///
///     {"rollup":1,"day":"2026-11-22","event":"PostToolUse","session_id":"abc-123","project":"app",
///      "tool":"Bash","count":12,"failures":1,"tokens":{"input":60,"output":1440},"duration_ms":4100,
///      "first":"2026-11-22T09:00:01.120Z","last":"2026-11-22T17:42:10.003Z"}
///
/// (one line in the file). `count` is how many lines were rolled up: for `PostToolUse` (legacy entries
/// included) and `PostToolUseFailure` rows, the operations, of which `failures` failed. Other events
/// (`UserPromptSubmit` with its prompt tokens, `SessionStart` with its `model`, `invalid`, …) keep
/// their own rows. `first` and `last` are the earliest and latest timestamps, `day` the local day the
/// lines counted for when rotated. Keys `session_id`, `project`, `tool` and `model` are left out when
/// absent; the counts are always written. Unknown keys are ignored when reading.
public struct RollupRecord: Equatable, Sendable {
    /// The format version this type writes, the value of the `rollup` key.
    public static let version = 1

    /// The local day the rolled-up lines count for.
    public var day: CivilDate
    /// The event of the rolled-up lines; `PostToolUse` for legacy entries.
    public var event: HookEvent
    /// The session id; "" when the lines had none.
    public var sessionID: String
    /// The project.
    public var project: String?
    /// The tool.
    public var tool: String?
    /// The model the lines carried.
    public var model: String?
    /// How many lines were rolled up; for an operation event, the operations.
    public var count: Int
    /// How many of those operations failed.
    public var failures: Int
    /// Summed estimated tokens in.
    public var inputTokens: Int
    /// Summed estimated tokens out.
    public var outputTokens: Int
    /// Summed durations in milliseconds.
    public var durationTotalMS: Int
    /// The earliest timestamp rolled up.
    public var first: Timestamp
    /// The latest timestamp rolled up.
    public var last: Timestamp

    /// Creates a row.
    public init(
        day: CivilDate, event: HookEvent, sessionID: String, project: String? = nil, tool: String? = nil,
        model: String? = nil, count: Int, failures: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0,
        durationTotalMS: Int = 0, first: Timestamp, last: Timestamp
    ) {
        self.day = day
        self.event = event
        self.sessionID = sessionID
        self.project = project
        self.tool = tool
        self.model = model
        self.count = count
        self.failures = failures
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.durationTotalMS = durationTotalMS
        self.first = first
        self.last = last
    }

    /// The keys of a rollup line besides the log line's own (`LogKey`), for the writer and the reader.
    public enum Key {
        public static let rollup: StaticString = "rollup"
        public static let day: StaticString = "day"
        public static let count: StaticString = "count"
        public static let failures: StaticString = "failures"
        public static let first: StaticString = "first"
        public static let last: StaticString = "last"
    }

    /// The row as one line of compact JSON, newline included.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter(indent: 0, capacity: 256)
        writer.beginObject()
        writer.field(Key.rollup, RollupRecord.version)
        writer.field(Key.day, day.description)
        writer.field(LogKey.event, event.name)
        writer.field(LogKey.sessionID, sessionID)
        writer.field(LogKey.project, project)
        writer.field(LogKey.tool, tool)
        writer.field(LogKey.model, model)
        writer.field(Key.count, count)
        writer.field(Key.failures, failures)
        writer.key(LogKey.tokens)
        writer.beginObject()
        writer.field(LogKey.input, inputTokens)
        writer.field(LogKey.output, outputTokens)
        writer.endObject()
        writer.field(LogKey.durationMS, durationTotalMS)
        writer.field(Key.first, first.iso8601)
        writer.field(Key.last, last.iso8601)
        writer.endObject()
        var line = writer.bytes
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Reads the object at the scanner's offset as a row, or returns nil when the object is not one
    /// (no `rollup` key, no valid `day`, `event`, `first` or `last`, or a negative count).
    ///
    /// Throws only when the JSON is malformed; the scanner is left just after the object.
    public static func decode(_ scanner: inout JSONScanner) throws(JSONScanError) -> RollupRecord? {
        var outOfRange: String?
        return try decode(&scanner, outOfRange: &outOfRange)
    }

    /// Reads the object at the scanner's offset as a row, as `decode(_:)` does; when a number is beyond
    /// `ValueLimits.rollupValue` (or no `Int`), returns nil and names its key in `outOfRange`.
    public static func decode(_ scanner: inout JSONScanner, outOfRange: inout String?) throws(JSONScanError)
        -> RollupRecord?
    {
        var isRollup = false
        var day: CivilDate?
        var event: HookEvent?
        var sessionID = ""
        var project: String?
        var tool: String?
        var model: String?
        var count: Int?
        var failures = 0
        var inputTokens = 0
        var outputTokens = 0
        var duration = 0
        var first: Timestamp?
        var last: Timestamp?

        func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
            guard let token = try scanner.scanOptionalString() else { return nil }
            return scanner.decode(token)
        }
        func time(_ scanner: inout JSONScanner) throws(JSONScanError) -> Timestamp? {
            guard let token = try scanner.scanOptionalString() else { return nil }
            return Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
        }
        func counter(_ scanner: inout JSONScanner, _ key: String) throws(JSONScanError) -> Int {
            try LogLineDecoder.count(
                &scanner, limit: ValueLimits.rollupValue, key: key, outOfRange: &outOfRange) ?? 0
        }

        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            switch key.end - key.start {
            case 3 where scanner.matches(key, Key.day): day = try string(&scanner).flatMap { CivilDate($0) }
            case 4 where scanner.matches(key, LogKey.tool): tool = try string(&scanner)
            case 4 where scanner.matches(key, Key.last): last = try time(&scanner)
            case 5 where scanner.matches(key, LogKey.event):
                event = try string(&scanner).map(HookEvent.init(name:))
            case 5 where scanner.matches(key, LogKey.model): model = try string(&scanner)
            case 5 where scanner.matches(key, Key.count):
                if scanner.peekKind() == .number {
                    let value = scanner.parseInteger(try scanner.scanNumber())
                    if (value ?? .max) > ValueLimits.rollupValue { outOfRange = Key.count.description }
                    count = value
                } else {
                    try scanner.skipValue()
                }
            case 5 where scanner.matches(key, Key.first): first = try time(&scanner)
            case 6 where scanner.matches(key, Key.rollup):
                isRollup = true
                try scanner.skipValue()
            case 6 where scanner.matches(key, LogKey.tokens):
                guard scanner.peekKind() == .object else {
                    try scanner.skipValue()
                    continue
                }
                var inner = try scanner.enterObject()
                while let innerKey = try scanner.nextKey(&inner) {
                    if scanner.matches(innerKey, LogKey.input) {
                        inputTokens = try counter(&scanner, "tokens.input")
                    } else if scanner.matches(innerKey, LogKey.output) {
                        outputTokens = try counter(&scanner, "tokens.output")
                    } else {
                        try scanner.skipValue()
                    }
                }
            case 7 where scanner.matches(key, LogKey.project): project = try string(&scanner)
            case 8 where scanner.matches(key, Key.failures):
                failures = try counter(&scanner, Key.failures.description)
            case 10 where scanner.matches(key, LogKey.sessionID): sessionID = try string(&scanner) ?? ""
            case 11 where scanner.matches(key, LogKey.durationMS):
                duration = try counter(&scanner, LogKey.durationMS.description)
            default: try scanner.skipValue()
            }
        }
        guard outOfRange == nil, isRollup, let day, let event, let count, count >= 0, let first, let last
        else { return nil }
        return RollupRecord(
            day: day, event: event, sessionID: sessionID, project: project, tool: tool, model: model,
            count: count, failures: min(failures, count), inputTokens: inputTokens,
            outputTokens: outputTokens,
            durationTotalMS: duration, first: first, last: last)
    }
}
