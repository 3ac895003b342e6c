extension JSONScanner {
    /// The string elements of an array value (other elements skipped); a value that is not an array is skipped and gives `[]`.
    public mutating func scanStringArray() throws(JSONScanError) -> [String] {
        guard peek() == UInt8(ascii: "[") else {
            try skipValue()
            return []
        }
        offset += 1
        var values: [String] = []
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return values
        }
        while true {
            if let token = try scanOptionalString() { values.append(decode(token)) }
            guard let byte = peek() else { throw .unexpectedEnd(at: offset) }
            offset += 1
            if byte == UInt8(ascii: "]") { return values }
            guard byte == UInt8(ascii: ",") else { throw .unexpectedByte(byte, at: offset - 1) }
        }
    }
}
