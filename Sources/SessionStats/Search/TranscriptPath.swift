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
        var path = path
        return path.withUTF8 { utf8 in
            // Byte offsets of the last three slashes, found from the end without splitting the path.
            var slashes = (-1, -1, -1)
            var found = 0
            var index = utf8.count - 1
            while index >= 0 && found < 3 {
                if utf8[index] == UInt8(ascii: "/") {
                    switch found {
                    case 0: slashes.0 = index
                    case 1: slashes.1 = index
                    default: slashes.2 = index
                    }
                    found += 1
                }
                index -= 1
            }
            func text(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
            }
            let name = utf8[(slashes.0 + 1)...]
            if found >= 2, utf8[(slashes.1 + 1)..<slashes.0].elementsEqual("subagents".utf8) {
                return .agent(parent: text((slashes.2 + 1)..<slashes.1))
            }
            if name.starts(with: "agent-".utf8) { return .agent(parent: nil) }
            let stem = name.count > 6 && name.suffix(6).elementsEqual(".jsonl".utf8) ? name.dropLast(6) : name
            return .main(sessionID: text(stem.startIndex..<stem.endIndex))
        }
    }
}
