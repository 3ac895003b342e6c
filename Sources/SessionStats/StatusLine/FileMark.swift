import SessionLogCore

/// How far into one file a cached total goes, and enough of the file to tell it is still the same one.
///
/// A file replaced under the cache (a new inode or device), truncated (shorter than the offset) or
/// rewritten in place (different bytes at its start or just before the offset) no longer matches,
/// so the total is rebuilt from the start rather than trusted.
public struct FileMark: Equatable, Sendable {
    /// `st_dev`.
    public var device: UInt64
    /// `st_ino`.
    public var inode: UInt64
    /// The bytes covered: everything before this offset, which is just after a newline (or 0).
    public var offset: Int
    /// A hash of the first bytes of the file, up to `sampleBytes` and not past `offset`.
    public var head: UInt64
    /// A hash of the `sampleBytes` bytes before `offset`.
    public var tail: UInt64

    /// How many bytes each hash covers.
    public static let sampleBytes = 256

    /// Creates a mark from its parts.
    public init(device: UInt64, inode: UInt64, offset: Int, head: UInt64, tail: UInt64) {
        self.device = device
        self.inode = inode
        self.offset = offset
        self.head = head
        self.tail = tail
    }

    /// The mark of the open file `descriptor` covered up to `offset`; nil when it cannot be read.
    public static func make(_ descriptor: FileDescriptor, status: FileStatus, offset: Int) -> FileMark? {
        guard let head = hash(descriptor, from: 0, to: min(offset, sampleBytes)),
            let tail = hash(descriptor, from: max(0, offset - sampleBytes), to: offset)
        else { return nil }
        return FileMark(
            device: status.device, inode: status.inode, offset: offset, head: head,
            tail: tail)
    }

    /// Whether the open file is still the one this mark was made of, grown or not.
    public func matches(_ descriptor: FileDescriptor, status: FileStatus) -> Bool {
        guard status.device == device, status.inode == inode, status.size >= offset
        else { return false }
        return FileMark.make(descriptor, status: status, offset: offset) == self
    }

    /// FNV-1a of bytes `start..<end` of the open file; nil when they cannot all be read.
    static func hash(_ descriptor: FileDescriptor, from start: Int, to end: Int) -> UInt64? {
        var bytes = [UInt8](repeating: 0, count: max(0, end - start))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                try? descriptor.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]), at: start + done)
            }
            guard let count, count > 0 else { return nil }
            done += count
        }
        return FNV1a.hash(bytes)
    }

    /// The offset just past the last newline of the open file's first `size` bytes at or after `from`;
    /// `from` when there is none, so a line still being written is left for the next refresh.
    static func lastLineEnd(_ descriptor: FileDescriptor, size: Int, from: Int) -> Int {
        let chunk = 1 << 16
        var end = size
        var buffer = [UInt8](repeating: 0, count: chunk)
        while end > from {
            let start = max(from, end - chunk)
            let count = buffer.withUnsafeMutableBytes {
                try? descriptor.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(end - start)]), at: start)
            }
            guard let count, count == end - start else { return from }
            if let index = buffer[0..<count].lastIndex(of: UInt8(ascii: "\n")) { return start + index + 1 }
            end = start
        }
        return from
    }
}

/// The 64-bit FNV-1a hash: fast, and plenty to tell a changed file or a damaged cache apart.
enum FNV1a {
    /// The hash of `bytes`.
    static func hash<Bytes: Sequence>(_ bytes: Bytes, into seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
