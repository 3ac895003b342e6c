@preconcurrency import Glibc

/// Appends whole lines to private files with one write(2) each, so parallel writers never interleave.
///
/// Each append holds a shared `flock` on the file while it writes, and writes only into the file
/// that is at the name once the lock is held: `rotate` takes the exclusive lock before it reads a
/// file and removes it, so a line is never written into a file already rolled up and removed.
public enum AppendWriter {
    /// How long an append waits for `rotate` to release a file, in milliseconds, before it writes
    /// anyway (a line in a file being rotated is safer than no line).
    public static let lockWaitMilliseconds = 500
    /// How many times an append reopens a file that was removed or replaced under it.
    static let reopenAttempts = 4

    /// Creates `path` and its missing parents with mode 0700; refuses a directory of another user
    /// and tightens the mode of the user's own.
    public static func makeDirectory(_ path: String) throws(AppendError) {
        close(try SafeFile.openDirectory(path))
    }

    /// Appends `line` to the file at `path`, creating it (and its directory) private to the user.
    public static func append(_ line: [UInt8], to path: String) throws(AppendError) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directoryPath = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let directory = try SafeFile.openDirectory(directoryPath.isEmpty ? "/" : directoryPath)
        defer { close(directory) }
        try append(line, to: name, in: directory, path: path)
    }

    /// Appends `line` to `name` in the open directory `directory`; `path` names the file in errors.
    ///
    /// The whole line goes in one write on an O_APPEND descriptor, retried on EINTR. When the file
    /// does not end with a newline (a write cut short by a full disk), one goes first, so the line
    /// is not glued to the torn one.
    public static func append(_ line: [UInt8], to name: String, in directory: Int32, path: String)
        throws(AppendError)
    {
        var attempt = 0
        while true {
            attempt += 1
            let (descriptor, _) = try SafeFile.openForAppend(name, in: directory, path: path)
            defer { close(descriptor) }
            lockShared(descriptor)
            var opened = stat()
            guard fstat(descriptor, &opened) == 0 else { throw .open(path: path, errno: errno) }
            if attempt < reopenAttempts && !isAtName(opened, name: name, in: directory) { continue }
            var newline: UInt8 = 0
            let torn =
                opened.st_size > 0 && pread(descriptor, &newline, 1, opened.st_size - 1) == 1
                && newline != UInt8._newline
            if torn {
                try write([UInt8._newline] + line, to: descriptor, path: path)
            } else {
                try write(line, to: descriptor, path: path)
            }
            return
        }
    }

    /// Writes `line` in one write(2), retried on EINTR; after a short write (a full disk) ends the
    /// partial line with a newline and throws.
    static func write(_ line: [UInt8], to descriptor: Int32, path: String) throws(AppendError) {
        while true {
            let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written == line.count { return }
            if written < 0 && errno == EINTR { continue }
            if written < 0 { throw .write(path: path, errno: errno) }
            // A short write means the disk filled up mid-line; a partial line is better
            // ended than glued to the next writer's line.
            _ = [UInt8._newline].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, 1) }
            throw .write(path: path, errno: ENOSPC)
        }
    }

    /// Takes a shared lock on the open file, waiting up to `lockWaitMilliseconds` for an exclusive
    /// holder; returns whether it got it.
    @discardableResult
    static func lockShared(_ descriptor: Int32) -> Bool {
        var waited = 0
        while true {
            if flock(descriptor, LOCK_SH | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK || errno == EINTR, waited < lockWaitMilliseconds else { return false }
            var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
            nanosleep(&pause, nil)
            waited += 1
        }
    }

    /// Whether the open file with status `opened` is still linked and still the file at `name`.
    static func isAtName(_ opened: stat, name: String, in directory: Int32) -> Bool {
        guard opened.st_nlink > 0 else { return false }
        var current = stat()
        guard fstatat(directory, name, &current, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
        return current.st_dev == opened.st_dev && current.st_ino == opened.st_ino
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
    /// The file or directory is not one we write into: a link, a FIFO or device, or another user's.
    case refused(path: String, Refusal)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .directory(let path, let code):
            "cannot create log directory \(path): \(AppendError.describe(code))"
        case .open(let path, let code): "cannot open \(path): \(AppendError.describe(code))"
        case .write(let path, let code): "cannot write \(path): \(AppendError.describe(code))"
        case .refused(let path, let refusal): "refusing \(path): \(refusal.message)"
        }
    }

    /// The system's text for an errno value, lowercased.
    public static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text).lowercased()
    }
}
