import SessionLogCore

/// One file to read: where it is, its date, and its format.
public struct LogFile: Sendable, Equatable {
    /// The file's path.
    public var path: String
    /// The date in its name.
    public var date: CivilDate
    /// Activity log or rollup.
    public var kind: LogFileReader.Kind
    /// For an activity file whose day also has a rollup (rotated, then written to again): the
    /// rollup's path. Both are read; the activity file from where the rollup's markers end.
    public var rollupPath: String?

    /// Creates a file to read.
    public init(path: String, date: CivilDate, kind: LogFileReader.Kind, rollupPath: String? = nil) {
        self.path = path
        self.date = date
        self.kind = kind
        self.rollupPath = rollupPath
    }
}
