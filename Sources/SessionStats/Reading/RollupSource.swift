import SessionLogCore

/// A line at the head of a rollup that says which bytes of its day's activity file it already
/// holds: the first `bytes` bytes of a file at that name whose FNV-1a 64 hash is `hash`.
///
///     {"rollup":1,"source":"activity-2026-11-22.jsonl","bytes":48213,"fnv1a64":"9f0c2b1d7e4a8836"}
///
/// Content rather than device and inode identifies the file: an inode number is reused once the
/// file is removed, and a log copied back from a backup has a new inode but the same bytes. A file
/// at the activity name whose start matches a marker is read from `bytes` on; one that matches
/// none is read whole. See docs/rollup-format.md.
public struct RollupSource: Equatable, Sendable {
    /// The activity file's name.
    public var file: String
    /// How many bytes of it the rollup holds.
    public var bytes: Int
    /// The FNV-1a 64 hash of those bytes.
    public var hash: UInt64

    /// Creates a marker.
    public init(file: String, bytes: Int, hash: UInt64) {
        self.file = file
        self.bytes = bytes
        self.hash = hash
    }

    /// The keys of a marker line besides `rollup`.
    public enum Key {
        public static let source = "source"
        public static let bytes = "bytes"
        public static let hash = "fnv1a64"
    }

    /// How many bytes at a rollup's start are searched for markers; rotate keeps the newest that fit.
    public static let headBytes = 1 << 16
    /// How many markers a rollup keeps, newest last.
    public static let maximumCount = 64

    /// The marker as one line of compact JSON, newline included.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter(indent: 0, capacity: 128)
        writer.beginObject()
        writer.field(RollupRecord.Key.rollup, RollupRecord.version)
        writer.field(Key.source, file)
        writer.field(Key.bytes, bytes)
        let digits = String(hash, radix: 16)
        writer.field(Key.hash, String(repeating: "0", count: 16 - digits.count) + digits)
        writer.endObject()
        var line = writer.bytes
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The markers among the first lines of the open rollup, in file order; reading stops at the
    /// first line that is not one.
    public static func read(_ descriptor: Int32) -> [RollupSource] {
        var head = [UInt8](repeating: 0, count: headBytes)
        let count = head.withUnsafeMutableBytes {
            (try? FileDescriptor(rawValue: descriptor).read(into: $0, at: 0)) ?? -1
        }
        guard count > 0 else { return [] }
        var sources: [RollupSource] = []
        var start = 0
        head.withUnsafeBufferPointer { bytes in
            while start < count, let newline = bytes[start..<count].firstIndex(of: UInt8(ascii: "\n")) {
                var scanner = JSONScanner(bytes, start: start, end: newline)
                guard let source = try? decode(&scanner) else { return }
                sources.append(source)
                start = newline + 1
            }
        }
        return sources
    }

    /// Reads the object at the scanner's offset as a marker, or nil when it is not one.
    public static func decode(_ scanner: inout JSONScanner) throws(JSONScanError) -> RollupSource? {
        var file: String?
        var bytes: Int?
        var hash: UInt64?
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "source") {
                file = try scanner.scanOptionalString().map { scanner.decode($0) }
            } else if scanner.matches(key, "bytes") {
                bytes = try scanner.scanInteger()
            } else if scanner.matches(key, "fnv1a64") {
                hash = try scanner.scanOptionalString().flatMap { UInt64(scanner.decode($0), radix: 16) }
            } else {
                try scanner.skipValue()
            }
        }
        guard let file, let bytes, bytes >= 0, let hash else { return nil }
        return RollupSource(file: file, bytes: bytes, hash: hash)
    }

    /// How many bytes at the start of the open activity file (of `size` bytes) some marker in
    /// `sources` already holds: the longest match, or 0.
    public static func coveredPrefix(_ descriptor: Int32, size: Int, sources: [RollupSource]) -> Int {
        let lengths = Set(sources.map(\.bytes).filter { $0 > 0 && $0 <= size }).sorted()
        guard let longest = lengths.last else { return 0 }
        var covered = 0
        var hasher = FNV1a64()
        var position = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        for length in lengths {
            while position < length {
                let want = min(chunk.count, length - position)
                let count = chunk.withUnsafeMutableBytes {
                    (try? FileDescriptor(rawValue: descriptor).read(
                        into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want]), at: position)) ?? -1
                }
                guard count > 0 else { return covered }
                chunk.withUnsafeBufferPointer { hasher.add(UnsafeBufferPointer(rebasing: $0[0..<count])) }
                position += count
            }
            if sources.contains(where: { $0.bytes == length && $0.hash == hasher.value }) { covered = length }
            if length == longest { break }
        }
        return covered
    }

    /// The FNV-1a 64 hash of the first `length` bytes of the open file, or nil when they cannot be read.
    public static func hash(_ descriptor: Int32, length: Int) -> UInt64? {
        var hasher = FNV1a64()
        var position = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while position < length {
            let want = min(chunk.count, length - position)
            let count = chunk.withUnsafeMutableBytes {
                (try? FileDescriptor(rawValue: descriptor).read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want]), at: position)) ?? -1
            }
            guard count > 0 else { return nil }
            chunk.withUnsafeBufferPointer { hasher.add(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            position += count
        }
        return hasher.value
    }
}
