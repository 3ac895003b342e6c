import SessionLogCore

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// The few file-system calls transcript reading and the usage ledger need, in one place.
enum FileSystem {
    /// What `stat` says about a file: enough to tell whether it changed.
    struct Status: Equatable, Sendable {
        /// The device the file is on.
        var device: UInt64
        /// Its inode number.
        var inode: UInt64
        /// Its size in bytes.
        var size: Int
        /// Whether it is a directory.
        var isDirectory: Bool
        /// Whether it is a regular file.
        var isRegular: Bool
        /// Its owner's user id.
        var owner: UInt32
    }

    /// The status of `path`, following a final symbolic link unless `followLink` is false; nil with `errno` set.
    static func status(_ path: String, followLink: Bool = true) -> Status? {
        var info = stat()
        let result = followLink ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        return Status(info)
    }

    /// The status of an open file.
    static func status(descriptor: Int32) -> Status? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return Status(info)
    }

    /// The last error number.
    static var lastError: Int32 { errno }

    /// Whether an error number means the path does not exist.
    static func isMissing(_ code: Int32) -> Bool { code == ENOENT || code == ENOTDIR }

    /// The entries of the directory at `path` (without `.` and `..`), with whether each is a directory,
    /// a regular file or something else; symbolic links are reported as something else and never followed.
    static func entries(of path: String) -> [(name: String, kind: EntryKind)]? {
        guard let stream = opendir(path) else { return nil }
        defer { closedir(stream) }
        var result: [(String, EntryKind)] = []
        while let record = readdir(stream) {
            let name = withUnsafePointer(to: &record.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var kind: EntryKind
            switch Int32(record.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_REG): kind = .file
            case Int32(DT_UNKNOWN):
                // Some file systems do not fill d_type.
                let status = FileSystem.status(path + "/" + name, followLink: false)
                kind = status.map { $0.isDirectory ? .directory : $0.isRegular ? .file : .other } ?? .other
            default: kind = .other
            }
            result.append((name, kind))
        }
        return result
    }

    /// What a directory entry is.
    enum EntryKind: Sendable {
        case directory, file, other
    }

    /// Opens `path` read-only; nil with `errno` set.
    static func openForReading(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Opens (creating with mode 0600) a file of ours for appending or rewriting, refusing a symbolic
    /// link, anything but a regular file, and a file another user owns; nil with `errno` set.
    static func openOwned(_ path: String, append: Bool) -> Int32? {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (append ? O_APPEND : O_TRUNC)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else { return nil }
        guard let status = status(descriptor: descriptor), status.isRegular, status.owner == geteuid() else {
            close(descriptor)
            errno = EPERM
            return nil
        }
        return descriptor
    }

    /// Writes all of `bytes` at the descriptor's position (at the end for O_APPEND); returns errno or nil.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    /// Reads up to `count` bytes into `buffer`; the count read, 0 at the end, or -1 with `errno` set.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        while true {
            let result = systemRead(descriptor, buffer, count)
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    /// Moves the descriptor to `offset`; whether it could.
    static func seek(_ descriptor: Int32, to offset: Int) -> Bool {
        lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset)
    }

    /// Closes a descriptor.
    static func close(_ descriptor: Int32) { systemClose(descriptor) }

    /// Flushes a file to disk; errno or nil.
    static func sync(_ descriptor: Int32) -> Int32? { fsync(descriptor) == 0 ? nil : errno }

    /// Renames `from` over `to`; errno or nil.
    static func rename(_ from: String, to: String) -> Int32? { systemRename(from, to) == 0 ? nil : errno }

    /// Removes a file, ignoring errors.
    static func remove(_ path: String) { unlink(path) }

    /// Takes an exclusive lock on the open file, waiting for it; errno or nil.
    static func lock(_ descriptor: Int32) -> Int32? {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    /// The byte offset of the first `needle` (which starts with a byte that is rare in the text,
    /// such as a quote) in `bytes[start..<end]`, or nil.
    static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int)
        -> Int?
    {
        guard let base = bytes.baseAddress else { return nil }
        let count = needle.utf8CodeUnitCount
        let first = Int32(needle.utf8Start[0])
        var position = start
        while end - position >= count, let found = memchr(base + position, first, end - position - count + 1)
        {
            let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if memcmp(base + offset, needle.utf8Start, count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }

    /// The offset of the first newline in `bytes[start..<end]`, or nil.
    static func newline(in base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        guard end > start, let found = memchr(base + start, 0x0A, end - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The process id, for unique temporary names.
    static var processID: Int { Int(getpid()) }
}

extension FileSystem.Status {
    fileprivate init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int(info.st_size)
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        isRegular = (info.st_mode & S_IFMT) == S_IFREG
        owner = UInt32(info.st_uid)
    }
}

// At file scope these names are the C library's, which FileSystem's own methods shadow inside it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemClose(_ descriptor: Int32) { _ = close(descriptor) }

private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
