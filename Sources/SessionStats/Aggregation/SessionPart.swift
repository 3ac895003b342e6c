import SessionLogCore

/// A session's lines on one local day in one project: what per-day and per-project totals are built from.
///
/// A session keeps one part per day and project it touched, usually one or two, so the per-line
/// work is a comparison with the last part rather than two more hash lookups.
public struct SessionPart: Sendable {
    /// The local calendar day.
    public var day: CivilDate
    /// The project ("" for lines that name none).
    public var project: String
    /// Operations.
    public var operations = 0
    /// Failed operations.
    public var failures = 0
    /// Tokens of every line.
    public var tokens = TokenCount()

    /// Creates an empty part.
    public init(day: CivilDate, project: String) {
        self.day = day
        self.project = project
    }
}
