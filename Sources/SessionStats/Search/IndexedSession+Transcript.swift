import SessionLogCore

extension IndexedSession {
    /// Takes what a listing needs from one object of the session's transcript:
    /// timestamps, folder, title lines and the first prompt.
    mutating func take(_ line: TranscriptLine, scanner: JSONScanner) {
        if let timestamp = line.timestamp { noteTime(timestamp) }
        if cwd.isEmpty, let token = line.cwd { noteFolder(scanner.decode(token)) }
        if let (kind, token) = line.title, titleKind.map({ kind >= $0 }) ?? true {
            title = PromptTitle.of(scanner.decode(token))
            titleKind = title == nil ? titleKind : kind
        }
        guard firstPrompt == nil, line.isUser, !line.isMeta, !line.isSidechain, !line.isCompactSummary else {
            return
        }
        for text in line.texts where text.kind == .prompt {
            if let prompt = PromptTitle.of(scanner.decode(text.token)) {
                firstPrompt = prompt
                return
            }
        }
    }
}
