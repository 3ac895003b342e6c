/// Reading keys and skipping values quickly where their characters are not counted: the analyzer's
/// decoders. Each fast path takes only text written plainly and hands anything else to the general
/// scan, so the same input is accepted or rejected; they are inlined, as they run for every key
/// and value of every log line.
extension JSONScanner {
    // Bytes are written as literals here: the named constants of UInt8+ASCII are reached through an
    // accessor call from the other modules these paths are inlined into.

    /// Like `nextKey(_:)`, but a key written plainly (`"key":` or `,"key":`, printable ASCII, no escape,
    /// no whitespace around) is found with a byte loop. The cursor's `compactCharacters` is not kept.
    @inlinable @inline(__always)
    public mutating func nextPlainKey(_ cursor: inout ObjectCursor) throws(JSONScanError) -> JSONStringToken?
    {
        guard let base = bytes.baseAddress else { return try nextKey(&cursor) }
        var position = offset
        if !cursor.isFirst {
            guard position < end, base[position] == UInt8(ascii: ",") else { return try nextKey(&cursor) }
            position += 1
        }
        guard position < end, base[position] == UInt8(ascii: "\""),
            let index = JSONScanner.plainStringEnd(base, from: position + 1, to: end),
            index + 1 < end, base[index + 1] == UInt8(ascii: ":")
        else { return try nextKey(&cursor) }
        offset = index + 2
        cursor.isFirst = false
        return JSONStringToken(
            start: position + 1, end: index, hasEscapes: false, characters: index - position - 1,
            escapedExtra: 0)
    }

    /// Like `skipValue()`, but a value right at the offset written plainly (a string of printable
    /// ASCII without escapes, `true`, `false`, or an integer without sign, fraction or exponent) is
    /// skipped without counting its characters.
    @inlinable @inline(__always)
    public mutating func skipPlainValue() throws(JSONScanError) {
        if let base = bytes.baseAddress, offset < end {
            switch base[offset] {
            case UInt8(ascii: "\""):
                if let index = JSONScanner.plainStringEnd(base, from: offset + 1, to: end) {
                    offset = index + 1
                    return
                }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                var index = offset + 1
                while index < end && base[index] &- UInt8(ascii: "0") < 10 { index += 1 }
                // Followed by anything but a fraction or an exponent, which scanNumber would read on.
                if index < end && base[index] != UInt8(ascii: ".") && base[index] | 0x20 != UInt8(ascii: "e")
                {
                    offset = index
                    return
                }
            case UInt8(ascii: "t"):
                if JSONScanner.hasWord("true", at: offset, base, end) {
                    offset += 4
                    return
                }
            case UInt8(ascii: "f"):
                if JSONScanner.hasWord("false", at: offset, base, end) {
                    offset += 5
                    return
                }
            default: break
            }
        }
        try skipValue()
    }

    /// Like `scanOptionalString()`, but a string right at the offset written plainly (printable ASCII,
    /// no escape) is read with a byte loop.
    @inlinable @inline(__always)
    public mutating func scanOptionalPlainString() throws(JSONScanError) -> JSONStringToken? {
        if let base = bytes.baseAddress, offset < end, base[offset] == UInt8(ascii: "\""),
            let index = JSONScanner.plainStringEnd(base, from: offset + 1, to: end)
        {
            let start = offset + 1
            offset = index + 1
            return JSONStringToken(
                start: start, end: index, hasEscapes: false, characters: index - start, escapedExtra: 0)
        }
        return try scanOptionalString()
    }

    /// Whether the bytes at `offset` are `word`.
    @inlinable @inline(__always)
    static func hasWord(_ word: StaticString, at offset: Int, _ base: UnsafePointer<UInt8>, _ end: Int)
        -> Bool
    {
        let count = word.utf8CodeUnitCount
        guard offset + count <= end else { return false }
        for index in 0..<count where base[offset + index] != word.utf8Start[index] { return false }
        return true
    }

    /// The offset of the quote that ends the string whose text starts at `start`, when every byte
    /// before it is printable ASCII and none is a backslash; nil otherwise, or when no quote comes
    /// before `end`.
    @inlinable @inline(__always)
    static func plainStringEnd(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        // Eight bytes at a time, as `scanString` does: the lowest flagged lane of each test is exact.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = ones &* 0x80
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let quotes = (quote &- ones) & ~quote & highs
            let bad = (((backslash &- ones) & ~backslash | (word &- ones &* 0x20)) & ~word | word) & highs
            if quotes != 0 {
                let before: UInt64 = (1 << UInt64(quotes.trailingZeroBitCount & ~7)) &- 1
                guard bad & before == 0 else { return nil }
                return index + quotes.trailingZeroBitCount >> 3
            }
            guard bad == 0 else { return nil }
            index += 8
        }
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") { return index }
            // Control bytes, escapes and non-ASCII need the full scan (and its errors).
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") { return nil }
            index += 1
        }
        return nil
    }
}
