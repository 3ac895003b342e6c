@preconcurrency import Glibc

/// Appends whole lines to private files with one write(2) each, so parallel writers never interleave.
public enum AppendWriter {
    /// Creates `path` and its missing parents with mode 0700.
    public static func makeDirectory(_ path: String) throws(AppendError) {
        // The directory is there on every run but the first: one stat, no walk over the components.
        var existing = stat()
        if stat(path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFDIR { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .directory(path: prefix, errno: errno)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .directory(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .directory(path: path, errno: ENOTDIR) }
    }

    /// Appends `line` to the file at `path`, creating it with mode 0600.
    ///
    /// The whole line goes in one write on an O_APPEND descriptor, retried on EINTR.
    public static func append(_ line: [UInt8], to path: String) throws(AppendError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .open(path: path, errno: errno) }
        defer { close(descriptor) }
        while true {
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written == line.count { return }
            if written < 0 && errno == EINTR { continue }
            if written < 0 { throw .write(path: path, errno: errno) }
            // A short write means the disk filled up mid-line; a partial line is better
            // ended than glued to the next writer's line.
            _ = [UInt8._newline].withUnsafeBytes { write(descriptor, $0.baseAddress, 1) }
            throw .write(path: path, errno: ENOSPC)
        }
    }
}

/// Why a line could not be appended.
public enum AppendError: Error, Equatable, Sendable {
    /// The log directory could not be created or is not a directory.
    case directory(path: String, errno: Int32)
    /// The file could not be opened.
    case open(path: String, errno: Int32)
    /// The write failed.
    case write(path: String, errno: Int32)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .directory(let path, let code):
            "cannot create log directory \(path): \(AppendError.describe(code))"
        case .open(let path, let code): "cannot open \(path): \(AppendError.describe(code))"
        case .write(let path, let code): "cannot write \(path): \(AppendError.describe(code))"
        }
    }

    /// The system's text for an errno value, lowercased.
    public static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text).lowercased()
    }
}
