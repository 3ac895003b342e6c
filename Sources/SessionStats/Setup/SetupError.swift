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

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .usage(let text): text
        case .cannotParse(let path, let reason): "cannot parse \(path): \(reason)"
        case .cannotRead(let path, let code): "cannot read \(path): \(AppendError.describe(code))"
        case .cannotBackUp(let path, let code): "cannot back up to \(path): \(AppendError.describe(code))"
        case .cannotWrite(let path, let code): "cannot write \(path): \(AppendError.describe(code))"
        }
    }

    /// The exit code: 64 for usage errors, 1 for the rest.
    public var exitCode: ExitCode {
        if case .usage = self { return .usage }
        return .finding
    }
}
