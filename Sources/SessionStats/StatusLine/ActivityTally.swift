import SessionLogCore

/// What one activity-log record adds to `TodayActivity`, as `ActivityTallyDecoder` reads it
/// straight from the file's bytes.
///
/// `session` points into the read buffer: a tally is used only inside the reader's callback.
struct ActivityTally: DatedLogRecord {
    /// The events whose lines `TodayActivity` counts differently.
    enum Event: Equatable {
        /// `SessionStart`, which names the session's model.
        case sessionStart
        /// `UserPromptSubmit`, whose input tokens are a prompt.
        case userPromptSubmit
        /// `invalid`: stdin the hook could not read, not counted.
        case invalid
        /// Any other event, and legacy entries.
        case other
    }

    /// The local calendar day it counts for.
    var day: CivilDate
    /// Its event, as far as the totals care.
    var event: Event
    /// Operations it stands for.
    var operations: Int
    /// Estimated tokens.
    var tokens: TokenCount
    /// The raw bytes of its session id when written without escapes; empty otherwise.
    var session: UnsafeBufferPointer<UInt8>
    /// Its session id when written with escapes, or of a rollup row; nil otherwise.
    var decodedSession: String?
    /// The model a SessionStart line names, when not empty.
    var model: String?

    /// Whether it has no session id, or an empty one.
    var isUnattributed: Bool { session.isEmpty && (decodedSession?.isEmpty ?? true) }
}

extension ActivityTally {
    /// The tally of a rollup row (`rotate`'s), decoded in full: today's file is never rolled up,
    /// but a tally decoder reads what it is given.
    init(_ entry: LogEntry) {
        let event: Event =
            switch entry.event {
            case .sessionStart: .sessionStart
            case .userPromptSubmit: .userPromptSubmit
            case .invalid: .invalid
            default: .other
            }
        self.init(
            day: entry.day, event: event, operations: entry.operations, tokens: TokenCount(entry),
            session: UnsafeBufferPointer(start: nil, count: 0), decodedSession: entry.sessionID,
            model: entry.operations == 0 && event == .sessionStart && entry.model?.isEmpty == false
                ? entry.model : nil)
    }
}
