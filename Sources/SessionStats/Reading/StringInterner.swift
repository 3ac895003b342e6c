import SessionLogCore

/// A fixed-size cache from raw UTF-8 bytes to Strings, so values that repeat on every line
/// (session ids, projects, tools, paths) are decoded and allocated once, not once per line.
///
/// Direct-mapped and bounded: a new value evicts whatever sat in its slot, so memory stays flat
/// however many distinct values a log holds. Each slot keeps a copy of its raw bytes to compare with.
struct StringInterner {
    /// Values longer than this are decoded every time; they rarely repeat.
    static let maximumLength = 192

    private let mask: Int
    private var hashes: [UInt64]
    private var strings: [String]
    // Slot i's raw bytes sit at i * maximumLength; their count is in the low byte of its hash.
    private var arena: [UInt8]

    /// Creates a cache of `slots` entries, rounded up to a power of two.
    init(slots: Int = 4096) {
        var size = 1
        while size < slots { size <<= 1 }
        mask = size - 1
        hashes = [UInt64](repeating: 0, count: size)
        strings = [String](repeating: "", count: size)
        arena = [UInt8](repeating: 0, count: size * StringInterner.maximumLength)
    }

    /// The decoded text of `token`, shared with earlier identical values when possible.
    @inline(__always)
    mutating func string(_ token: JSONStringToken, in scanner: JSONScanner) -> String {
        let length = token.end - token.start
        if token.hasEscapes || length > StringInterner.maximumLength { return scanner.decode(token) }
        if length == 0 { return "" }
        let base = scanner.bytes.baseAddress! + token.start
        // The low byte holds the length (at most 192), so equal hashes mean equal lengths.
        let hash = StringInterner.hash(base, length) & ~0xFF | UInt64(length)
        let slot = Int(truncatingIfNeeded: hash >> 8) & mask
        let stored = slot * StringInterner.maximumLength
        if hashes[slot] == hash {
            let same = arena.withUnsafeBufferPointer {
                RawMemory.equal($0.baseAddress! + stored, base, count: length)
            }
            if same { return strings[slot] }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self)
        hashes[slot] = hash
        strings[slot] = text
        arena.withUnsafeMutableBufferPointer {
            RawMemory.move(to: $0.baseAddress! + stored, from: base, count: length)
        }
        return text
    }

    /// A fast 64-bit hash of `count` bytes, eight at a time.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: count) &* multiplier
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            index += 8
        }
        if index < count {
            // The last eight bytes, overlapping ones already mixed when the count is not a multiple of 8.
            let tail: UInt64
            if count >= 8 {
                tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                var value: UInt64 = 0
                for offset in 0..<(count - index) { value |= UInt64(base[index + offset]) << (offset * 8) }
                tail = value
            }
            hash = (hash ^ tail) &* multiplier
        }
        return hash ^ (hash >> 32)
    }
}
