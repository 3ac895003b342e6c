/// Reading object keys quickly where their characters are not counted: the analyzer's decoders.
extension JSONScanner {
    /// Like `nextKey(_:)`, but a key written plainly (`"key":` or `,"key":`, printable ASCII, no escape,
    /// no whitespace around) is found with a byte loop; anything else goes through `nextKey(_:)`, so
    /// the same input is accepted or rejected. The cursor's `compactCharacters` is not kept.
    public mutating func nextPlainKey(_ cursor: inout ObjectCursor) throws(JSONScanError) -> JSONStringToken?
    {
        guard let base = bytes.baseAddress else { return try nextKey(&cursor) }
        var position = offset
        if !cursor.isFirst {
            guard position < end, base[position] == ._comma else { return try nextKey(&cursor) }
            position += 1
        }
        guard position < end, base[position] == ._quote else { return try nextKey(&cursor) }
        let start = position + 1
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
                guard bad & before == 0 else { return try nextKey(&cursor) }
                index += quotes.trailingZeroBitCount >> 3
                break
            }
            guard bad == 0 else { return try nextKey(&cursor) }
            index += 8
        }
        while index < end {
            let byte = base[index]
            if byte == ._quote { break }
            // Control bytes, escapes and non-ASCII need the full scan (and its errors).
            if byte < 0x20 || byte >= 0x80 || byte == ._backslash { return try nextKey(&cursor) }
            index += 1
        }
        guard index + 1 < end, base[index + 1] == ._colon else { return try nextKey(&cursor) }
        offset = index + 2
        cursor.isFirst = false
        return JSONStringToken(
            start: start, end: index, hasEscapes: false, characters: index - start, escapedExtra: 0)
    }
}
