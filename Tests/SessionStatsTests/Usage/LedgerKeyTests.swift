import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `LedgerKey.expected` finds a key only where `nextPlainKey` reads that same key, and leaves the
/// scanner where it does.
@Suite struct LedgerKeyTests {
    static let patterns = LedgerKey.Patterns()

    /// What each way reads at the start of `bytes` (after an object's `{`, the first member or
    /// not): the key and the offset after it, or nil.
    static func keys(_ bytes: [UInt8], isFirst: Bool, from first: Int = 0) -> (
        expected: (LedgerKey, Int)?, general: (LedgerKey?, Int)?
    ) {
        ([UInt8(ascii: "{")] + bytes).withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            guard var cursor = try? scanner.enterObject() else { return (nil, nil) }
            cursor.isFirst = isFirst
            var general = scanner
            var generalCursor = cursor
            let expected = LedgerKey.expected(from: first, in: &scanner, &cursor, patterns: Self.patterns).map
            {
                ($0, scanner.offset)
            }
            #expect(expected == nil || !cursor.isFirst)
            let token = try? general.nextPlainKey(&generalCursor)
            return (expected, token.map { (LedgerKey($0, in: general), general.offset) })
        }
    }

    /// Whether the fast way found nothing, or what the general way reads.
    static func agree(_ bytes: [UInt8], isFirst: Bool, from first: Int = 0) -> Bool {
        let (expected, general) = keys(bytes, isFirst: isFirst, from: first)
        guard let expected else { return true }
        return general?.0 == expected.0 && general?.1 == expected.1
    }

    /// Every key, written as the writer writes it, is found from its own place in the order and
    /// from any earlier one, and from no later one.
    @Test func everyKeyIsFoundAsWritten() {
        for index in 0..<LedgerKey.count {
            let key = LedgerKey(rawValue: index)!
            let text = String(describing: key.text)
            for isFirst in [true, false] {
                let written = Array(((isFirst ? "" : ",") + "\"\(text)\":1,\"v\":1}").utf8)
                for first in 0...index {
                    let (expected, general) = Self.keys(written, isFirst: isFirst, from: first)
                    #expect(expected?.0 == key, "\(text) from \(first)")
                    #expect(general?.0 == key && expected?.1 == general?.1, "\(text)")
                }
                if index + 1 < LedgerKey.count {
                    #expect(Self.keys(written, isFirst: isFirst, from: index + 1).expected == nil, "\(text)")
                }
            }
        }
    }

    /// Keys one step from a real one (cut short, run on, a byte changed, spaced, escaped, without
    /// a colon), and lines that end right after a key.
    @Test func nearKeysAreNotTaken() {
        var texts: [String] = []
        for index in 0..<LedgerKey.count {
            let text = String(describing: LedgerKey(rawValue: index)!.text)
            texts += [
                "\"\(text.dropLast())\":1", "\"\(text)s\":1", "\"\(text)_\":1", "\"\(text.dropLast())X\":1",
                "\"X\(text.dropFirst())\":1", "\"\(text)\" :1", "\"\(text) \":1", "\"\(text)\"1",
                "\"\(text)\"",
                "\"\(text)\":", "\"\\u00\(String(text.utf8.first!, radix: 16))\(text.dropFirst())\":1",
                "\"\(text.uppercased())\":1", " \"\(text)\":1", "\"\(text)",
            ]
        }
        var differing: [String] = []
        for text in texts {
            for isFirst in [true, false] {
                let bytes = Array(((isFirst ? "" : ",") + text).utf8)
                if !Self.agree(bytes, isFirst: isFirst) { differing.append(text) }
                let (expected, general) = Self.keys(bytes, isFirst: isFirst)
                if let expected, general?.0 != expected.0 { differing.append(text) }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    /// Every short text of key pieces, quotes, colons, commas, spaces and escapes.
    @Test func everyShortTextOfKeyPiecesAgrees() {
        let texts = ShortTexts.every(
            ["\"", ":", ",", " ", "\\", "v", "cwd", "input", "cache_", "miss", "ed_tokens", "1"], length: 5)
        var differing: [String] = []
        for text in texts {
            for isFirst in [true, false] where !Self.agree(text, isFirst: isFirst) {
                differing.append(String(decoding: text, as: UTF8.self))
            }
        }
        #expect(texts.count > 200_000)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }
}
