import Testing

@testable import SessionStats

@Suite struct CaselessPatternTests {
    // Every start in a text long enough for the sixteen-at-a-time scan and its tail: the first match
    // is the one a byte-by-byte comparison finds, in either case, up to the last byte.
    @Test(arguments: ["grat", "database", "x", "q\"z", "日本", "ab"])
    func findsTheFirstMatchAsAByteByByteScanDoes(pattern: String) {
        let needle = Array(pattern.utf8)
        let search = CaselessPattern(needle, ignoringCase: true)
        let filler = Array("gra tad bases graT databas \\u0130 ".utf8)
        for length in [needle.count, 15, 16, 17, 31, 40, 47, 64, 100] {
            for position in stride(from: 0, through: max(0, length - needle.count), by: 1) {
                var text = (0..<length).map { filler[$0 % filler.count] }
                let written = position % 2 == 0 ? needle : Array(pattern.uppercased().utf8)
                guard position + written.count <= length else { continue }
                text.replaceSubrange(position..<(position + written.count), with: written)
                let expected = Self.naive(needle, in: text)
                let found = text.withUnsafeBufferPointer {
                    search.firstMatch(in: $0.baseAddress!, start: 0, end: $0.count)
                }
                #expect(found == expected, "\(pattern) at \(position) of \(length)")
                // A match that would end past `end` is not one.
                let cut = text.withUnsafeBufferPointer {
                    search.firstMatch(in: $0.baseAddress!, start: 0, end: position + written.count - 1)
                }
                #expect(cut == Self.naive(needle, in: Array(text[..<(position + written.count - 1)])))
            }
        }
    }

    private static func naive(_ needle: [UInt8], in text: [UInt8]) -> Int? {
        guard text.count >= needle.count else { return nil }
        return (0...(text.count - needle.count)).first { start in
            needle.indices.allSatisfy {
                CaselessPattern.lower(text[start + $0]) == CaselessPattern.lower(needle[$0])
            }
        }
    }
}
