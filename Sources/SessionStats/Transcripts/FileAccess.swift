import SessionLogCore

/// The few file calls transcript reading and the usage ledger need, errno-style, on the platform layer.
enum FileAccess {
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

    /// The status of `path`, following a final symbolic link unless `followLink` is false; nil with `lastError` set.
    static func status(_ path: String, followLink: Bool = true) -> Status? {
        remember { () throws(Errno) in try FileSystem.status(of: path, followingLinks: followLink) }.map(
            Status.init)
    }

    /// The status of an open file.
    static func status(descriptor: Int32) -> Status? {
        remember { () throws(Errno) in try FileDescriptor(rawValue: descriptor).status() }.map(Status.init)
    }

    /// The error number of the last call here that failed on this thread.
    static var lastError: Int32 { ThreadErrno.value }

    /// Whether an error number means the path does not exist.
    static func isMissing(_ code: Int32) -> Bool {
        code == Errno.noSuchFile.code || code == Errno.notDirectory.code
    }

    /// The entries of the directory at `path` (without `.` and `..`), with whether each is a directory,
    /// a regular file or something else; symbolic links are reported as something else and never followed.
    static func entries(of path: String) -> [(name: String, kind: EntryKind)]? {
        guard let entries = remember({ () throws(Errno) in try FileSystem.entries(in: path) }) else {
            return nil
        }
        return entries.map { entry in
            // Some file systems do not fill d_type.
            let kind =
                entry.kind
                ?? (try? FileSystem.status(of: path + "/" + entry.name, followingLinks: false))?.kind
            switch kind {
            case .directory: return (entry.name, .directory)
            case .regular: return (entry.name, .file)
            default: return (entry.name, .other)
            }
        }
    }

    /// What a directory entry is.
    enum EntryKind: Sendable {
        case directory, file, other
    }

    /// Opens `path` read-only; nil with `lastError` set.
    static func openForReading(_ path: String) -> Int32? {
        remember { () throws(Errno) in try FileDescriptor.open(path, .readOnly) }?.rawValue
    }

    /// Opens (creating with mode 0600) a file of ours for appending or rewriting, refusing a symbolic
    /// link, anything but a regular file, and a file another user owns; nil with `lastError` set.
    static func openOwned(_ path: String, append: Bool) -> Int32? {
        let options: FileDescriptor.Options = [.create, .noFollow, append ? .append : .truncate]
        guard
            let descriptor = remember({ () throws(Errno) in
                try FileDescriptor.open(path, .writeOnly, options: options, permissions: 0o600)
            })
        else { return nil }
        guard let status = try? descriptor.status(), status.kind == .regular,
            status.owner == CurrentProcess.effectiveUserID
        else {
            try? descriptor.close()
            ThreadErrno.value = Errno.notPermitted.code
            return nil
        }
        return descriptor.rawValue
    }

    /// Writes all of `bytes` at the descriptor's position (at the end for O_APPEND); returns errno or nil.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        do throws(Errno) {
            try FileDescriptor(rawValue: descriptor).writeAll(bytes)
            return nil
        } catch {
            return error.code
        }
    }

    /// Reads up to `count` bytes into `buffer`; the count read, 0 at the end, or -1 with `lastError` set.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        remember { () throws(Errno) in
            try FileDescriptor(rawValue: descriptor).read(
                into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
        } ?? -1
    }

    /// Moves the descriptor to `offset`; whether it could (`lastError` says why not).
    static func seek(_ descriptor: Int32, to offset: Int) -> Bool {
        remember { () throws(Errno) in try FileDescriptor(rawValue: descriptor).seek(to: offset) } != nil
    }

    /// Closes a descriptor.
    static func close(_ descriptor: Int32) { try? FileDescriptor(rawValue: descriptor).close() }

    /// Flushes a file to disk; errno or nil.
    static func sync(_ descriptor: Int32) -> Int32? {
        do throws(Errno) {
            try FileDescriptor(rawValue: descriptor).sync()
            return nil
        } catch {
            return error.code
        }
    }

    /// Renames `from` over `to`; errno or nil.
    static func rename(_ from: String, to: String) -> Int32? {
        do throws(Errno) {
            try FileSystem.rename(from, to: to)
            return nil
        } catch {
            return error.code
        }
    }

    /// Removes a file, ignoring errors.
    static func remove(_ path: String) { try? FileSystem.remove(path) }

    /// Takes an exclusive lock on the open file, waiting for it; errno or nil.
    static func lock(_ descriptor: Int32) -> Int32? {
        do throws(Errno) {
            try FileDescriptor(rawValue: descriptor).lock(.exclusive)
            return nil
        } catch {
            return error.code
        }
    }

    /// The byte offset of the first `needle` (which starts with a byte that is rare in the text,
    /// such as a quote) in `bytes[start..<end]`, or nil.
    static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int)
        -> Int?
    {
        guard let base = bytes.baseAddress else { return nil }
        let count = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var position = start
        while end - position >= count,
            let found = RawMemory.firstPosition(
                of: first, in: base + position, count: end - position - count + 1)
        {
            let offset = found - UnsafeRawPointer(base)
            if RawMemory.equal(base + offset, needle.utf8Start, count: count) { return offset }
            position = offset + 1
        }
        return nil
    }

    /// The offset of the first newline in `bytes[start..<end]`, or nil.
    static func newline(in base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        guard end > start, let found = RawMemory.firstPosition(of: 0x0A, in: base + start, count: end - start)
        else { return nil }
        return found - UnsafeRawPointer(base)
    }

    /// The process id, for unique temporary names.
    static var processID: Int { Int(CurrentProcess.id) }

    private static func remember<T>(_ body: () throws(Errno) -> T) -> T? {
        do throws(Errno) {
            return try body()
        } catch {
            ThreadErrno.value = error.code
            return nil
        }
    }
}

extension FileAccess.Status {
    fileprivate init(_ status: FileStatus) {
        device = status.device
        inode = status.inode
        size = status.size
        isDirectory = status.kind == .directory
        isRegular = status.kind == .regular
        owner = status.owner
    }
}
