/// A growable run of bytes in memory of its own, without `Array`.
///
/// The first `[UInt8]` the standard library grows makes the runtime register every prespecialized
/// `ContiguousArrayStorage` metadata (about 26,000 instructions and several page faults, a fifth of
/// a hook run); the hook builds its line here instead. A reference type, so that a copied
/// `JSONWriter` shares it until one copy writes (`isUnique` tells when to copy first).
final class ByteBuffer {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    /// Creates an empty buffer with room for `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        start = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    /// A copy holding the same bytes.
    func copy() -> ByteBuffer {
        let copy = ByteBuffer(capacity: capacity)
        copy.append(bytes)
        return copy
    }

    /// Appends one byte.
    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        start[count] = byte
        count += 1
    }

    /// Appends `bytes`.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (start + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Removes and returns the last byte; the buffer must not be empty.
    func removeLast() -> UInt8 {
        precondition(count > 0, "removeLast on an empty ByteBuffer")
        count -= 1
        return start[count]
    }

    /// Replaces the last byte; the buffer must not be empty.
    func setLast(_ byte: UInt8) {
        precondition(count > 0, "setLast on an empty ByteBuffer")
        start[count - 1] = byte
    }

    private func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.moveInitialize(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }
}
