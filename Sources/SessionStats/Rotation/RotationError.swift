import SessionLogCore

/// Why a rotation stopped; nothing was deleted for the day it names, or for any day after it.
public enum RotationError: Error, Equatable, Sendable {
    /// The log directory does not exist.
    case missingDirectory(String)
    /// The log directory cannot be listed or opened.
    case unreadableDirectory(String, errno: Int32)
    /// Another rotate holds the directory's lock.
    case busy(String)
    /// An activity file could not be read to the end.
    case unreadable(String, reason: String)
    /// A file could not be written, synced or renamed into place.
    case write(String, errno: Int32)
    /// A file could not be removed.
    case remove(String, errno: Int32)
    /// An activity file kept changing while it was rolled up.
    case stillChanging(String)
    /// A file could not be opened by the safe-open rules (a link, a FIFO, another user's file).
    case access(AppendError)

    /// A short lowercase message naming the file.
    public var message: String {
        switch self {
        case .missingDirectory(let path): "\(path): no such directory"
        case .unreadableDirectory(let path, let code):
            "\(path): cannot read directory: \(AppendError.describe(code))"
        case .busy(let path): "\(path): another rotate is running"
        case .unreadable(let path, let reason): "\(path): \(reason); nothing removed"
        case .write(let path, let code):
            "cannot write \(path): \(AppendError.describe(code)); nothing removed"
        case .remove(let path, let code): "cannot remove \(path): \(AppendError.describe(code))"
        case .stillChanging(let path): "\(path) kept changing while being rolled up; left in place"
        case .access(let error): error.message + "; nothing removed"
        }
    }
}
