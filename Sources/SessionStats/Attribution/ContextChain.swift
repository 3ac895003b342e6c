import SessionLogCore

/// One conversation context (a session's main chain, a subagent's, an aside's): what it holds and
/// the tool calls it issued, while it is open. Applies the per-request rule of docs/attribution.md.
struct ContextChain {
    /// A piece of the context and its size in characters.
    struct Piece {
        var owner: ContextOwner
        var chars: Int
    }

    /// Which part of a tool call's cost a share is.
    enum Share {
        case issue
        case result
        case carry
    }

    let sessionID: String
    let agentID: String?
    let isSidechain: Bool
    /// When its last request was answered.
    var last: Timestamp
    /// A subagent's chain keeps its buckets apart until it closes: they go to the call that started
    /// it, or to its session when none did.
    private(set) var ownBuckets = AttributionBuckets()
    /// The chain keys of the subagents its calls started.
    private(set) var startedAgents: [String] = []
    /// The tool calls it issued or answered, in order.
    private(set) var calls: [CallCost] = []
    private var callIndex: [String: Int] = [:]
    private var started = false
    // What the context held before the current request, one piece per owner.
    private var held: [Piece] = []
    private var heldPosition: [ContextOwner: Int] = [:]
    // The previous response's blocks: they enter the context of the next request.
    private var response: [Piece] = []

    init(sessionID: String, agentID: String?, isSidechain: Bool, start: Timestamp) {
        self.sessionID = sessionID
        self.agentID = agentID
        self.isSidechain = isSidechain
        last = start
    }

    /// Shares the request's price, cut into `parts`, into `buckets` (a subagent's: its own) and the
    /// calls' costs.
    mutating func attribute(_ record: UsageRecord, parts: CostParts, into buckets: inout AttributionBuckets) {
        guard agentID != nil else { return share(record, parts: parts, into: &buckets) }
        var own = ownBuckets
        share(record, parts: parts, into: &own)
        ownBuckets = own
    }

    /// The position of call `id`, when the chain has it.
    func position(of id: String) -> Int? { callIndex[id] }

    /// Notes that call `position` started the subagent whose chain key is `key`.
    mutating func started(_ key: String) { startedAgents.append(key) }

    /// Charges call `position` with the whole cost of the subagent it started; a subagent's chain
    /// (a subagent that started another) counts it in its own buckets' tools.
    mutating func charge(_ position: Int, subagent buckets: AttributionBuckets) {
        calls[position].subagent = calls[position].subagent + buckets.total
        calls[position].subagentTokens += buckets.tokens.total
        if agentID != nil {
            ownBuckets.tools = ownBuckets.tools + buckets.total
            ownBuckets.tokens.tools += buckets.tokens.total
        }
    }

    private mutating func share(
        _ record: UsageRecord, parts: CostParts, into buckets: inout AttributionBuckets
    ) {
        last = record.timestamp
        let pieces = record.pieces
        guard pieces.isKnown else {
            // A ledger line from before sizes were recorded: its calls exist, their cost is unknown.
            for id in record.toolUseIDs { issued(id, by: record) }
            buckets.unattributed = buckets.unattributed + parts.total
            buckets.tokens.unattributed += record.tokens.total
            started = true
            held = []
            heldPosition = [:]
            response = []
            return
        }
        let first = !started || pieces.compacted
        let newTokens = record.tokens.input + record.tokens.cacheWrite
        if pieces.compacted {
            // The old context, the previous response included, left with the compaction.
            held = []
            heldPosition = [:]
            response = []
        }
        var entering = response
        if pieces.promptChars > 0 { entering.append(Piece(owner: .prompt, chars: pieces.promptChars)) }
        for (index, id) in pieces.resultIDs.enumerated() {
            entering.append(Piece(owner: .call(call(id)), chars: pieces.resultChars[index]))
        }
        if first {
            let visible = entering.reduce(0) { $0 + $1.chars }
            let setup = max(0, 4 * newTokens - visible)
            if setup > 0 { entering.append(Piece(owner: .setup, chars: setup)) }
            buckets.setup = buckets.setup + parts.read
            buckets.tokens.setup += record.tokens.cacheRead
            share(parts.new, tokens: newTokens, over: entering, as: .result, into: &buckets)
        } else {
            share(parts.read, tokens: record.tokens.cacheRead, over: held, as: .carry, into: &buckets)
            if record.tokens.cacheRead == 0 && !held.isEmpty {
                // A cache miss: the whole context was written again.
                share(
                    parts.new, tokens: newTokens, over: held, as: .carry, then: entering, as: .result,
                    into: &buckets)
            } else {
                share(parts.new, tokens: newTokens, over: entering, as: .result, into: &buckets)
            }
        }
        var answer: [Piece] = []
        if pieces.textChars > 0 { answer.append(Piece(owner: .text, chars: pieces.textChars)) }
        if pieces.thinkingChars > 0 { answer.append(Piece(owner: .thinking, chars: pieces.thinkingChars)) }
        for (index, id) in record.toolUseIDs.enumerated() {
            let position = issued(id, by: record)
            let chars = index < pieces.toolInputChars.count ? pieces.toolInputChars[index] : 0
            answer.append(Piece(owner: .call(position), chars: chars))
        }
        share(parts.output, tokens: record.tokens.output, over: answer, as: .issue, into: &buckets)
        buckets.unattributed = buckets.unattributed + parts.webSearch
        for piece in entering { hold(piece) }
        response = answer
        started = true
    }

    // The index of call `id`, added when new.
    private mutating func call(_ id: String) -> Int {
        if let index = callIndex[id] { return index }
        callIndex[id] = calls.count
        calls.append(CallCost(id: id, sessionID: sessionID, agentID: agentID))
        return calls.count - 1
    }

    @discardableResult
    private mutating func issued(_ id: String, by record: UsageRecord) -> Int {
        let index = call(id)
        if calls[index].timestamp == nil {
            calls[index].timestamp = record.timestamp
            calls[index].model = record.model
        }
        return index
    }

    private mutating func hold(_ piece: Piece) {
        if let position = heldPosition[piece.owner] {
            held[position].chars += piece.chars
        } else {
            heldPosition[piece.owner] = held.count
            held.append(piece)
        }
    }

    // Shares `amount` and `tokens` by the sizes of `first` then `second` (each piece's share of the
    // kind its list gives); with nothing to share by, both are unattributed.
    private mutating func share(
        _ amount: USD, tokens: Int, over first: [Piece], as firstKind: Share, then second: [Piece] = [],
        as secondKind: Share = .result, into buckets: inout AttributionBuckets
    ) {
        if amount.picodollars == 0 && tokens == 0 { return }
        let split = first.count
        let size = { (index: Int) in index < split ? first[index].chars : second[index - split].chars }
        let count = split + second.count
        let shared = ProportionalSplit.forEachShare(of: amount.picodollars, count: count, size: size) {
            index, share in
            let (piece, kind) =
                index < split ? (first[index], firstKind) : (second[index - split], secondKind)
            let value = USD(picodollars: share)
            guard case .call(let position) = piece.owner else {
                buckets.add(value, tokens: 0, to: piece.owner)
                return
            }
            buckets.tools = buckets.tools + value
            switch kind {
            case .issue: calls[position].issue = calls[position].issue + value
            case .result: calls[position].result = calls[position].result + value
            case .carry: calls[position].carry = calls[position].carry + value
            }
        }
        guard shared else {
            buckets.unattributed = buckets.unattributed + amount
            buckets.tokens.unattributed += tokens
            return
        }
        _ = ProportionalSplit.forEachShare(of: Int128(tokens), count: count, size: size) { index, share in
            let (piece, kind) =
                index < split ? (first[index], firstKind) : (second[index - split], secondKind)
            let value = Int(share)
            guard case .call(let position) = piece.owner else {
                buckets.add(.zero, tokens: value, to: piece.owner)
                return
            }
            buckets.tokens.tools += value
            calls[position].tokens += value
            if kind == .carry { calls[position].carryTokens += value }
        }
    }
}
