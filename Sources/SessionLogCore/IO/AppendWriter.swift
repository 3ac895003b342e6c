/// Appends whole lines to private files with one write(2) each, so parallel writers never interleave.
///
/// Each append holds a shared `flock` on the file while it writes, and writes only into the file
/// that is at the name once the lock is held: `rotate` takes the exclusive lock before it reads a
/// file and removes it, so a line is never written into a file already rolled up and removed.
public enum AppendWriter {
    /// How long an append waits for `rotate` to release a file, in milliseconds, before it writes
    /// anyway (a line in a file being rotated is safer than no line).
    public static let lockWaitMilliseconds = 1500
    /// How many times an append reopens a file that was removed or replaced under it.
    static let reopenAttempts = 4

    /// Creates `path` and its missing parents with mode 0700; refuses a directory of another user
    /// and tightens the mode of the user's own.
    public static func makeDirectory(_ path: String) throws(AppendError) {
        let directory = try SafeFile.openDirectory(path)
        try? directory.close()
    }

    /// Appends `line` to the file at `path`, creating it (and its directory) private to the user.
    public static func append(_ line: [UInt8], to path: String) throws(AppendError) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directoryPath = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let directory = try SafeFile.openDirectory(directoryPath.isEmpty ? "/" : directoryPath)
        defer { try? directory.close() }
        try append(line, to: name, in: directory, path: path)
    }

    /// Appends `line` to `name` in the open directory `directory`; `path` names the file in errors.
    ///
    /// The whole line goes in one write on an O_APPEND descriptor, retried on EINTR. When the file
    /// does not end with a newline (a write cut short by a full disk), one goes first, so the line
    /// is not glued to the torn one.
    public static func append(_ line: [UInt8], to name: String, in directory: FileDescriptor, path: String)
        throws(AppendError)
    {
        try line.withUnsafeBufferPointer { bytes throws(AppendError) in
            try append(bytes, to: name, in: directory, path: path)
        }
    }

    /// Appends the bytes of `line` to `name` in the open directory `directory`, as the `[UInt8]` form does.
    public static func append(
        _ line: UnsafeBufferPointer<UInt8>, to name: String, in directory: FileDescriptor, path: String
    ) throws(AppendError) {
        var attempt = 0
        while true {
            attempt += 1
            let descriptor = try SafeFile.openForAppendUnchecked(name, in: directory, path: path)
            defer { try? descriptor.close() }
            lockShared(descriptor)
            // Checked under the lock, with the status the rest needs: a regular file of the user's.
            let opened = try SafeFile.checkWritable(descriptor, path: path)
            if attempt < reopenAttempts && !isAtName(opened, name: name, in: directory) { continue }
            var newline: UInt8 = 0
            let torn =
                opened.size > 0
                && withUnsafeMutableBytes(
                    of: &newline, { try? descriptor.read(into: $0, at: opened.size - 1) }) == 1
                && newline != UInt8._newline
            if torn {
                try write([UInt8._newline] + line, to: descriptor, path: path)
            } else {
                try write(UnsafeRawBufferPointer(line), to: descriptor, path: path)
            }
            return
        }
    }

    /// Writes `line` in one write(2), retried on EINTR; after a short write (a full disk) ends the
    /// partial line with a newline and throws.
    static func write(_ line: [UInt8], to descriptor: FileDescriptor, path: String) throws(AppendError) {
        let written = line.withUnsafeBytes { bytes in
            Result { () throws(AppendError) in try write(bytes, to: descriptor, path: path) }
        }
        try written.get()
    }

    /// Writes the bytes of `line` as the `[UInt8]` form does.
    static func write(_ line: UnsafeRawBufferPointer, to descriptor: FileDescriptor, path: String)
        throws(AppendError)
    {
        let written = Result { () throws(Errno) in try descriptor.write(line) }
        switch written {
        case .success(line.count): return
        case .failure(let error): throw .write(path: path, errno: error.code)
        case .success:
            // A short write means the disk filled up mid-line; a partial line is better
            // ended than glued to the next writer's line.
            _ = [UInt8._newline].withUnsafeBytes { try? descriptor.write($0) }
            throw .write(path: path, errno: Errno.noSpace.code)
        }
    }

    /// Takes a shared lock on the open file, waiting up to `lockWaitMilliseconds` for an exclusive
    /// holder; returns whether it got it.
    @discardableResult
    static func lockShared(_ descriptor: FileDescriptor) -> Bool {
        var waited = 0
        while true {
            guard let locked = try? descriptor.lock(.shared, wait: false) else { return false }
            if locked { return true }
            guard waited < lockWaitMilliseconds else { return false }
            SystemClock.sleep(milliseconds: 1)
            waited += 1
        }
    }

    /// Whether the open file with status `opened` is still linked and still the file at `name`.
    public static func isAtName(_ opened: FileStatus, name: String, in directory: FileDescriptor) -> Bool {
        guard opened.linkCount > 0 else { return false }
        guard let current = try? directory.status(ofEntry: name) else { return false }
        return current.device == opened.device && current.inode == opened.inode
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
        Errno(code).message
    }
}
