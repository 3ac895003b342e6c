import SessionLogCore

/// Why `session-stats hooks` stopped.
public enum SetupError: Error, Equatable, Sendable {
    /// The command line was wrong.
    case usage(String)
    /// The settings file is not JSON, or not shaped like settings.
    case cannotParse(path: String, reason: String)
    /// The settings file exists but cannot be read.
    case cannotRead(path: String, errno: Int32)
    /// The backup copy could not be written.
    case cannotBackUp(path: String, errno: Int32)
    /// The settings file or its directory could not be written.
    case cannotWrite(path: String, errno: Int32)
    /// Another `hooks` run held the lock for too long.
    case locked(path: String)
    /// The file changed between reading it and replacing it.
    case changedWhileEditing(path: String)
    /// The file is not UTF-8, so rewriting it would change bytes the edit does not touch.
    case notUTF8(path: String, offset: Int)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .usage(let text): text
        case .cannotParse(let path, let reason): "cannot parse \(path): \(reason)"
        case .cannotRead(let path, let code): "cannot read \(path): \(AppendError.describe(code))"
        case .cannotBackUp(let path, let code): "cannot back up to \(path): \(AppendError.describe(code))"
        case .cannotWrite(let path, let code): "cannot write \(path): \(AppendError.describe(code))"
        case .locked(let path): "\(path) is held by another session-stats hooks run; try again"
        case .changedWhileEditing(let path):
            "\(path) changed while it was being edited (by Claude Code or an editor?); nothing written, run again"
        case .notUTF8(let path, let offset):
            "\(path) is not valid UTF-8 (byte \(offset)); nothing written: convert it to UTF-8 first"
        }
    }

    /// The exit code: 64 for usage errors, 1 for the rest.
    public var exitCode: ExitCode {
        if case .usage = self { return .usage }
        return .finding
    }
}
