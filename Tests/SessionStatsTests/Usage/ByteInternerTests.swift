import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `ByteInterner` gives equal texts one id and different texts different ids, whatever the order
/// they come in (the id looked up last is compared first).
@Suite struct ByteInternerTests {
    @Test func idsFollowTheTexts() {
        // Prefixes of one another, the empty text, escapes, and texts long enough to hash in words.
        let texts = [
            "", "a", "ab", "abc", "b", "ba", "session-0001", "session-0002", "session-00010",
            "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250930", #"a\"b"#, #"\u0061"#,
        ]
        var random = SplitMix64(seed: 5)
        var interner = ByteInterner()
        var ids: [String: Int] = [:]
        var wrong: [String] = []
        for step in 0..<5_000 {
            // Runs of one text, as a ledger's consecutive lines share one.
            let text = texts[Int(random.next() % UInt64(texts.count))]
            for _ in 0..<Int(random.next() % 3 + 1) {
                let line = Array("\"\(text)\"".utf8)
                let id = line.withUnsafeBufferPointer { buffer in
                    var scanner = JSONScanner(buffer)
                    let token = try! scanner.scanString()
                    return interner.id(token, in: scanner)
                }
                let decoded = line.withUnsafeBufferPointer { buffer in
                    var scanner = JSONScanner(buffer)
                    return scanner.decode(try! scanner.scanString())
                }
                if let known = ids[decoded], known != id { wrong.append("\(step): \(text)") }
                if ids[decoded] == nil {
                    if ids.values.contains(id) { wrong.append("\(step): \(text) reuses \(id)") }
                    ids[decoded] = id
                }
                if interner.strings[id] != decoded { wrong.append("\(step): \(text) reads back") }
            }
        }
        #expect(ids.count == texts.count - 1)  // `\u0061` is `a`
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }
}
