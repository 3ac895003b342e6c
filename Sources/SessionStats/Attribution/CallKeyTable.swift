/// A hash table from calls' 64-bit keys (`HookCallIndex.key`, already a hash of the id) to values,
/// by linear probing: a look-up multiplies the key once, where a `Dictionary` runs the standard
/// library's seeded SipHash over it (about 100 instructions), for every call id of every request.
///
/// At most 3/4 full; a removal shifts the entries after it back, so no tombstones accumulate.
struct CallKeyTable<Value> {
    // One slot per entry or hole, a power of two of them (or none).
    private var slots: [(key: UInt64, value: Value)?] = []
    // The top `64 - shift` bits of the key times `spread` pick a key's first slot.
    private var shift: UInt64 = 64
    /// Entries held.
    private(set) var count = 0

    /// Creates an empty table.
    init() {}

    /// Whether it holds no entry.
    var isEmpty: Bool { count == 0 }

    /// The value of `key`, nil when it has none; setting nil removes it.
    subscript(key: UInt64) -> Value? {
        get {
            guard let slot = slot(of: key) else { return nil }
            return slots.withUnsafeBufferPointer { $0[slot].unsafelyUnwrapped.value }
        }
        set {
            guard let newValue else {
                removeValue(forKey: key)
                return
            }
            update(key, newValue)
        }
    }

    /// Whether `key` has a value.
    func contains(_ key: UInt64) -> Bool { slot(of: key) != nil }

    /// The value of `key`, which is set to `new` first when it has none.
    mutating func value(forKey key: UInt64, inserting new: Value) -> Value {
        reserveOne()
        let mask = slots.count - 1
        let shift = shift
        let found: Value? = slots.withUnsafeMutableBufferPointer { slots in
            var slot = Self.home(key, shift)
            while let entry = slots[slot] {
                if entry.key == key { return entry.value }
                slot = (slot + 1) & mask
            }
            slots[slot] = (key, new)
            return nil
        }
        if let found { return found }
        count += 1
        return new
    }

    /// Sets the value of `key` to `value`.
    mutating func update(_ key: UInt64, _ value: Value) {
        reserveOne()
        let mask = slots.count - 1
        let shift = shift
        let added = slots.withUnsafeMutableBufferPointer { slots in
            var slot = Self.home(key, shift)
            while let entry = slots[slot] {
                if entry.key == key {
                    slots[slot] = (key, value)
                    return false
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = (key, value)
            return true
        }
        if added { count += 1 }
    }

    /// Removes `key`'s value and returns it, nil when it had none.
    @discardableResult
    mutating func removeValue(forKey key: UInt64) -> Value? {
        guard let found = slot(of: key) else { return nil }
        let mask = slots.count - 1
        let shift = shift
        count -= 1
        return slots.withUnsafeMutableBufferPointer { slots in
            let value = slots[found].unsafelyUnwrapped.value
            // Each later entry of the run moves into the hole when its first slot is not after the
            // hole (cyclically), so every entry stays reachable from its first slot.
            var hole = found
            var next = (found + 1) & mask
            while let entry = slots[next] {
                if (next &- Self.home(entry.key, shift)) & mask >= (next &- hole) & mask {
                    slots[hole] = entry
                    hole = next
                }
                next = (next + 1) & mask
            }
            slots[hole] = nil
            return value
        }
    }

    /// Every key and value, in no particular order.
    var entries: [(key: UInt64, value: Value)] { slots.compactMap { $0 } }

    // Where `key`'s entry is, nil when it has none.
    @inline(__always)
    private func slot(of key: UInt64) -> Int? {
        guard count > 0 else { return nil }
        let mask = slots.count - 1
        let shift = shift
        return slots.withUnsafeBufferPointer { slots in
            var slot = Self.home(key, shift)
            while let entry = slots[slot] {
                if entry.key == key { return slot }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    // The first slot `key` may be in: the top bits of a multiplication by 2^64 over the golden
    // ratio, which spreads keys that differ only in their low bits.
    @inline(__always)
    private static func home(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    // Room for one more entry, doubling the slots when it would be over 3/4 full.
    @inline(__always)
    private mutating func reserveOne() {
        if (count + 1) * 4 > slots.count * 3 { grow() }
    }

    private mutating func grow() {
        let old = slots
        let capacity = max(16, slots.count * 2)
        slots = Array(repeating: nil, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for case let entry? in old { update(entry.key, entry.value) }
    }
}

extension CallKeyTable: Sendable where Value: Sendable {}
