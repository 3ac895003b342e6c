import SessionLogCore

/// What a search asks: the terms (none: list the newest sessions), filters, scope and how many.
struct SearchRequest: Equatable, Sendable {
    /// Every term must occur in a session; empty lists sessions without reading transcripts.
    var terms: [SearchTerm] = []
    /// Part of the project name or folder, in any ASCII case.
    var project: String?
    /// The local days a session must have been active on (nil: any).
    var days: ClosedRange<CivilDate>?
    /// What is read besides prompts and replies.
    var scope: SearchScope = []
    /// How many sessions to show; 0 shows all.
    var limit = 10

    /// Whether `session` passes the project and date filters, decided from the index alone.
    func admits(_ session: IndexedSession, clock: LocalClock) -> Bool {
        if let project, !project.isEmpty {
            let pattern = CaselessPattern(Array(project.utf8))
            let holds = { (text: String) -> Bool in
                var text = text
                return text.withUTF8 { buffer in
                    buffer.baseAddress.flatMap { pattern.firstMatch(in: $0, start: 0, end: buffer.count) }
                        != nil
                }
            }
            guard holds(session.project) || holds(session.cwd) else { return false }
        }
        if let days {
            guard let first = session.first, let last = session.last else { return false }
            if clock.date(of: last) < days.lowerBound || clock.date(of: first) > days.upperBound {
                return false
            }
        }
        return true
    }
}
