/// The sizes of what a request's response held and of what entered its chain's context just before
/// it: what attribution shares a request's cost by (see docs/attribution.md).
///
/// Sizes are characters: of the compact JSON of a `tool_use` input or a `tool_result` content (as the hook counts), of the text of a text, thinking or prompt block. A record synced before sizes were
/// recorded has `isKnown` false, and attribution leaves the parts it would split by them unattributed.
public struct UsagePieces: Hashable, Sendable {
    /// Whether the sizes were recorded (ledger lines written before they were have none).
    public var isKnown = false
    /// The size of each `tool_use` block's `input`, in the order of the record's `toolUseIDs`.
    public var toolInputChars: [Int] = []
    /// The size of the response's text blocks.
    public var textChars = 0
    /// The size of the response's thinking blocks.
    public var thinkingChars = 0
    /// The size of the user messages that entered the chain since its previous request.
    public var promptChars = 0
    /// The `tool_use_id` of each tool result that entered the chain since its previous request.
    public var resultIDs: [String] = []
    /// The size of each of those results' `content`, in the order of `resultIDs`.
    public var resultChars: [Int] = []
    /// The subagent each of those results started (a `Task` or `Agent` call's `toolUseResult.agentId`),
    /// in the order of `resultIDs`, `""` for none; empty when no result started one.
    public var resultAgentIDs: [String] = []
    /// Whether the context was compacted since the chain's previous request (a new context starts).
    public var compacted = false

    /// Creates sizes; unknown until set.
    public init() {}

    /// Whether anything entered the context before the request (prompts, results, a compaction).
    public var hasContext: Bool { promptChars > 0 || !resultIDs.isEmpty || compacted }

    /// Adds what entered the context before another copy of the same request: its results and the
    /// largest prompt size (copies of one request carry the same context, or none).
    mutating func mergeContext(_ other: UsagePieces) {
        promptChars = max(promptChars, other.promptChars)
        compacted = compacted || other.compacted
        for (index, id) in other.resultIDs.enumerated() where !resultIDs.contains(id) {
            let agent = index < other.resultAgentIDs.count ? other.resultAgentIDs[index] : ""
            addResult(
                id, chars: index < other.resultChars.count ? other.resultChars[index] : 0, agentID: agent)
        }
    }

    /// Adds a result that entered the context; `agentID` is the subagent it started, `""` for none.
    mutating func addResult(_ id: String, chars: Int, agentID: String) {
        if !agentID.isEmpty || !resultAgentIDs.isEmpty {
            while resultAgentIDs.count < resultIDs.count { resultAgentIDs.append("") }
            resultAgentIDs.append(agentID)
        }
        resultIDs.append(id)
        resultChars.append(chars)
    }
}

extension UsageRecord {
    /// Takes in another copy of the same request: Claude Code writes one line per content block,
    /// each with the usage so far, so each copy holds some of the response. The union of the
    /// `tool_use` blocks, the largest text and thinking sizes and the context are kept.
    public mutating func merge(_ other: UsageRecord) {
        pieces.isKnown = pieces.isKnown || other.pieces.isKnown
        for (index, id) in other.toolUseIDs.enumerated() where !toolUseIDs.contains(id) {
            // Keep the two arrays aligned even when one copy had no sizes.
            while pieces.toolInputChars.count < toolUseIDs.count { pieces.toolInputChars.append(0) }
            toolUseIDs.append(id)
            pieces.toolInputChars.append(
                index < other.pieces.toolInputChars.count ? other.pieces.toolInputChars[index] : 0)
        }
        pieces.textChars = max(pieces.textChars, other.pieces.textChars)
        pieces.thinkingChars = max(pieces.thinkingChars, other.pieces.thinkingChars)
        pieces.mergeContext(other.pieces)
        if attribution.isEmpty { attribution = other.attribution }
        // The kept copy's miss; another copy's only when the kept one has none.
        if cacheMiss == nil { cacheMiss = other.cacheMiss }
    }
}
