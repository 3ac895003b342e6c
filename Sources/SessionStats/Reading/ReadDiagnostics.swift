/// What reading the logs ran into, besides the entries themselves.
public struct ReadDiagnostics: Sendable, Equatable {
    /// How many line warnings are kept; later ones are only counted in `suppressedWarnings`.
    public static let maximumLineWarnings = 5

    /// Activity and rollup files read: to the end, except that of a file dated just before or after
    /// the days asked for, only the part that can hold entries of those days is read.
    public var filesRead = 0
    /// Of `filesRead`, how many were rollups standing in for a rotated activity file.
    public var rollupFilesRead = 0
    /// Bytes read from all files.
    public var bytesRead = 0
    /// Entries handed to the caller.
    public var entries = 0
    /// Records skipped: malformed, truncated, not a log record, or without a usable timestamp.
    ///
    /// Like `truncated`, `blankLines`, `invalidHookLines` and the line warnings, only problems in files
    /// dated within the days asked for are counted: a bad line has no day, and one in a file read only
    /// for its entries near midnight almost surely belongs to that file's own day.
    public var skipped = 0
    /// Of `skipped`, how many ended the file unfinished (the hook may be writing them right now).
    public var truncated = 0
    /// Lines holding only whitespace.
    public var blankLines = 0
    /// Lines (or rolled-up lines) the hook wrote with event "invalid", in the days asked for.
    public var invalidHookLines = 0
    /// Directories that do not exist.
    public var missingDirectories: [String] = []
    /// Files or directories that exist but could not be read.
    public var unreadablePaths = 0
    /// `path: reason` for each unreadable file or directory.
    public private(set) var pathWarnings: [String] = []
    /// `file:line: reason` for the first few skipped records, in reading order.
    public private(set) var lineWarnings: [String] = []
    /// Line warnings not kept because there were too many.
    public var suppressedWarnings = 0

    /// Creates empty diagnostics.
    public init() {}

    /// Every warning kept: unreadable paths first, then the first skipped records.
    public var warnings: [String] { pathWarnings + lineWarnings }

    /// Counts a skipped record and keeps its warning while there are few.
    mutating func skip(_ location: LogLocation, _ problem: RecordProblem) {
        skipped += 1
        if problem == .truncated { truncated += 1 }
        lineWarning("\(location): \(problem.message)")
    }

    /// Keeps a line warning while fewer than `maximumLineWarnings` were kept.
    mutating func lineWarning(_ text: @autoclosure () -> String) {
        if lineWarnings.count < ReadDiagnostics.maximumLineWarnings {
            lineWarnings.append(text())
        } else {
            suppressedWarnings += 1
        }
    }

    /// Records a file or directory that could not be read; these warnings are always kept.
    mutating func unreadable(_ path: String, _ reason: String) {
        unreadablePaths += 1
        pathWarnings.append("\(path): \(reason)")
    }

    /// Adds the file counts and path warnings of `other` (files read, bytes, unreadable paths),
    /// leaving out what it found in the files' lines: for files read only for their entries near midnight.
    mutating func mergeFiles(of other: ReadDiagnostics) {
        filesRead += other.filesRead
        rollupFilesRead += other.rollupFilesRead
        bytesRead += other.bytesRead
        unreadablePaths += other.unreadablePaths
        pathWarnings += other.pathWarnings
    }

    /// Adds what reading later files ran into, as if read after these.
    public mutating func merge(_ other: ReadDiagnostics) {
        mergeFiles(of: other)
        entries += other.entries
        skipped += other.skipped
        truncated += other.truncated
        blankLines += other.blankLines
        invalidHookLines += other.invalidHookLines
        missingDirectories += other.missingDirectories
        for warning in other.lineWarnings { lineWarning(warning) }
        suppressedWarnings += other.suppressedWarnings
    }
}
