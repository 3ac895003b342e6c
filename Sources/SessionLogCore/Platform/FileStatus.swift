#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// What `stat(2)` says about a file, in the same Swift types on every platform.
public struct FileStatus: Hashable, Sendable {
    /// The kinds of file the code base tells apart.
    public enum Kind: Hashable, Sendable {
        /// A regular file.
        case regular
        /// A directory.
        case directory
        /// A symbolic link (only `lstat` reports one).
        case symbolicLink
        /// A named pipe or an anonymous pipe.
        case fifo
        /// A device, socket or anything else.
        case other
    }

    /// The device holding the file.
    public var device: UInt64
    /// The inode number.
    public var inode: UInt64
    /// The size in bytes.
    public var size: Int
    /// The permission bits, including set-id and sticky bits (`mode & 0o7777`).
    public var permissions: UInt32
    /// The file's kind.
    public var kind: Kind
    /// The owner's user id.
    public var owner: UInt32
    /// The number of names the file has; 0 once it was removed while open.
    public var linkCount: Int
    /// The modification time's whole seconds since the epoch (`st_mtim` on Linux, `st_mtimespec` on Darwin).
    public var modifiedSeconds: Int
    /// The modification time's nanoseconds within its second.
    public var modifiedNanoseconds: Int

    /// Converts the platform's `stat` structure.
    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int(info.st_size)
        permissions = UInt32(info.st_mode) & 0o7777
        switch UInt32(info.st_mode) & UInt32(S_IFMT) {
        case UInt32(S_IFREG): kind = .regular
        case UInt32(S_IFDIR): kind = .directory
        case UInt32(S_IFLNK): kind = .symbolicLink
        case UInt32(S_IFIFO): kind = .fifo
        default: kind = .other
        }
        owner = UInt32(info.st_uid)
        linkCount = Int(info.st_nlink)
        #if canImport(Darwin)
            modifiedSeconds = Int(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}
