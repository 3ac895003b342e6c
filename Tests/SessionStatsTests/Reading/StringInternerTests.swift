import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct StringInternerTests {
    /// The strings the interner gives for each JSON string in `json`, an array of strings.
    func intern(_ json: [UInt8], slots: Int = 4) -> [String] {
        var interner = StringInterner(slots: slots)
        return json.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            var strings: [String] = []
            scanner.offset += 1
            while let token = try? scanner.scanString() {
                strings.append(interner.string(token, in: scanner))
                if scanner.peek() == UInt8(ascii: ",") { scanner.offset += 1 } else { break }
            }
            return strings
        }
    }

    @Test func givesTheDecodedTextForRepeatsCollisionsAndEscapes() {
        let long = String(repeating: "z", count: StringInterner.maximumLength + 1)
        let values = [
            "app", "", "app", "session-0123456789abcdef", "app", "a\\tb", "a\\tb", "x", "y", "z", "w",
            "session-0123456789abcdef", "12345678", "123456789", "1234567", long, long, "caf\\u00e9",
        ]
        let json = "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        let expected = values.map { $0 == "a\\tb" ? "a\tb" : $0 == "caf\\u00e9" ? "café" : $0 }
        #expect(intern(Array(json.utf8)) == expected)
        #expect(intern(Array(json.utf8), slots: 1) == expected)
    }

    @Test func repairsInvalidUTF8EveryTime() {
        let json: [UInt8] = [0x5B, 0x22, 0x61, 0xFF, 0x22, 0x2C, 0x22, 0x61, 0xFF, 0x22, 0x5D]
        #expect(intern(json) == ["a\u{FFFD}", "a\u{FFFD}"])
    }

    @Test func hashesEveryByte() {
        let bytes = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for count in 1...bytes.count {
                var changed = bytes
                changed[count - 1] ^= 1
                let original = StringInterner.hash(buffer.baseAddress!, count)
                let other = changed.withUnsafeBufferPointer { StringInterner.hash($0.baseAddress!, count) }
                #expect(original != other, "count \(count)")
            }
        }
    }
}
