import SessionLogCore

/// Finds a byte string in raw bytes, ASCII letters in any case: sixteen positions at a time by its
/// two rarest bytes, then by `memchr` on the rarest near the end.
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
    // The position of the next rarest byte (the pivot's again in a one-byte pattern), and for both
    // the bit that ASCII case sets (zero for a byte that is not a letter, or when case counts).
    private let partner: Int
    private let pivotCase: UInt8
    private let partnerCase: UInt8

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
        var next = best == 0 && self.bytes.count > 1 ? 1 : 0
        for index in self.bytes.indices
        where index != best && Self.rank(self.bytes[index]) < Self.rank(self.bytes[next]) {
            next = index
        }
        partner = next
        pivotCase = pivotUpper == pivotLower ? 0 : 0x20
        partnerCase = ignoringCase && Self.upper(self.bytes[next]) != self.bytes[next] ? 0x20 : 0
    }

    /// The offset of the first match in `base[start..<end]`, or nil.
    func firstMatch(in base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        let count = bytes.count
        guard end - start >= count else { return nil }
        var from = start
        if let found = wideMatch(in: base, from: &from, end: end) { return found }
        // The pivot byte can only sit in this window.
        var position = from + pivot
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

    // The first match from `from` on, sixteen starts at a time while a whole match fits before
    // `end`: the starts where both the pivot and its partner match are checked whole. `from` is left
    // at the first start not looked at.
    @inline(__always)
    private func wideMatch(in base: UnsafePointer<UInt8>, from: inout Int, end: Int) -> Int? {
        let reach = bytes.count + 15
        guard from + reach <= end else { return nil }
        let raw = UnsafeRawPointer(base)
        let pivotByte = SIMD16<UInt8>(repeating: pivotLower)
        let pivotBit = SIMD16<UInt8>(repeating: pivotCase)
        let partnerByte = SIMD16<UInt8>(repeating: bytes[partner])
        let partnerBit = SIMD16<UInt8>(repeating: partnerCase)
        var position = from
        defer { from = position }
        while position + reach <= end {
            let first = raw.loadUnaligned(fromByteOffset: position &+ pivot, as: SIMD16<UInt8>.self)
            let second = raw.loadUnaligned(fromByteOffset: position &+ partner, as: SIMD16<UInt8>.self)
            let both = ((first | pivotBit) .== pivotByte) .& ((second | partnerBit) .== partnerByte)
            // Each lane is all ones or all zeros; two words test them without a call.
            let words = unsafeBitCast(both, to: SIMD2<UInt64>.self)
            if words[0] | words[1] != 0 {
                for half in 0..<2 {
                    var word = words[half]
                    while word != 0 {
                        let bit = word.trailingZeroBitCount
                        let candidate = position + half * 8 + bit >> 3
                        if matches(at: candidate, in: base) { return candidate }
                        word &= ~(UInt64(0xFF) << UInt64(bit))
                    }
                }
            }
            position &+= 16
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
        // Measured on Claude Code transcripts, both cases together.
        let letters: StaticString = "jzqxwkvybhfgmpuldcoriasnte"
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
