import SessionLogCore

/// Why a log directory could not be listed.
public enum LogDirectoryError: Error, Equatable, Sendable {
    /// The directory does not exist.
    case missing(String)
    /// It exists but cannot be read, or is not a directory.
    case unreadable(String, errno: Int32)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .missing(let path): "\(path): no such directory"
        case .unreadable(let path, let code): "\(path): cannot read directory: \(AppendError.describe(code))"
        }
    }
}
