import SessionLogCore

/// One line of `status-YYYY-MM-DD.jsonl`: what Claude Code told the status line, and when.
///
/// The line keeps Claude Code's own keys and nesting (see `StatusKey` and docs/status-format.md),
/// plus `v` and `timestamp`, and leaves out the paths (`cwd`, `workspace`, `transcript_path`).
public struct StatusRecord: Equatable, Sendable {
    /// The format version written in `v`.
    public static let version = 1
    /// The prefix of the daily capture files.
    public static let filePrefix = "status-"
    /// The prefix of the roll-ups `rotate` makes of old capture files.
    public static let rollupPrefix = "status-rollup-"

    /// When it was captured.
    public var timestamp: Timestamp
    /// What was captured; the paths are always nil.
    public var input: StatusLineInput

    /// Creates a record of `input` at `timestamp`, dropping its paths.
    public init(timestamp: Timestamp, input: StatusLineInput) {
        self.timestamp = timestamp
        var input = input
        input.currentDirectory = nil
        input.transcriptPath = nil
        self.input = input
    }

    /// `status-YYYY-MM-DD.jsonl`.
    public static func fileName(_ date: CivilDate) -> String {
        filePrefix + date.description + LogFileName.suffix
    }

    /// Whether the line carries anything worth keeping: a session, a model, a cost, a context or a limit.
    public var isEmpty: Bool {
        valuesLine == StatusRecord(timestamp: timestamp, input: StatusLineInput()).valuesLine
    }

    /// The JSON line, newline included.
    public var jsonLine: [UInt8] { encoded(withTimestamp: true) + [UInt8(ascii: "\n")] }

    /// The line without its timestamp: what the capture throttle compares.
    public var valuesLine: [UInt8] { encoded(withTimestamp: false) }

    private func encoded(withTimestamp: Bool) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.field(StatusKey.version.text, StatusRecord.version)
        if withTimestamp { writer.field(StatusKey.timestamp.text, timestamp.iso8601) }
        writer.field(StatusKey.sessionID.text, input.sessionID)
        writer.field(StatusKey.sessionName.text, input.sessionName)
        writer.field(StatusKey.claudeVersion.text, input.version)
        if input.modelID != nil || input.modelName != nil {
            writer.key(StatusKey.model.text)
            writer.beginObject()
            writer.field(StatusKey.modelID.text, input.modelID)
            writer.field(StatusKey.modelName.text, input.modelName)
            writer.endObject()
        }
        if let cost = input.costUSD {
            writer.key(StatusKey.cost.text)
            writer.beginObject()
            number(StatusKey.totalCostUSD, cost, &writer)
            writer.endObject()
        }
        if input.contextPercent != nil || input.contextWindowSize != nil || input.contextUsage != nil {
            writer.key(StatusKey.contextWindow.text)
            writer.beginObject()
            number(StatusKey.usedPercentage, input.contextPercent, &writer)
            writer.field(StatusKey.contextWindowSize.text, input.contextWindowSize)
            if let usage = input.contextUsage {
                writer.key(StatusKey.currentUsage.text)
                writer.beginObject()
                writer.field(StatusKey.inputTokens.text, usage.input)
                writer.field(StatusKey.outputTokens.text, usage.output)
                writer.field(StatusKey.cacheWriteTokens.text, usage.cacheWrite)
                writer.field(StatusKey.cacheReadTokens.text, usage.cacheRead)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.field(StatusKey.exceeds200k.text, input.exceeds200k)
        if input.fiveHour != nil || input.sevenDay != nil || input.spendLimit != nil {
            writer.key(StatusKey.rateLimits.text)
            writer.beginObject()
            for (key, limit) in [(StatusKey.fiveHour, input.fiveHour), (StatusKey.sevenDay, input.sevenDay)] {
                guard let limit else { continue }
                writer.key(key.text)
                writer.beginObject()
                number(StatusKey.usedPercentage, limit.usedPercent, &writer)
                writer.field(StatusKey.resetsAt.text, limit.resetsAt)
                writer.endObject()
            }
            if let spend = input.spendLimit {
                writer.key(StatusKey.spendLimit.text)
                writer.beginObject()
                number(StatusKey.usedUSD, spend.usedUSD, &writer)
                number(StatusKey.limitUSD, spend.limitUSD, &writer)
                writer.endObject()
            }
            writer.endObject()
        }
        if !input.promptCache.isEmpty {
            writer.key(StatusKey.promptCache.text)
            writer.beginObject()
            for (key, value) in input.promptCache {
                writer.key(key)
                switch value {
                case .number(let number): writer.raw(number.text)
                case .bool(let flag): writer.bool(flag)
                case .string(let text): writer.string(text)
                }
            }
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes
    }

    private func number(_ key: StaticString, _ value: DecimalNumber?, _ writer: inout JSONWriter) {
        guard let value else { return }
        writer.key(key.text)
        writer.raw(value.text)
    }

    /// Reads one capture line; nil when it is not a JSON object with a valid `timestamp`.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> StatusRecord? {
        var scanner = JSONScanner(bytes)
        var input = StatusLineInput()
        var cwd: String?
        var timestamp: Timestamp?
        do throws(JSONScanError) {
            guard scanner.peekKind() == .object else { return nil }
            try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
                if scanner.matches(key, StatusKey.timestamp) {
                    if let token = try scanner.scanOptionalString() {
                        timestamp = Timestamp(iso8601: scanner.decode(token))
                    }
                } else if scanner.matches(key, StatusKey.version) {
                    _ = try scanner.skipValue()
                } else {
                    try StatusLineInput.read(key, &scanner, into: &input, cwd: &cwd)
                }
            }
        } catch {
            return nil
        }
        guard let timestamp else { return nil }
        return StatusRecord(timestamp: timestamp, input: input)
    }

    /// Reads one capture line.
    public static func decode(_ bytes: [UInt8]) -> StatusRecord? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }
}
