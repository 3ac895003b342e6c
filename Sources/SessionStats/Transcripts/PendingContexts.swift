/// What entered each chain's context since the chain's last request, while one file is read: the
/// chain's next request carries it (see docs/usage-format.md, "Sizes").
struct PendingContexts {
    private struct Chain {
        var pieces = UsagePieces()
        var firstLine: Int?
        var lastMessageID: String?
    }

    private var chains: [String: Chain] = [:]
    /// The file offset where the last request line taken ends.
    var lastRequestLineEnd: Int

    /// Starts a pass at file offset `start`.
    init(start: Int = 0) { lastRequestLineEnd = start }

    private static func key(agentID: String?, isSidechain: Bool) -> String {
        agentID ?? (isSidechain ? "~" : "")
    }

    /// Notes what a user line or a compaction at `fileOffset` added to its chain.
    mutating func add(_ context: TranscriptContext, at fileOffset: Int) {
        let key = Self.key(agentID: context.agentID, isSidechain: context.isSidechain)
        var chain = chains[key] ?? Chain()
        chain.pieces.promptChars += context.promptChars
        for result in context.results {
            chain.pieces.addResult(result.id, chars: result.chars, agentID: result.agentID ?? "")
        }
        if context.compacted {
            // What came before a compaction left the context with it.
            chain.pieces = UsagePieces()
            chain.pieces.compacted = true
        }
        if chain.firstLine == nil { chain.firstLine = fileOffset }
        chains[key] = chain
    }

    /// The request with what entered its chain since the chain's previous request; a streamed copy
    /// of that previous request (same message id) takes nothing.
    mutating func attach(to record: UsageRecord) -> UsageRecord {
        let key = Self.key(agentID: record.agentID, isSidechain: record.isSidechain)
        var chain = chains[key] ?? Chain()
        var record = record
        if record.messageID == nil || record.messageID != chain.lastMessageID {
            record.pieces.mergeContext(chain.pieces)
            chain.pieces = UsagePieces()
            chain.firstLine = nil
        }
        chain.lastMessageID = record.messageID
        chains[key] = chain
        return record
    }

    /// Context no request has taken yet is read again next pass, so the request that follows it in a
    /// later sync carries it: the pass ends before its first line, unless a request was taken after
    /// that line (re-reading would repeat that request; the context is left out instead).
    func hold(_ pass: inout TranscriptReader.Pass) {
        let first = chains.values.compactMap { $0.pieces.hasContext ? $0.firstLine : nil }.min()
        guard let first, first >= lastRequestLineEnd, first < pass.endOffset else { return }
        pass.endOffset = first
    }
}
