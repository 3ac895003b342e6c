import SessionLogCore

/// Today's activity-log totals per session, as the status line needs them: operations, estimated
/// tokens, and the model each session's SessionStart named, so the estimate can be priced.
///
/// It is built incrementally: `StatusLineCache` keeps it with the byte offset of today's file it
/// covers, so each refresh adds only the lines appended since.
public struct TodayActivity: Equatable, Sendable {
    /// One session's totals today.
    public struct Session: Equatable, Sendable {
        /// The model its SessionStart named, if one was read today.
        public var model: String?
        /// Operations.
        public var operations = 0
        /// Estimated tokens.
        public var tokens = TokenCount()

        /// Counts one of the session's entries.
        @inline(__always)
        mutating func add(_ entry: LogEntry, tokens entryTokens: TokenCount) {
            if entry.operations == 0 && entry.event == .sessionStart, let model = entry.model, !model.isEmpty
            {
                self.model = model
            }
            operations +|= entry.operations
            tokens += entryTokens
        }

        /// Creates totals.
        public init(model: String? = nil, operations: Int = 0, tokens: TokenCount = TokenCount()) {
            self.model = model
            self.operations = operations
            self.tokens = tokens
        }
    }

    /// The local day counted.
    public var day: CivilDate
    /// Sessions by id.
    public var sessions: [String: Session] = [:]
    /// Lines without a session id.
    public var unattributed = Session()
    /// Records skipped as unreadable.
    public var skipped = 0

    /// Creates empty totals for `day`.
    public init(day: CivilDate) { self.day = day }

    /// Counts `entry` when it is on `day` and not an `invalid` hook line, as the report counts it.
    public mutating func add(_ entry: LogEntry) {
        guard entry.day == day, entry.event != .invalid else { return }
        let tokens = TokenCount(entry)
        if entry.sessionID.isEmpty {
            unattributed.operations +|= entry.operations
            unattributed.tokens += tokens
            return
        }
        // Changed in place: one lookup, no copy of the session's model.
        sessions[entry.sessionID, default: Session()].add(entry, tokens: tokens)
    }

    /// Operations today.
    public var operations: Int { sessions.values.reduce(unattributed.operations) { $0 + $1.operations } }

    /// Estimated tokens today.
    public var tokens: Int { sessions.values.reduce(unattributed.tokens.total) { $0 + $1.tokens.total } }

    /// The estimated cost of `session` at its model's rates; `fallbackModel` (stdin's) stands in
    /// when its SessionStart was not read today. Sonnet's rates when neither names a model.
    public func cost(ofSession id: String, fallbackModel: String?, pricing: Pricing) -> USD {
        guard let session = sessions[id] else { return .zero }
        let model = session.model ?? fallbackModel
        return pricing.choice(forModel: model).rates.cost(of: session.tokens).total
    }

    /// The estimated cost of the whole day, each session at its own model's rates; the current
    /// session (`currentSession`) uses `currentModel` when its SessionStart was not read today.
    public func cost(currentSession: String?, currentModel: String?, pricing: Pricing) -> USD {
        var byModel: [String: RateChoice] = [:]
        var total = pricing.choice(forModel: nil).rates.cost(of: unattributed.tokens).total
        for (id, session) in sessions {
            let model = session.model ?? (id == currentSession ? currentModel : nil) ?? ""
            let choice = byModel[model] ?? pricing.choice(forModel: model.isEmpty ? nil : model)
            byModel[model] = choice
            total += choice.rates.cost(of: session.tokens).total
        }
        return total
    }
}

extension TodayActivity {
    /// Adds another directory's totals for the same day.
    public mutating func merge(_ other: TodayActivity) {
        for (id, session) in other.sessions {
            var mine = sessions[id] ?? Session()
            mine.model = mine.model ?? session.model
            mine.operations += session.operations
            mine.tokens += session.tokens
            sessions[id] = mine
        }
        unattributed.operations += other.unattributed.operations
        unattributed.tokens += other.unattributed.tokens
        skipped += other.skipped
    }
}
