import SessionLogCore

// Here rather than in SessionLogCore beside the scanner's other plain paths: the hook links the
// core, and only the analyzer's decoders read integers this way.
extension JSONScanner {
    /// Like `scanInteger()`, but an integer right at the offset written plainly (at most 18 digits,
    /// no sign, fraction or exponent, and a byte after it) is read with a byte loop; anything else
    /// goes to `scanInteger()`, so the same input gives the same value, offset or error.
    @inline(__always)
    mutating func scanPlainInteger() throws(JSONScanError) -> Int? {
        if let base = bytes.baseAddress, offset < end {
            let first = base[offset] &- UInt8(ascii: "0")
            if first < 10 {
                var value = Int(first)
                var index = offset + 1
                // A leading zero stands alone, as in `scanNumber`; 18 digits cannot overflow.
                if first != 0 {
                    let limit = min(end, offset + 18)
                    while index < limit {
                        let digit = base[index] &- UInt8(ascii: "0")
                        if digit >= 10 { break }
                        value = value &* 10 &+ Int(digit)
                        index += 1
                    }
                }
                // Anything but a digit, a fraction or an exponent ends it where `scanNumber` would.
                if index < end {
                    let next = base[index]
                    if next &- UInt8(ascii: "0") >= 10 && next != UInt8(ascii: ".")
                        && next | 0x20 != UInt8(ascii: "e")
                    {
                        offset = index
                        return value
                    }
                }
            }
        }
        return try scanInteger()
    }
}
