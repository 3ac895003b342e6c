import SessionLogCore

extension IndexedSession {
    /// Takes what a listing needs from one object of the session's transcript: timestamps, the
    /// folder of the earliest request, title lines and the first prompt.
    mutating func take(_ line: TranscriptLine, scanner: JSONScanner) {
        if let timestamp = line.timestamp { noteTime(timestamp) }
        if let token = line.cwd {
            // A session's project is its earliest request's folder, as the usage ledger names it.
            if line.isAssistant && !line.isSidechain && !folderFromRequest {
                cwd = ""
                noteFolder(scanner.decode(token))
                folderFromRequest = !cwd.isEmpty
            } else if cwd.isEmpty {
                noteFolder(scanner.decode(token))
            }
        }
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
