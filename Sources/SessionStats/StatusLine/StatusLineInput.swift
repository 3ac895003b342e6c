import SessionLogCore

/// What Claude Code tells its status-line command on stdin, as far as SessionLog uses it.
///
/// Claude Code's documented fields (code.claude.com/docs/en/statusline): `session_id`,
/// `session_name`, `transcript_path`, `cwd`, `version`, `model.id` and `model.display_name`,
/// `workspace.current_dir`, `cost.total_cost_usd`, `context_window` (`used_percentage`,
/// `context_window_size`, `current_usage`), `exceeds_200k_tokens`, `rate_limits.five_hour` and
/// `rate_limits.seven_day` (`used_percentage`, `resets_at` in Unix seconds; Pro and Max plans, after
/// the first response), `rate_limits.spend_limit` (`used_usd`, `limit_usd`) and `prompt_cache`.
/// Anything missing, of the wrong type or malformed is simply absent: the line must print something
/// sane whatever arrives, so what was read before a fault is kept.
public struct StatusLineInput: Equatable, Sendable {
    /// One plan limit window: how much of it is used and when it resets.
    public struct RateLimit: Equatable, Sendable {
        /// `used_percentage`, 0 to 100 (it can pass 100).
        public var usedPercent: DecimalNumber
        /// `resets_at`, in seconds since the epoch; a string in ISO 8601 is accepted too.
        public var resetsAt: Int?

        /// Creates a window reading.
        public init(usedPercent: DecimalNumber, resetsAt: Int?) {
            self.usedPercent = usedPercent
            self.resetsAt = resetsAt
        }
    }

    /// `rate_limits.spend_limit`: the plan's extra-usage spend and its cap, in USD.
    public struct SpendLimit: Equatable, Sendable {
        /// `used_usd`.
        public var usedUSD: DecimalNumber?
        /// `limit_usd`.
        public var limitUSD: DecimalNumber?

        /// Creates a reading.
        public init(usedUSD: DecimalNumber?, limitUSD: DecimalNumber?) {
            self.usedUSD = usedUSD
            self.limitUSD = limitUSD
        }
    }

    /// `context_window.current_usage`: the tokens of the last request.
    public struct ContextUsage: Equatable, Sendable {
        /// `input_tokens`.
        public var input = 0
        /// `output_tokens`.
        public var output = 0
        /// `cache_creation_input_tokens`.
        public var cacheWrite = 0
        /// `cache_read_input_tokens`.
        public var cacheRead = 0

        /// Creates a usage.
        public init(input: Int = 0, output: Int = 0, cacheWrite: Int = 0, cacheRead: Int = 0) {
            self.input = input
            self.output = output
            self.cacheWrite = cacheWrite
            self.cacheRead = cacheRead
        }

        /// The prompt's size: everything that went in.
        public var prompt: Int { input + cacheWrite + cacheRead }
    }

    /// A scalar member of `prompt_cache`, kept whatever its name, since its members vary by version.
    public enum Scalar: Equatable, Sendable {
        case number(DecimalNumber)
        case bool(Bool)
        case string(String)
    }

    /// `session_id`.
    public var sessionID: String?
    /// `session_name`, set with `--name` or `/rename`.
    public var sessionName: String?
    /// `transcript_path`.
    public var transcriptPath: String?
    /// `version` of Claude Code.
    public var version: String?
    /// `model.id`, such as `claude-opus-4-5-20251101`.
    public var modelID: String?
    /// `model.display_name`, such as `Opus 4.5`.
    public var modelName: String?
    /// `workspace.current_dir`, else `cwd`.
    public var currentDirectory: String?
    /// `cost.total_cost_usd`: the session's cost as Claude Code computes it.
    public var costUSD: DecimalNumber?
    /// `context_window.used_percentage`.
    public var contextPercent: DecimalNumber?
    /// `context_window.context_window_size`.
    public var contextWindowSize: Int?
    /// `context_window.current_usage`.
    public var contextUsage: ContextUsage?
    /// `exceeds_200k_tokens`.
    public var exceeds200k: Bool?
    /// `rate_limits.five_hour`.
    public var fiveHour: RateLimit?
    /// `rate_limits.seven_day`.
    public var sevenDay: RateLimit?
    /// `rate_limits.spend_limit`.
    public var spendLimit: SpendLimit?
    /// The scalar members of `prompt_cache`, in the order given.
    public var promptCache: [(key: String, value: Scalar)] = []

    /// Creates an input from its main fields; the others start absent.
    public init(
        sessionID: String? = nil, modelID: String? = nil, modelName: String? = nil,
        currentDirectory: String? = nil
    ) {
        self.sessionID = sessionID
        self.modelID = modelID
        self.modelName = modelName
        self.currentDirectory = currentDirectory
    }

    public static func == (lhs: StatusLineInput, rhs: StatusLineInput) -> Bool {
        (lhs.sessionID, lhs.sessionName, lhs.transcriptPath, lhs.version, lhs.modelID, lhs.modelName)
            == (rhs.sessionID, rhs.sessionName, rhs.transcriptPath, rhs.version, rhs.modelID, rhs.modelName)
            && lhs.currentDirectory == rhs.currentDirectory && lhs.costUSD == rhs.costUSD
            && lhs.contextPercent == rhs.contextPercent && lhs.contextWindowSize == rhs.contextWindowSize
            && lhs.contextUsage == rhs.contextUsage && lhs.exceeds200k == rhs.exceeds200k
            && lhs.fiveHour == rhs.fiveHour && lhs.sevenDay == rhs.sevenDay
            && lhs.spendLimit == rhs.spendLimit
            && lhs.promptCache.elementsEqual(rhs.promptCache) { $0.key == $1.key && $0.value == $1.value }
    }

    /// The most of stdin that is read; Claude Code's JSON is a few kilobytes.
    public static let maximumBytes = 1 << 20

    /// The context used, in percent: Claude Code's figure, else the last prompt over the window size.
    public var contextUsedPercent: Double? {
        if let contextPercent { return contextPercent.double }
        if let usage = contextUsage, let size = contextWindowSize, size > 0, usage.prompt > 0 {
            return Double(usage.prompt) * 100 / Double(size)
        }
        return nil
    }

    /// Reads what it can from `bytes`; what was read before a fault is kept.
    public static func parse(_ bytes: [UInt8]) -> StatusLineInput {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    /// Reads what it can from `buffer`; what was read before a fault is kept.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> StatusLineInput {
        var input = StatusLineInput()
        var cwd: String?
        var scanner = JSONScanner(buffer)
        scanner.skipByteOrderMark()
        do throws(JSONScanError) {
            try members(&scanner) { key, scanner throws(JSONScanError) in
                try read(key, &scanner, into: &input, cwd: &cwd)
            }
        } catch {
            // Keep what was read: a status line shows what it can.
        }
        if input.currentDirectory == nil { input.currentDirectory = cwd }
        return input
    }

    /// Reads the value of the top-level member `key` into `input` (`cwd` apart), skipping unknown ones.
    static func read(
        _ key: JSONStringToken, _ scanner: inout JSONScanner, into input: inout StatusLineInput,
        cwd: inout String?
    ) throws(JSONScanError) {
        switch true {
        case scanner.matches(key, StatusKey.sessionID): input.sessionID = try string(&scanner)
        case scanner.matches(key, StatusKey.sessionName): input.sessionName = try string(&scanner)
        case scanner.matches(key, StatusKey.transcriptPath): input.transcriptPath = try string(&scanner)
        case scanner.matches(key, StatusKey.claudeVersion): input.version = try string(&scanner)
        case scanner.matches(key, StatusKey.cwd): cwd = try string(&scanner)
        case scanner.matches(key, StatusKey.exceeds200k): input.exceeds200k = try scanner.scanOptionalBool()
        case scanner.matches(key, StatusKey.model):
            // Early versions sent the model as a bare string.
            if scanner.peekKind() == .string {
                input.modelID = try string(&scanner)
                return
            }
            try members(&scanner) { key, scanner throws(JSONScanError) in
                if scanner.matches(key, StatusKey.modelID) {
                    input.modelID = try string(&scanner)
                } else if scanner.matches(key, StatusKey.modelName) {
                    input.modelName = try string(&scanner)
                } else {
                    _ = try scanner.skipValue()
                }
            }
        case scanner.matches(key, StatusKey.workspace):
            try members(&scanner) { key, scanner throws(JSONScanError) in
                if scanner.matches(key, StatusKey.currentDirectory) {
                    input.currentDirectory = try string(&scanner)
                } else {
                    _ = try scanner.skipValue()
                }
            }
        case scanner.matches(key, StatusKey.cost):
            try members(&scanner) { key, scanner throws(JSONScanError) in
                if scanner.matches(key, StatusKey.totalCostUSD) {
                    input.costUSD = try number(&scanner)
                } else {
                    _ = try scanner.skipValue()
                }
            }
        case scanner.matches(key, StatusKey.contextWindow): try readContext(&scanner, into: &input)
        case scanner.matches(key, StatusKey.rateLimits): try readLimits(&scanner, into: &input)
        case scanner.matches(key, StatusKey.promptCache):
            try members(&scanner) { key, scanner throws(JSONScanError) in
                let name = scanner.decode(key)
                switch scanner.peekKind() {
                case .number:
                    if let value = try number(&scanner) { input.promptCache.append((name, .number(value))) }
                case .bool:
                    if let value = try scanner.scanOptionalBool() {
                        input.promptCache.append((name, .bool(value)))
                    }
                case .string:
                    input.promptCache.append((name, .string(scanner.decode(try scanner.scanString()))))
                default: _ = try scanner.skipValue()
                }
            }
        default: _ = try scanner.skipValue()
        }
    }

    private static func readContext(_ scanner: inout JSONScanner, into input: inout StatusLineInput)
        throws(JSONScanError)
    {
        try members(&scanner) { key, scanner throws(JSONScanError) in
            if scanner.matches(key, StatusKey.usedPercentage) {
                input.contextPercent = try number(&scanner)
            } else if scanner.matches(key, StatusKey.contextWindowSize) {
                input.contextWindowSize = try scanner.scanInteger()
            } else if scanner.matches(key, StatusKey.currentUsage) {
                var usage = ContextUsage()
                var seen = false
                try members(&scanner) { key, scanner throws(JSONScanError) in
                    seen = true
                    if scanner.matches(key, StatusKey.inputTokens) {
                        usage.input = max(0, try scanner.scanInteger() ?? 0)
                    } else if scanner.matches(key, StatusKey.outputTokens) {
                        usage.output = max(0, try scanner.scanInteger() ?? 0)
                    } else if scanner.matches(key, StatusKey.cacheWriteTokens) {
                        usage.cacheWrite = max(0, try scanner.scanInteger() ?? 0)
                    } else if scanner.matches(key, StatusKey.cacheReadTokens) {
                        usage.cacheRead = max(0, try scanner.scanInteger() ?? 0)
                    } else {
                        _ = try scanner.skipValue()
                    }
                }
                if seen { input.contextUsage = usage }
            } else {
                _ = try scanner.skipValue()
            }
        }
    }

    private static func readLimits(_ scanner: inout JSONScanner, into input: inout StatusLineInput)
        throws(JSONScanError)
    {
        try members(&scanner) { key, scanner throws(JSONScanError) in
            if scanner.matches(key, StatusKey.fiveHour) {
                input.fiveHour = try rateLimit(&scanner)
            } else if scanner.matches(key, StatusKey.sevenDay) {
                input.sevenDay = try rateLimit(&scanner)
            } else if scanner.matches(key, StatusKey.spendLimit) {
                var limit = SpendLimit(usedUSD: nil, limitUSD: nil)
                try members(&scanner) { key, scanner throws(JSONScanError) in
                    if scanner.matches(key, StatusKey.usedUSD) {
                        limit.usedUSD = try number(&scanner)
                    } else if scanner.matches(key, StatusKey.limitUSD) {
                        limit.limitUSD = try number(&scanner)
                    } else {
                        _ = try scanner.skipValue()
                    }
                }
                if limit.usedUSD != nil || limit.limitUSD != nil { input.spendLimit = limit }
            } else {
                _ = try scanner.skipValue()
            }
        }
    }

    private static func rateLimit(_ scanner: inout JSONScanner) throws(JSONScanError) -> RateLimit? {
        var percent: DecimalNumber?
        var resetsAt: Int?
        try members(&scanner) { key, scanner throws(JSONScanError) in
            if scanner.matches(key, StatusKey.usedPercentage) {
                percent = try number(&scanner)
            } else if scanner.matches(key, StatusKey.resetsAt) {
                switch scanner.peekKind() {
                case .number: resetsAt = try scanner.scanInteger()
                case .string:
                    let text = scanner.decode(try scanner.scanString())
                    resetsAt = Timestamp(iso8601: text)?.seconds
                default: _ = try scanner.skipValue()
                }
            } else {
                _ = try scanner.skipValue()
            }
        }
        return percent.map { RateLimit(usedPercent: $0, resetsAt: resetsAt) }
    }

    /// Calls `body` with each key of the object at the scanner, which must read or skip its value;
    /// a value that is not an object is skipped.
    static func members(
        _ scanner: inout JSONScanner,
        _ body: (JSONStringToken, inout JSONScanner) throws(JSONScanError) -> Void
    ) throws(JSONScanError) {
        guard scanner.peekKind() == .object else {
            _ = try scanner.skipValue()
            return
        }
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) { try body(key, &scanner) }
    }

    private static func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        guard let token = try scanner.scanOptionalString() else { return nil }
        let text = scanner.decode(token)
        return text.isEmpty ? nil : text
    }

    /// A number value as its text; nil (consuming the value) for anything else.
    static func number(_ scanner: inout JSONScanner) throws(JSONScanError) -> DecimalNumber? {
        guard scanner.peekKind() == .number else {
            _ = try scanner.skipValue()
            return nil
        }
        let range = try scanner.scanNumber()
        let text = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self)
        return DecimalNumber(text)
    }
}
