/// A forward-only cursor over UTF-8 JSON bytes that decodes only what its caller asks for.
///
/// It never recurses, so any nesting depth is safe, and it never builds a String unless asked:
/// skipping a value also counts the characters of its compact JSON text, for token estimates.
/// The buffer must outlive the scanner.
public struct JSONScanner {
    /// The bytes being scanned.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// One past the last byte the scanner may read.
    public let end: Int
    /// The offset of the next byte to read.
    public var offset: Int
    /// Set when the caller checked that the bytes are well-formed UTF-8: strings are then counted
    /// eight bytes at a time, without looking for ill-formed sequences.
    public var knownValidUTF8 = false

    /// Creates a scanner over `bytes[start..<end]`, by default the whole buffer.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.end = end ?? bytes.count
        self.offset = start
    }

    /// Whether only whitespace, or nothing, is left.
    public mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return offset >= end
    }

    /// Skips a UTF-8 byte order mark at the current offset.
    public mutating func skipByteOrderMark() {
        if offset + 2 < end && bytes[offset] == 0xEF && bytes[offset + 1] == 0xBB
            && bytes[offset + 2] == 0xBF
        {
            offset += 3
        }
    }

    /// Skips JSON whitespace.
    @inline(__always)
    public mutating func skipWhitespace() {
        while offset < end {
            switch bytes[offset] {
            case ._space, ._tab, ._newline, ._return: offset += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, without consuming it.
    @inline(__always)
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < end ? bytes[offset] : nil
    }

    /// The kind of the value that starts at the next non-whitespace byte.
    public mutating func peekKind() -> JSONValueKind? {
        guard let byte = peek() else { return nil }
        return JSONValueKind(firstByte: byte)
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(JSONScanError) {
        skipWhitespace()
        guard offset < end else { throw .unexpectedEnd(at: offset) }
        guard bytes[offset] == byte else { throw .unexpectedByte(bytes[offset], at: offset) }
        offset += 1
    }

    @inline(__always)
    func unexpected() -> JSONScanError {
        offset < end ? .unexpectedByte(bytes[offset], at: offset) : .unexpectedEnd(at: offset)
    }

    // MARK: Objects

    /// Consumes `{` and returns a cursor for `nextKey(_:)`.
    public mutating func enterObject() throws(JSONScanError) -> ObjectCursor {
        try expect(._openBrace)
        return ObjectCursor()
    }

    /// Reads the next member's key and its colon, or consumes `}` and returns nil.
    ///
    /// The cursor adds up the compact characters of the braces, keys, colons and commas;
    /// the caller adds those of each value it reads.
    public mutating func nextKey(_ cursor: inout ObjectCursor) throws(JSONScanError) -> JSONStringToken? {
        skipWhitespace()
        guard offset < end else { throw .unexpectedEnd(at: offset) }
        if bytes[offset] == ._closeBrace {
            offset += 1
            cursor.compactCharacters += 2
            return nil
        }
        if !cursor.isFirst {
            guard bytes[offset] == ._comma else { throw unexpected() }
            offset += 1
            cursor.compactCharacters += 1
            skipWhitespace()
        }
        cursor.isFirst = false
        guard offset < end, bytes[offset] == ._quote else { throw unexpected() }
        let key = try scanString()
        try expect(._colon)
        cursor.compactCharacters += key.compactCharacters + 1
        skipWhitespace()
        return key
    }

    // MARK: Scalars

    /// Reads a string at the next non-whitespace byte, returning its raw range and character counts.
    public mutating func scanString() throws(JSONScanError) -> JSONStringToken {
        skipWhitespace()
        guard offset < end, bytes[offset] == ._quote, let base = bytes.baseAddress else { throw unexpected() }
        offset += 1
        let start = offset
        // Locals, so the loop keeps them in registers. Characters are counted as bytes, less UTF-8
        // continuation bytes (0b10xxxxxx), less the bytes an escape takes beyond the one it stands for.
        var position = offset
        let limit = end
        var continuations = 0
        var escapeBytes = 0
        var escapeScalars = 0
        var extra = 0
        // Two-byte escapes counted in the word loop, and how many of them are `\\/`.
        var twoByteEscapes = 0
        var slashEscapes = 0
        var high: UInt64 = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = ones &* 0x80
        while true {
            // The hot loop stops only at '"', '\\' or a control byte, eight bytes at a time: each test
            // sets the high bit of a lane exactly for the lowest matching lane (borrows only reach lanes
            // above a match). Lanes are read little-endian, as on every platform Swift supports.
            while position &+ 8 <= limit {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let stops =
                    (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20))
                    & ~word & highs
                if stops != 0 {
                    // Only the lanes below the stop count.
                    let lane = stops.trailingZeroBitCount
                    let counted = word & highs & ((1 << UInt64(lane & ~7)) &- 1)
                    if counted != 0 {
                        high |= counted
                        continuations &+= JSONScanner.lanes(counted & ~(word << 1))
                    }
                    position &+= lane >> 3
                    // A two-byte escape (file contents are full of them) is counted here and the word
                    // loop goes on; a quote, a control byte, `\u` or an error leave it.
                    if base[position] == ._backslash && position &+ 1 < limit {
                        let escaped = base[position &+ 1]
                        if JSONScanner.isTwoByteEscape(escaped) {
                            position &+= 2
                            twoByteEscapes &+= 1
                            if escaped == ._slash { slashEscapes &+= 1 }
                            continue
                        }
                    }
                    break
                }
                if word & highs != 0 {
                    high |= word & highs
                    continuations &+= JSONScanner.lanes(word & ~(word << 1) & highs)
                }
                position &+= 8
            }
            if position + 8 > limit {
                while position < limit {
                    let byte = base[position]
                    if byte < 0x20 || byte == ._quote || byte == ._backslash { break }
                    high |= UInt64(byte & 0x80)
                    if byte & 0xC0 == 0x80 { continuations += 1 }
                    position += 1
                }
            }
            guard position < limit else {
                offset = position
                throw .unexpectedEnd(at: offset)
            }
            let byte = base[position]
            if byte == ._quote { break }
            guard byte == ._backslash else {
                offset = position
                throw .unexpectedByte(byte, at: offset)
            }
            // The common escapes inline; \u and errors through scanEscape.
            let escaped: UInt8 = position + 1 < limit ? base[position + 1] : 0
            switch escaped {
            case ._quote, ._backslash, UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"),
                UInt8(ascii: "b"), UInt8(ascii: "f"):
                position += 2
                escapeBytes += 2
                escapeScalars += 1
                extra += 1
            case ._slash:
                position += 2
                escapeBytes += 2
                escapeScalars += 1
            default:
                offset = position
                let scalar = try scanEscape()
                escapeBytes += offset - position
                escapeScalars += 1
                extra += JSONStringToken.compactEscapeExtra(scalar)
                position = offset
            }
        }
        offset = position + 1
        // Each two-byte escape stands for one character; all but `\\/` take one more in compact JSON.
        escapeBytes += 2 * twoByteEscapes
        escapeScalars += twoByteEscapes
        extra += twoByteEscapes - slashEscapes
        let characters: Int
        if high != 0 && !knownValidUTF8 {
            // Ill-formed UTF-8 counts one character per maximal ill-formed subpart: count exactly.
            characters = exactCharacters(from: start, to: position)
        } else {
            characters = position - start - continuations - escapeBytes + escapeScalars
        }
        return JSONStringToken(
            start: start, end: position, hasEscapes: escapeBytes > 0, characters: characters,
            escapedExtra: extra)
    }

    /// Whether `\` followed by `byte` is a two-byte escape: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`.
    @inline(__always)
    static func isTwoByteEscape(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte, in two words: '"' and '/' below 64; '\\', b, f, n, r and t above.
        let low: UInt64 = 1 << 0x22 | 1 << 0x2F
        let high: UInt64 =
            1 << (0x5C - 64) | 1 << (0x62 - 64) | 1 << (0x66 - 64) | 1 << (0x6E - 64)
            | 1 << (0x72 - 64) | 1 << (0x74 - 64)
        guard byte < 0x80 else { return false }
        return ((byte < 64 ? low : high) >> UInt64(byte & 63)) & 1 != 0
    }

    /// How many lanes of `mask`, which has at most each lane's high bit set, are set.
    ///
    /// A multiply rather than `nonzeroBitCount`, which the baseline x86-64 target builds in software.
    @inline(__always)
    static func lanes(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// The characters of the scanned string `bytes[from..<to]`, as `String(decoding:as:)` counts its
    /// decoded text: one per scalar, one per maximal ill-formed subpart.
    func exactCharacters(from: Int, to: Int) -> Int {
        var inner = JSONScanner(bytes, start: from, end: to)
        var count = 0
        while inner.offset < to {
            let byte = bytes[inner.offset]
            if byte == ._backslash {
                // The string was checked when it was scanned, so the escape is well-formed.
                _ = try? inner.scanEscape()
            } else if byte < 0x80 {
                inner.offset += 1
            } else {
                inner.offset += UTF8Sequence.length(at: inner.offset, in: bytes, end: to).length
            }
            count += 1
        }
        return count
    }

    /// Consumes one escape sequence at a backslash and returns the scalar it stands for.
    ///
    /// A lone surrogate yields U+FFFD, as decoding does.
    @inline(__always)
    mutating func scanEscape() throws(JSONScanError) -> UInt32 {
        offset += 1
        guard offset < end else { throw .unexpectedEnd(at: offset) }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case ._quote, ._backslash, ._slash: return UInt32(byte)
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "u"):
            let unit = try scanHex4()
            if unit >= 0xD800 && unit < 0xDC00 {
                // A high surrogate pairs only with an immediately following escaped low one.
                if offset + 5 < end && bytes[offset] == ._backslash
                    && bytes[offset + 1] == UInt8(ascii: "u")
                {
                    let saved = offset
                    offset += 2
                    let low = try scanHex4()
                    if low >= 0xDC00 && low < 0xE000 {
                        return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    offset = saved
                }
                return 0xFFFD
            }
            if unit >= 0xDC00 && unit < 0xE000 { return 0xFFFD }
            return unit
        default:
            throw .unexpectedByte(byte, at: offset - 1)
        }
    }

    @inline(__always)
    mutating func scanHex4() throws(JSONScanError) -> UInt32 {
        guard offset + 4 <= end else { throw .unexpectedEnd(at: end) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .unexpectedByte(byte, at: offset)
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// Reads a number at the next non-whitespace byte and returns its raw byte range.
    public mutating func scanNumber() throws(JSONScanError) -> Range<Int> {
        skipWhitespace()
        let start = offset
        if offset < end && bytes[offset] == ._minus { offset += 1 }
        guard offset < end else { throw .unexpectedEnd(at: offset) }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else if bytes[offset]._isDigit {
            skipDigits()
        } else {
            throw unexpected()
        }
        if offset < end && bytes[offset] == ._period {
            offset += 1
            guard offset < end, bytes[offset]._isDigit else { throw unexpected() }
            skipDigits()
        }
        if offset < end && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E")) {
            offset += 1
            if offset < end && (bytes[offset] == ._plus || bytes[offset] == ._minus) { offset += 1 }
            guard offset < end, bytes[offset]._isDigit else { throw unexpected() }
            skipDigits()
        }
        return start..<offset
    }

    @inline(__always)
    mutating func skipDigits() {
        while offset < end && bytes[offset]._isDigit { offset += 1 }
    }

    /// Reads `true`, `false` or `null` and returns the Bool, or nil for null.
    public mutating func scanLiteral() throws(JSONScanError) -> Bool? {
        skipWhitespace()
        guard offset < end else { throw .unexpectedEnd(at: offset) }
        switch bytes[offset] {
        case UInt8(ascii: "t"):
            try expectWord("true")
            return true
        case UInt8(ascii: "f"):
            try expectWord("false")
            return false
        case UInt8(ascii: "n"):
            try expectWord("null")
            return nil
        default: throw unexpected()
        }
    }

    @inline(__always)
    mutating func expectWord(_ word: StaticString) throws(JSONScanError) {
        let count = word.utf8CodeUnitCount
        let pointer = word.utf8Start
        for index in 0..<count {
            guard offset < end else { throw .unexpectedEnd(at: offset) }
            guard bytes[offset] == pointer[index] else { throw unexpected() }
            offset += 1
        }
    }

    /// Reads an integer value, or nil (consuming the value) when the value is not a number.
    ///
    /// A fractional number is truncated toward zero; an exponent form or an out-of-range value gives nil.
    public mutating func scanInteger() throws(JSONScanError) -> Int? {
        guard peekKind() == .number else {
            _ = try skipValue()
            return nil
        }
        let range = try scanNumber()
        return parseInteger(range)
    }

    /// Parses the integer part of the number whose raw bytes are `range`.
    public func parseInteger(_ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound && bytes[index] == ._minus {
            negative = true
            index += 1
        }
        var value = 0
        while index < range.upperBound && bytes[index]._isDigit {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
            index += 1
        }
        if index < range.upperBound && bytes[index] != ._period { return nil }
        return negative ? -value : value
    }

    /// Reads a string value, or nil (consuming the value) when the value is not a string.
    public mutating func scanOptionalString() throws(JSONScanError) -> JSONStringToken? {
        guard peek() == ._quote else {
            _ = try skipValue()
            return nil
        }
        return try scanString()
    }

    /// Reads a boolean value, or nil (consuming the value) when the value is not a boolean.
    public mutating func scanOptionalBool() throws(JSONScanError) -> Bool? {
        guard peekKind() == .bool else {
            _ = try skipValue()
            return nil
        }
        return try scanLiteral()
    }

    // MARK: Any value

    /// Skips one whole value, checking its syntax, and returns the characters of its compact JSON text.
    ///
    /// For a string that is the characters of its quoted, escaped form; for numbers, the digits as written.
    @discardableResult
    public mutating func skipValue() throws(JSONScanError) -> Int {
        var characters = 0
        // One entry per open container: true for an object. Grows on the heap, never the call stack.
        var containers = ContainerStack()
        while true {
            // Here a value is expected.
            skipWhitespace()
            guard offset < end else { throw .unexpectedEnd(at: offset) }
            switch bytes[offset] {
            case ._quote:
                characters += try scanString().compactCharacters
            case ._openBrace:
                offset += 1
                characters += 1
                skipWhitespace()
                if offset < end && bytes[offset] == ._closeBrace {
                    offset += 1
                    characters += 1
                } else {
                    containers.push(isObject: true)
                    characters += try scanString().compactCharacters + 1
                    try expect(._colon)
                    continue
                }
            case ._openBracket:
                offset += 1
                characters += 1
                skipWhitespace()
                if offset < end && bytes[offset] == ._closeBracket {
                    offset += 1
                    characters += 1
                } else {
                    containers.push(isObject: false)
                    continue
                }
            case ._minus, UInt8(ascii: "0")...UInt8(ascii: "9"):
                characters += try scanNumber().count
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let start = offset
                _ = try scanLiteral()
                characters += offset - start
            default:
                throw unexpected()
            }
            // Here a value has ended: close containers until one has a next element.
            while true {
                guard let isObject = containers.last else { return characters }
                skipWhitespace()
                guard offset < end else { throw .unexpectedEnd(at: offset) }
                let byte = bytes[offset]
                if byte == ._comma {
                    offset += 1
                    characters += 1
                    if isObject {
                        characters += try scanString().compactCharacters + 1
                        try expect(._colon)
                    }
                    break
                } else if byte == (isObject ? ._closeBrace : ._closeBracket) {
                    offset += 1
                    characters += 1
                    containers.removeLast()
                } else {
                    throw unexpected()
                }
            }
        }
    }

    // MARK: Strings

    /// Whether the token's raw bytes are exactly `literal`, which must contain no escapable byte.
    ///
    /// Inlinable, so the per-key checks of the analyzer's hot decoding loop are inlined across modules.
    @inlinable @inline(__always)
    public func matches(_ token: JSONStringToken, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard token.end - token.start == count, !token.hasEscapes else { return false }
        let pointer = literal.utf8Start
        var index = 0
        while index < count {
            if bytes[token.start + index] != pointer[index] { return false }
            index += 1
        }
        return true
    }

    /// Whether the token's raw bytes begin with `literal`.
    @inline(__always)
    public func hasPrefix(_ token: JSONStringToken, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard token.end - token.start >= count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<count where bytes[token.start + index] != pointer[index] { return false }
        return true
    }

    /// The decoded text of a string token; ill-formed UTF-8 and lone surrogates become U+FFFD.
    public func decode(_ token: JSONStringToken) -> String {
        if !token.hasEscapes {
            return String(
                decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        }
        // Straight into the string: an array in between would cost the hook's start-up (see ByteBuffer).
        return String(unsafeUninitializedCapacity: decodedCapacity(token)) { decode(token, into: $0) }
    }

    /// The decoded UTF-8 bytes of a string token, with escapes resolved.
    public func decodedBytes(_ token: JSONStringToken) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: decodedCapacity(token)) { $1 = decode(token, into: $0) }
    }

    // No escape decodes to more bytes than it is written with (`\uFFFF` is six bytes for three); the
    // margin covers the replacement character written for an escape that does not decode.
    private func decodedCapacity(_ token: JSONStringToken) -> Int { token.end - token.start + 4 }

    /// Writes the decoded bytes of `token` into `output`, which holds `decodedCapacity(token)`; returns their count.
    private func decode(_ token: JSONStringToken, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var inner = JSONScanner(bytes, start: token.start, end: token.end)
        while inner.offset < inner.end && count + 4 <= output.count {
            let byte = bytes[inner.offset]
            if byte == ._backslash {
                // The token was checked when it was scanned, so the escape is well-formed.
                let scalar = (try? inner.scanEscape()) ?? 0xFFFD
                count = UTF8Sequence.write(scalar, into: output, at: count)
            } else {
                output[count] = byte
                count += 1
                inner.offset += 1
            }
        }
        return count
    }
}
