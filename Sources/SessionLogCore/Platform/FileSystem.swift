#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// Operations on paths: status, directories, renames and removals.
public enum FileSystem {
    /// What `stat(2)` says about `path`, or `lstat(2)` (the link itself) when `followingLinks` is false.
    public static func status(of path: String, followingLinks: Bool = true) throws(Errno) -> FileStatus {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { throw .current }
        return FileStatus(info)
    }

    /// Creates one directory with `permissions` (less the umask); throws EEXIST when the name exists.
    public static func makeDirectory(_ path: String, permissions: UInt32 = 0o700) throws(Errno) {
        guard mkdir(path, mode_t(permissions)) == 0 else { throw .current }
    }

    /// Creates a new private directory named `prefix` plus six random characters (`mkdtemp(3)`).
    public static func makeTemporaryDirectory(prefix: String) throws(Errno) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw .current }
        return String(cString: made)
    }

    /// Creates a scratch file only this process reaches: a fresh name in `directory` made with mode
    /// 0600 and `O_EXCL` (`mkstemp(3)`: never an existing file or symlink), unlinked at once, so
    /// nothing is left behind however the process ends; the caller closes the descriptor.
    public static func makeUnlinkedFile(in directory: String) throws(Errno) -> FileDescriptor {
        var template = Array((directory + "/.session-stats-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .current }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let removed = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        guard removed == 0 else {
            let error = Errno.current
            _ = close(descriptor)
            throw error
        }
        return FileDescriptor(rawValue: descriptor)
    }

    /// Removes an empty directory.
    public static func removeDirectory(_ path: String) throws(Errno) {
        guard rmdir(path) == 0 else { throw .current }
    }

    /// Removes a name that is not a directory (`unlink(2)`); a symbolic link itself goes, not its target.
    public static func remove(_ path: String) throws(Errno) {
        guard unlink(path) == 0 else { throw .current }
    }

    /// Renames `source` to `destination` atomically, replacing a file already there.
    public static func rename(_ source: String, to destination: String) throws(Errno) {
        guard systemRename(source, destination) == 0 else { throw .current }
    }

    /// Sets the permission bits of `path`, following a symbolic link.
    public static func setPermissions(_ path: String, _ permissions: UInt32) throws(Errno) {
        guard chmod(path, mode_t(permissions)) == 0 else { throw .current }
    }

    /// Creates a named pipe (FIFO) at `path` with `permissions` (less the umask).
    public static func makeFIFO(_ path: String, permissions: UInt32 = 0o600) throws(Errno) {
        guard mkfifo(path, mode_t(permissions)) == 0 else { throw .current }
    }

    /// Creates a symbolic link at `path` that points to `target`.
    public static func makeSymbolicLink(at path: String, to target: String) throws(Errno) {
        guard symlink(target, path) == 0 else { throw .current }
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved (`realpath(3)`).
    public static func resolvedPath(_ path: String) throws(Errno) -> String {
        guard let resolved = realpath(path, nil) else { throw .current }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in the directory at `path`, without `.` and `..`, in the order the system gives them.
    public static func names(in path: String) throws(Errno) -> [String] {
        try entries(in: path).map(\.name)
    }

    /// One name in a directory and its kind as the listing tells it (`d_type`), without a `stat`.
    public struct DirectoryEntry: Hashable, Sendable {
        /// The name, without the directory.
        public var name: String
        /// The kind; a symbolic link is `.symbolicLink`, never its target's; nil when the file
        /// system does not say (then `status(of:followingLinks:)` tells).
        public var kind: FileStatus.Kind?
    }

    /// The entries of the directory at `path`, without `.` and `..`, in the order the system gives them.
    public static func entries(in path: String) throws(Errno) -> [DirectoryEntry] {
        guard let stream = opendir(path) else { throw .current }
        defer { closedir(stream) }
        var entries: [DirectoryEntry] = []
        while let record = readdir(stream) {
            // d_name is 256 bytes on Linux and 1,024 on Darwin: read up to its NUL, whatever its size.
            let name = withUnsafePointer(to: &record.pointee.d_name) { pointer in
                pointer.withMemoryRebound(
                    to: CChar.self, capacity: MemoryLayout.size(ofValue: record.pointee.d_name)
                ) { String(cString: $0) }
            }
            guard name != "." && name != ".." else { continue }
            let kind: FileStatus.Kind?
            switch Int32(record.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_FIFO): kind = .fifo
            case Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            entries.append(DirectoryEntry(name: name, kind: kind))
        }
        return entries
    }

    /// Whether this process may run `path` (`access(2)` with `X_OK`, links followed).
    public static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

    /// The process's working directory, or nil when it is gone or too long.
    public static func currentDirectory() -> String? {
        // A stack buffer: an Array here costs the hook the runtime's array metadata set-up.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(PATH_MAX) + 1) { buffer in
            guard let base = buffer.baseAddress, getcwd(base, buffer.count) != nil else { return nil }
            return String(cString: base)
        }
    }
}

private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
