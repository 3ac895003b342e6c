/// The `HookCallIndex.key` of every call id one request names (its `tool_use` blocks, and the
/// results that entered its chain before it), hashed once for the chain (`ContextChain`) and the
/// join (`CallJoin`) alike: both look each call up by its key, for every request of the ledger.
struct RequestCallKeys {
    /// The keys of `toolUseIDs`, in order.
    private(set) var tools: [UInt64] = []
    /// The keys of `pieces.resultIDs`, in order.
    private(set) var results: [UInt64] = []

    /// No keys yet.
    init() {}

    /// The keys of `record`'s ids.
    init(_ record: UsageRecord) { fill(record) }

    /// Takes the keys of `record`'s ids, reusing the storage of the previous request's.
    mutating func fill(_ record: UsageRecord) {
        // One by one: a request names a few ids, and removeAll(keepingCapacity:) is a general
        // replaceSubrange call.
        while !tools.isEmpty { tools.removeLast() }
        while !results.isEmpty { results.removeLast() }
        for id in record.toolUseIDs { tools.append(HookCallIndex.key(id)) }
        for id in record.pieces.resultIDs { results.append(HookCallIndex.key(id)) }
    }
}
