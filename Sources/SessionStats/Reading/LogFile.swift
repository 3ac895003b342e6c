import SessionLogCore

/// One file to read: where it is, its date, and its format.
public struct LogFile: Sendable, Equatable {
    /// The file's path.
    public var path: String
    /// The date in its name.
    public var date: CivilDate
    /// Activity log or rollup.
    public var kind: LogFileReader.Kind
}
