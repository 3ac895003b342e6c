extension JSONScanner {
    /// The string elements of an array value (other elements skipped); a value that is not an array is skipped and gives `[]`.
    public mutating func scanStringArray() throws(JSONScanError) -> [String] {
        var values: [String] = []
        try forEachStringElement { _, token, scanner in values.append(scanner.decode(token)) }
        return values
    }

    /// Calls `body` with the index, token and a copy of this scanner for each string element of an
    /// array value, without decoding them (other elements skipped); returns how many there were. A
    /// value that is not an array is skipped and has none.
    @discardableResult
    public mutating func forEachStringElement(_ body: (Int, JSONStringToken, JSONScanner) -> Void)
        throws(JSONScanError) -> Int
    {
        guard peek() == UInt8(ascii: "[") else {
            try skipValue()
            return 0
        }
        offset += 1
        var count = 0
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return count
        }
        while true {
            if let token = try scanOptionalString() {
                body(count, token, self)
                count += 1
            }
            guard let byte = peek() else { throw .unexpectedEnd(at: offset) }
            offset += 1
            if byte == UInt8(ascii: "]") { return count }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: offset - 1) }
        }
    }
}
