/// Byte-level UTF-8 helpers that agree with `String(decoding:as: UTF8.self)` on ill-formed input.
public enum UTF8Sequence {
    /// The replacement character U+FFFD, encoded.
    public static let replacement: (UInt8, UInt8, UInt8) = (0xEF, 0xBF, 0xBD)

    /// The length of the well-formed sequence starting at `index`, or of its maximal ill-formed subpart.
    ///
    /// Follows Unicode's table 3-7 and its "maximal subpart" practice, so each ill-formed subpart
    /// stands for exactly one U+FFFD, as it does when the standard library decodes the same bytes.
    @inline(__always)
    public static func length(
        at index: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int
    ) -> (length: Int, valid: Bool) {
        let lead = bytes[index]
        if lead < 0x80 { return (1, true) }
        let needed: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0:
            needed = 2
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED:
            needed = 2
            high = 0x9F
        case 0xF0:
            needed = 3
            low = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4:
            needed = 3
            high = 0x8F
        default: return (1, false)
        }
        var next = index + 1
        for position in 0..<needed {
            guard next < end else { return (next - index, false) }
            let byte = bytes[next]
            let (lo, hi): (UInt8, UInt8) = position == 0 ? (low, high) : (0x80, 0xBF)
            guard byte >= lo && byte <= hi else { return (next - index, false) }
            next += 1
        }
        return (needed + 1, true)
    }

    /// Whether all of `bytes` is well-formed UTF-8; ASCII is checked 32 bytes at a time.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index < count {
            // Runs of ASCII, most of any payload: one test per four words.
            while index + 32 <= count {
                let raw = UnsafeRawPointer(base + index)
                let any =
                    raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if any & highs != 0 { break }
                index += 32
            }
            if index == count { break }
            if index + 8 <= count {
                // Straight to the first non-ASCII byte of the word, if it has one.
                let nonASCII = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & highs
                if nonASCII == 0 {
                    index += 8
                    continue
                }
                index += nonASCII.trailingZeroBitCount >> 3
            } else if base[index] < 0x80 {
                index += 1
                continue
            }
            let (length, valid) = length(at: index, in: bytes, end: count)
            guard valid else { return false }
            index += length
        }
        return true
    }

    /// Writes the UTF-8 encoding of `scalar` into `buffer` at `index`, which has room for four bytes;
    /// returns where it ends.
    @inline(__always)
    static func write(
        _ scalar: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int
    ) -> Int {
        switch scalar {
        case 0..<0x80:
            buffer[index] = UInt8(scalar)
            return index + 1
        case 0x80..<0x800:
            buffer[index] = UInt8(0xC0 | (scalar >> 6))
            buffer[index + 1] = UInt8(0x80 | (scalar & 0x3F))
            return index + 2
        case 0x800..<0x10000:
            buffer[index] = UInt8(0xE0 | (scalar >> 12))
            buffer[index + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            buffer[index + 2] = UInt8(0x80 | (scalar & 0x3F))
            return index + 3
        default:
            buffer[index] = UInt8(0xF0 | (scalar >> 18))
            buffer[index + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            buffer[index + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            buffer[index + 3] = UInt8(0x80 | (scalar & 0x3F))
            return index + 4
        }
    }
}
