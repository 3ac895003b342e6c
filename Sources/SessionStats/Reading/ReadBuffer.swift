import SessionLogCore

/// A window onto a file, filled with large `read(2)` calls: bytes `start..<filled` are unconsumed.
///
/// Refilling moves the unconsumed tail to the front, so a record cut by a chunk boundary is whole
/// after the next refill. The storage grows only when one record outgrows it, up to `limit`.
struct ReadBuffer: ~Copyable {
    /// The storage.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// The storage's size.
    private(set) var capacity: Int
    /// The largest size the storage may grow to.
    let limit: Int
    /// The offset of the first unconsumed byte.
    var start = 0
    /// One past the last byte read.
    private(set) var filled = 0
    /// Whether the file has no more bytes.
    private(set) var atEnd = false
    /// The errno of a failed read, if one failed.
    private(set) var readError: Int32?
    /// Bytes read from the current file.
    private(set) var bytesRead = 0
    private var descriptor = FileDescriptor(rawValue: -1)
    // Bytes the current file may still give; reading stops there as at its end.
    private var remaining = Int.max

    /// Creates a buffer of `capacity` bytes that may grow to `limit`.
    init(capacity: Int, limit: Int) {
        self.capacity = max(capacity, 1)
        self.limit = max(limit, self.capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes read so far, for a scanner; offsets are buffer offsets.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: filled) }

    /// Starts reading a new file from its first byte, or from where it is, reading at most `length` bytes.
    mutating func reset(descriptor: FileDescriptor, length: Int = .max) {
        self.descriptor = descriptor
        remaining = max(length, 0)
        start = 0
        filled = 0
        atEnd = false
        readError = nil
        bytesRead = 0
    }

    /// Reads more bytes after `filled`, first moving the unconsumed bytes to the front, and growing
    /// the storage when they fill it; returns false when nothing more can be had (end, error, or limit).
    mutating func refill() -> Bool {
        guard !atEnd else { return false }
        if start > 0 {
            let kept = filled - start
            RawMemory.move(to: base, from: base + start, count: kept)
            filled = kept
            start = 0
        }
        if filled == capacity {
            guard capacity < limit else { return false }
            let grown = min(capacity * 2, limit)
            let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            storage.update(from: base, count: filled)
            base.deallocate()
            base = storage
            capacity = grown
        }
        if remaining > 0 {
            do throws(Errno) {
                let count = try descriptor.read(
                    into: UnsafeMutableRawBufferPointer(
                        start: base + filled, count: min(capacity - filled, remaining)))
                if count > 0 {
                    filled += count
                    bytesRead += count
                    remaining -= count
                    return true
                }
            } catch {
                readError = error.code
            }
        }
        atEnd = true
        return false
    }

    /// Ends reading with the error `code`, as a failed read does.
    mutating func fail(_ code: Int32) {
        readError = code
        atEnd = true
    }

    /// Drops every unconsumed byte, for skipping an over-long line.
    mutating func discardAll() {
        start = filled
    }
}
