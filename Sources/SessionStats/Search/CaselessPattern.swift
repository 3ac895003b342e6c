import SessionLogCore

/// Finds a byte string in raw bytes, ASCII letters in any case, by `memchr` on its rarest byte.
///
/// Bytes outside ASCII compare exactly; a pattern made with `ignoringCase: false` compares all bytes exactly.
struct CaselessPattern: Sendable {
    /// The pattern, ASCII letters lowercased when case is ignored.
    let bytes: [UInt8]
    /// Whether ASCII letters match in either case.
    let ignoringCase: Bool
    // The position of the byte searched for first, and its two cases.
    private let pivot: Int
    private let pivotLower: UInt8
    private let pivotUpper: UInt8

    /// A pattern for `bytes` (not empty).
    init(_ bytes: [UInt8], ignoringCase: Bool = true) {
        precondition(!bytes.isEmpty)
        self.ignoringCase = ignoringCase
        self.bytes = ignoringCase ? bytes.map(Self.lower) : bytes
        var best = 0
        for index in self.bytes.indices where Self.rank(self.bytes[index]) < Self.rank(self.bytes[best]) {
            best = index
        }
        pivot = best
        pivotLower = self.bytes[best]
        pivotUpper = ignoringCase ? Self.upper(self.bytes[best]) : self.bytes[best]
    }

    /// The offset of the first match in `base[start..<end]`, or nil.
    func firstMatch(in base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        let count = bytes.count
        guard end - start >= count else { return nil }
        // The pivot byte can only sit in this window.
        var position = start + pivot
        let last = end - count + pivot
        // The next position of each case of the pivot; Int.max when there is none left.
        var nextLower = -1
        var nextUpper = pivotUpper == pivotLower ? Int.max : -1
        while position <= last {
            if nextLower < position {
                nextLower = Self.find(pivotLower, in: base, from: position, through: last) ?? Int.max
            }
            if nextUpper < position {
                nextUpper = Self.find(pivotUpper, in: base, from: position, through: last) ?? Int.max
            }
            let candidate = min(nextLower, nextUpper)
            if candidate == Int.max { return nil }
            let begin = candidate - pivot
            if matches(at: begin, in: base) { return begin }
            position = candidate + 1
        }
        return nil
    }

    /// Whether the pattern occurs at `offset`.
    @inline(__always)
    func matches(at offset: Int, in base: UnsafePointer<UInt8>) -> Bool {
        if !ignoringCase {
            return bytes.withUnsafeBufferPointer {
                RawMemory.equal(base + offset, $0.baseAddress!, count: $0.count)
            }
        }
        for index in bytes.indices where Self.lower(base[offset + index]) != bytes[index] { return false }
        return true
    }

    private static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, through: Int) -> Int? {
        guard let found = RawMemory.firstPosition(of: byte, in: base + from, count: through - from + 1) else {
            return nil
        }
        return found - UnsafeRawPointer(base)
    }

    /// An ASCII letter in lower case; any other byte unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    @inline(__always)
    private static func upper(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & ~0x20 : byte
    }

    // How common a byte is in transcripts (lower is rarer): letters by English frequency, then the
    // rest; JSON punctuation and spaces are the most common of all.
    private static func rank(_ byte: UInt8) -> Int {
        let letters: StaticString = "zqxjkvbpygfwmucldrhsnioate"
        for index in 0..<letters.utf8CodeUnitCount where letters.utf8Start[index] == byte {
            return index + 10
        }
        switch byte {
        case 0x80...: return 5
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 40
        case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: ","): return 90
        default: return 30
        }
    }
}
