import SessionLogCore

/// What the session index keeps of one session: enough to list it and to decide, before reading
/// its transcript, whether a search's filters can match it.
struct IndexedSession: Equatable, Sendable {
    /// The session id (the transcript's file name).
    var id: String
    /// The folder of its earliest request (before one is seen, of its first line); empty when unknown.
    var cwd = ""
    /// The base name of `cwd`, as the hook names a project; for a session known only from the hook
    /// log, the hook's own `project`.
    var project = ""
    /// Whether `cwd` is the earliest request's folder, not a first line's that later requests may replace.
    var folderFromRequest = false
    /// Its first and last timestamps.
    var first: Timestamp?
    /// See `first`.
    var last: Timestamp?
    /// The best title line seen and its kind.
    var title: String?
    /// See `title`.
    var titleKind: TranscriptLine.TitleKind?
    /// The first prompt the user typed, as `PromptTitle` makes it.
    var firstPrompt: String?
    /// The main transcript; nil when it is gone or was never seen (known from the logs only).
    var transcript: IndexedFile?
    /// Its subagents' transcripts.
    var agents: [IndexedFile] = []
    /// Its exact cost when last priced, valid while the index's log stamp holds; `.some(nil)` when
    /// the ledger had no request of it, nil when not priced yet.
    var cost: SessionCost??

    /// Creates an empty record for `id`.
    init(id: String) { self.id = id }

    /// The title to show: the session's title line, else its first prompt.
    var displayTitle: String? { title ?? firstPrompt }

    /// Takes `cwd` as the folder unless one is known, and `named` (the hook's `project`) or else the
    /// base name of `cwd` as the project.
    mutating func noteFolder(_ cwd: String, project named: String? = nil) {
        guard self.cwd.isEmpty, !cwd.isEmpty else { return }
        self.cwd = cwd
        project = named.flatMap { $0.isEmpty ? nil : $0 } ?? TextClipping.baseName(cwd) ?? cwd
    }

    /// Widens the first and last timestamps to cover `timestamp`.
    mutating func noteTime(_ timestamp: Timestamp) {
        if first.map({ timestamp < $0 }) ?? true { first = timestamp }
        if last.map({ timestamp > $0 }) ?? true { last = timestamp }
    }
}

/// One transcript file as the index last saw it.
struct IndexedFile: Equatable, Sendable {
    /// Its path.
    var path: String
    /// Device and inode: a file replaced under the same name is read again from the start.
    var device: UInt64
    /// See `device`.
    var inode: UInt64
    /// Its size when last read.
    var size: Int
    /// Where the next read starts: just after the last complete line.
    var scanned: Int

    /// Whether `file` is this one unchanged.
    func isUnchanged(_ file: TranscriptFile) -> Bool {
        file.device == device && file.inode == inode && file.size == size
    }

    /// Whether `file` is this one with lines appended.
    func hasGrown(_ file: TranscriptFile) -> Bool {
        file.device == device && file.inode == inode && file.size > size
    }
}
