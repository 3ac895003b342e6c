/// What a transcript file is, from its path: a session's main transcript or a subagent's.
enum TranscriptPath {
    /// A transcript's role.
    enum Role: Equatable, Sendable {
        /// `PROJECT/SESSION.jsonl`: the session's own transcript.
        case main(sessionID: String)
        /// `PROJECT/SESSION/subagents/agent-*.jsonl` (the parent known from the path), or an older
        /// `PROJECT/agent-*.jsonl` (nil: the session is named only inside the file).
        case agent(parent: String?)
    }

    /// The role of the transcript at `path`.
    static func role(of path: String) -> Role {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        let name = components.last.map(String.init) ?? path
        if components.count >= 3, components[components.count - 2] == "subagents" {
            return .agent(parent: String(components[components.count - 3]))
        }
        if name.hasPrefix("agent-") { return .agent(parent: nil) }
        return .main(sessionID: String(name.dropLast(".jsonl".count)))
    }
}
