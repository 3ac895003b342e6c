import SessionLogCore

/// The hook log's side of the join: tool calls by the 64-bit fingerprint of their `tool_use_id`,
/// and each subagent's type by its id. A report holds only a window of days in it (the days around
/// the ledger day being read, `evict(before:_:)`); a test may hold the whole log.
public struct HookCallIndex {
    /// What the hook logged about one call.
    public struct Call: Sendable {
        /// The local day it was logged on (after the call).
        public var day: CivilDate
        /// The tool.
        public var tool: String
        /// The file, command, URL or pattern it worked on, if any.
        public var detail: String?
        /// The MCP server of an `mcp__server__tool` call.
        public var mcpServer: String?
        /// The hook's estimate: characters of input and response over four.
        public var estimatedTokens: Int
        /// Whether the ledger saw it: a request issued it, or a chain held its result.
        public var joined = false
    }

    /// The calls, by `key(_:)` of their `tool_use_id`.
    public private(set) var calls: [UInt64: Call] = [:]
    /// Subagent types by agent id (one entry per subagent, kept for the whole range).
    public private(set) var agentTypes: [String: String] = [:]
    // Keys in the order they came (day order, as days are loaded forward), for eviction.
    private var order: [UInt64] = []
    private var orderStart = 0

    /// The optional log fields the index needs.
    public static let fields: LogFields = [.attribution, .file, .command, .url, .pattern, .path]

    /// Creates an empty index.
    public init() {}

    /// The key of `tool_use_id` `id`: its 64-bit FNV-1a (a chance collision among a million ids
    /// has odds of about 1 in 36 million, and would only give one call the other's tool name).
    public static func key(_ id: String) -> UInt64 {
        // The string's own bytes, not a walk of its UTF-8 view a byte at a time; read in place (a
        // copy to make contiguous only for a string that is not).
        if let key = id.utf8.withContiguousStorageIfAvailable(key(of:)) { return key }
        var id = id
        return id.withUTF8(key(of:))
    }

    // The 64-bit FNV-1a of `bytes`.
    @inline(__always)
    private static func key(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = RequestFingerprint<UInt64>()
        for byte in bytes { hash.mix(byte) }
        return hash.value
    }

    /// Takes in one log entry; only single tool calls with a `tool_use_id` count. Returns the key of
    /// the call it added, if any.
    @discardableResult
    public mutating func add(_ entry: LogEntry) -> UInt64? {
        if let agent = entry.subagentID, let type = entry.subagentType, agentTypes[agent] != type {
            agentTypes[agent] = type
        }
        guard entry.source == .v1, entry.isOperation, let id = entry.toolUseID, !id.isEmpty else {
            return nil
        }
        let key = Self.key(id)
        calls[key] = Call(
            day: entry.day, tool: entry.tool ?? "?",
            detail: entry.file ?? entry.command ?? entry.url ?? entry.pattern ?? entry.path,
            mcpServer: entry.mcpServer, estimatedTokens: entry.inputTokens + entry.outputTokens)
        order.append(key)
        return key
    }

    /// Puts back a call a rotated range left in the index (`AttributionRollup`); before any `add`.
    mutating func restore(_ key: UInt64, _ call: Call) {
        calls[key] = call
        order.append(key)
    }

    /// Puts back a subagent's type a rotated range's hook log gave (`AttributionRollup`).
    mutating func restoreAgentType(_ agent: String, _ type: String) { agentTypes[agent] = type }

    /// Marks call `key` joined and returns where `calls` holds it, or nil when it does not (a
    /// position, not a copy: the ledger names every call again and again, and a copy of its
    /// strings costs more than the look-up).
    @discardableResult
    mutating func join(_ key: UInt64) -> Dictionary<UInt64, Call>.Index? {
        // Without a hook log the window is empty: no key to hash.
        guard !calls.isEmpty, let index = calls.index(forKey: key) else { return nil }
        calls.values[index].joined = true
        return index
    }

    /// Call `key`, nil when the window does not hold it.
    @inline(__always)
    func call(_ key: UInt64) -> Call? { calls.isEmpty ? nil : calls[key] }

    /// Removes the calls logged before `day`, oldest first, handing each to `body`.
    mutating func evict(before day: CivilDate, _ body: (UInt64, Call) -> Void) {
        while orderStart < order.count {
            let key = order[orderStart]
            if let call = calls[key] {
                guard call.day < day else { break }
                calls[key] = nil
                body(key, call)
            }
            orderStart += 1
        }
        if orderStart > 4096 && orderStart * 2 > order.count {
            order.removeFirst(orderStart)
            orderStart = 0
        }
    }
}
