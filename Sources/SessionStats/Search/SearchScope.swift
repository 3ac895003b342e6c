/// Which text of a transcript a search reads besides the user's prompts and the assistant's replies.
struct SearchScope: OptionSet, Equatable, Sendable {
    let rawValue: Int

    /// `--subagents`: subagents' transcripts and side-chain lines.
    static let subagents = SearchScope(rawValue: 1)
    /// `--thinking`: the assistant's thinking.
    static let thinking = SearchScope(rawValue: 2)
    /// `--all`: tool inputs and results, and the text Claude Code adds in the user's name
    /// (skill expansions, compaction summaries).
    static let tools = SearchScope(rawValue: 4)

    /// Whether text of `kind` on a line with these flags is read.
    func reads(_ kind: TranscriptLine.TextKind, meta: Bool) -> Bool {
        switch kind {
        case .prompt: !meta || contains(.tools)
        case .reply: true
        case .thinking: contains(.thinking)
        case .toolInput, .toolOutput: contains(.tools)
        }
    }
}
