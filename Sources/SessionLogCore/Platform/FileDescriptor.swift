#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// An open file descriptor: a plain number the owner closes explicitly with `close()`.
///
/// Every call retries on EINTR and reports failure as a typed `Errno`.
public struct FileDescriptor: Hashable, Sendable {
    /// The descriptor number.
    public var rawValue: Int32

    /// Wraps a descriptor number someone else opened.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Descriptor 0.
    public static let standardInput = FileDescriptor(rawValue: 0)
    /// Descriptor 1.
    public static let standardOutput = FileDescriptor(rawValue: 1)
    /// Descriptor 2.
    public static let standardError = FileDescriptor(rawValue: 2)

    /// Whether a descriptor is opened for reading, writing or both.
    public enum Access: Sendable {
        /// O_RDONLY.
        case readOnly
        /// O_WRONLY.
        case writeOnly
        /// O_RDWR.
        case readWrite
    }

    /// The `open(2)` flags beyond the access mode; O_CLOEXEC is always added.
    public struct Options: OptionSet, Hashable, Sendable {
        /// The flag bits.
        public var rawValue: Int32
        /// Wraps flag bits.
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// O_APPEND: every write goes to the end, atomically.
        public static let append = Options(rawValue: O_APPEND)
        /// O_CREAT: create the file when it is missing.
        public static let create = Options(rawValue: O_CREAT)
        /// O_EXCL: with `create`, fail with EEXIST when the name exists.
        public static let exclusive = Options(rawValue: O_EXCL)
        /// O_TRUNC: empty the file.
        public static let truncate = Options(rawValue: O_TRUNC)
        /// O_NOFOLLOW: fail with ELOOP when the last component is a symbolic link.
        public static let noFollow = Options(rawValue: O_NOFOLLOW)
        /// O_NONBLOCK: do not wait, on open (a FIFO) nor on reads.
        public static let nonBlocking = Options(rawValue: O_NONBLOCK)
        /// O_DIRECTORY: fail unless the path is a directory.
        public static let directory = Options(rawValue: O_DIRECTORY)
    }

    /// Opens `path`, creating it with `permissions` (less the umask) when `options` has `create`.
    public static func open(
        _ path: String, _ access: Access, options: Options = [], permissions: UInt32 = 0o600
    ) throws(Errno) -> FileDescriptor {
        let mode: Int32
        switch access {
        case .readOnly: mode = O_RDONLY
        case .writeOnly: mode = O_WRONLY
        case .readWrite: mode = O_RDWR
        }
        while true {
            let descriptor = systemOpen(path, mode | options.rawValue | O_CLOEXEC, mode_t(permissions))
            if descriptor >= 0 { return FileDescriptor(rawValue: descriptor) }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// Opens `name` relative to the open directory `directory` (`openat(2)`), as `open` does a path.
    public static func open(
        _ name: String, in directory: FileDescriptor, _ access: Access, options: Options = [],
        permissions: UInt32 = 0o600
    ) throws(Errno) -> FileDescriptor {
        let mode: Int32
        switch access {
        case .readOnly: mode = O_RDONLY
        case .writeOnly: mode = O_WRONLY
        case .readWrite: mode = O_RDWR
        }
        while true {
            let descriptor = openat(
                directory.rawValue, name, mode | options.rawValue | O_CLOEXEC, mode_t(permissions))
            if descriptor >= 0 { return FileDescriptor(rawValue: descriptor) }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// Creates a pipe and returns its read and write ends.
    public static func pipe() throws(Errno) -> (read: FileDescriptor, write: FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        guard systemPipe(&ends) == 0 else { throw .current }
        return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
    }

    /// Closes the descriptor; an error here can mean earlier writes were lost (NFS, quotas).
    public func close() throws(Errno) {
        // EINTR on close leaves the descriptor closed on Linux and Darwin alike: never retry.
        guard systemClose(rawValue) == 0 else { throw .current }
    }

    /// Reads up to `buffer.count` bytes at the current offset; 0 means end of file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try retryingInterrupts { systemRead(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the file offset (`pread`).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(Errno) -> Int {
        try retryingInterrupts { pread(rawValue, buffer.baseAddress, buffer.count, off_t(offset)) }
    }

    /// Makes one `write(2)` of `bytes` and returns how many went; a short count is the caller's to handle.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        try retryingInterrupts { systemWrite(rawValue, bytes.baseAddress, bytes.count) }
    }

    /// Makes one `pwrite(2)` of `bytes` at `offset`, leaving the file offset alone; returns how many went.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(Errno) -> Int {
        try retryingInterrupts { pwrite(rawValue, bytes.baseAddress, bytes.count, off_t(offset)) }
    }

    /// Runs a read or write call until it is not interrupted by a signal (EINTR); a negative count throws errno.
    @inline(__always)
    private func retryingInterrupts(_ call: () -> Int) throws(Errno) -> Int {
        while true {
            let count = call()
            if count >= 0 { return count }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// Writes every byte, continuing after short writes; a write that makes no progress throws ENOSPC.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        var offset = 0
        while offset < bytes.count {
            let count = try write(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            guard count > 0 else { throw .noSpace }
            offset += count
        }
    }

    /// Writes every byte of `bytes`; see `writeAll(_:)`.
    public func writeAll(_ bytes: [UInt8]) throws(Errno) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(Errno) in try writeAll(buffer) } }.get()
    }

    /// Writes every UTF-8 byte of `text`; see `writeAll(_:)`.
    public func writeAll(_ text: String) throws(Errno) {
        var text = text
        try text.withUTF8 { buffer in
            Result { () throws(Errno) in try writeAll(UnsafeRawBufferPointer(buffer)) }
        }.get()
    }

    /// Moves the file offset to `offset` bytes from the start.
    public func seek(to offset: Int) throws(Errno) {
        guard lseek(rawValue, off_t(offset), SEEK_SET) >= 0 else { throw .current }
    }

    /// The current file offset.
    public func currentOffset() throws(Errno) -> Int {
        let offset = lseek(rawValue, 0, SEEK_CUR)
        guard offset >= 0 else { throw .current }
        return Int(offset)
    }

    /// Cuts or extends the file to `size` bytes (`ftruncate(2)`).
    public func truncate(to size: Int) throws(Errno) {
        guard ftruncate(rawValue, off_t(size)) == 0 else { throw .current }
    }

    /// What `fstat(2)` says about the open file.
    public func status() throws(Errno) -> FileStatus {
        var info = stat()
        guard fstat(rawValue, &info) == 0 else { throw .current }
        return FileStatus(info)
    }

    /// What `fstatat(2)` says about `name` in this open directory; a symbolic link itself unless
    /// `followingLinks`.
    public func status(ofEntry name: String, followingLinks: Bool = false) throws(Errno) -> FileStatus {
        var info = stat()
        guard fstatat(rawValue, name, &info, followingLinks ? 0 : AT_SYMLINK_NOFOLLOW) == 0 else {
            throw .current
        }
        return FileStatus(info)
    }

    /// Sets the permission bits exactly (`fchmod(2)`; the umask does not apply).
    public func setPermissions(_ permissions: UInt32) throws(Errno) {
        guard fchmod(rawValue, mode_t(permissions)) == 0 else { throw .current }
    }

    /// Asks the kernel to write the file's data to the device (`fsync(2)`); works on directories too.
    public func sync() throws(Errno) {
        guard fsync(rawValue) == 0 else { throw .current }
    }

    /// Like `sync()`, but on Darwin also flushes the drive's cache (`F_FULLFSYNC`), as a crash-safe
    /// replace needs; falls back to `fsync` where the file system cannot.
    public func syncDurably() throws(Errno) {
        #if canImport(Darwin)
            if fcntl(rawValue, F_FULLFSYNC) == 0 { return }
        #endif
        try sync()
    }

    /// The kinds of `flock(2)` lock.
    public enum LockKind: Sendable {
        /// LOCK_SH: many holders at once.
        case shared
        /// LOCK_EX: one holder.
        case exclusive
    }

    /// Takes a whole-file advisory lock, waiting for it when `wait` is true; returns false when
    /// `wait` is false and another descriptor holds a conflicting lock.
    @discardableResult
    public func lock(_ kind: LockKind, wait: Bool = true) throws(Errno) -> Bool {
        let operation = (kind == .shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB)
        while true {
            if flock(rawValue, operation) == 0 { return true }
            let error = Errno.current
            if error == .interrupted { continue }
            if error == .wouldBlock && !wait { return false }
            throw error
        }
    }

    /// Releases a lock taken with `lock(_:wait:)`; closing the descriptor releases it too.
    public func unlock() throws(Errno) {
        guard flock(rawValue, LOCK_UN) == 0 else { throw .current }
    }

    /// Waits until a read would not block, for at most `timeoutMilliseconds`; returns false on timeout.
    ///
    /// Throws when `poll(2)` cannot watch this descriptor, so the caller can fall back to a blocking read.
    public func waitUntilReadable(timeoutMilliseconds: Int) throws(Errno) -> Bool {
        try waitForInput(timeoutMilliseconds: timeoutMilliseconds) != .timedOut
    }

    /// What waiting for input on a descriptor found.
    public enum InputReadiness: Equatable, Sendable {
        /// Nothing to read before the timeout.
        case timedOut
        /// A read would not block now.
        case readable
        /// The other end hung up (`POLLHUP`: every writer of a pipe closed it): no read blocks any more,
        /// each returns what is left and then end of file, so there is no need to wait again.
        case hungUp
    }

    /// Waits until a read would not block, for at most `timeoutMilliseconds`, and says whether the
    /// writer has hung up.
    ///
    /// Throws when `poll(2)` cannot watch this descriptor, so the caller can fall back to a blocking read.
    public func waitForInput(timeoutMilliseconds: Int) throws(Errno) -> InputReadiness {
        let deadline = SystemClock.monotonicMilliseconds() + timeoutMilliseconds
        var poller = pollfd(fd: rawValue, events: Int16(POLLIN), revents: 0)
        while true {
            let remaining = max(deadline - SystemClock.monotonicMilliseconds(), 0)
            let ready = poll(&poller, 1, Int32(clamping: remaining))
            if ready > 0 { return poller.revents & Int16(POLLHUP) != 0 ? .hungUp : .readable }
            if ready == 0 { return .timedOut }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// Whether the descriptor is a terminal (`isatty(3)`).
    public var isTerminal: Bool { isatty(rawValue) == 1 }

    /// The width in columns of the terminal the descriptor is (`TIOCGWINSZ`); nil when it is none.
    public var terminalColumns: Int? {
        var size = winsize()
        guard ioctl(rawValue, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Tells the kernel the file will be read once from start to end (`posix_fadvise` on Linux; a no-op elsewhere).
    public func adviseSequentialRead() {
        #if os(Linux)
            _ = posix_fadvise(rawValue, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

}

// The C functions share names with the methods above; these aliases keep the calls unambiguous.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemPipe(_ ends: UnsafeMutablePointer<Int32>) -> Int32 { pipe(ends) }
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
