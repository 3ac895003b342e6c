import Testing

@testable import SessionLogCore

/// `scanOptionalPlainString` reads what `scanOptionalString` reads, stops where it stops and fails
/// where it fails, however the string is written.
@Suite struct JSONScannerPlainStringsTests {
    /// What one read from the start of some bytes gave: the value and where the scanner stopped, or
    /// the error.
    struct Outcome<Value: Equatable>: Equatable {
        var value: Value?
        var offset = 0
        var error: JSONScanError?
    }

    static func read<Value>(_ bytes: [UInt8], _ scan: (inout JSONScanner) throws(JSONScanError) -> Value?)
        -> Outcome<Value>
    {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            do throws(JSONScanError) {
                let value = try scan(&scanner)
                return Outcome(value: value, offset: scanner.offset)
            } catch {
                return Outcome(error: error)
            }
        }
    }

    static func string(_ bytes: [UInt8], plain: Bool) -> Outcome<JSONStringToken> {
        read(bytes) { (scanner: inout JSONScanner) throws(JSONScanError) in
            try plain ? scanner.scanOptionalPlainString() : scanner.scanOptionalString()
        }
    }

    // Every text of up to `length` pieces of `alphabet`.
    static func texts(_ alphabet: [String], length: Int) -> [[UInt8]] {
        var texts: [[UInt8]] = [[]]
        var last: [[UInt8]] = [[]]
        for _ in 0..<length {
            last = last.flatMap { text in alphabet.map { text + Array($0.utf8) } }
            texts += last
        }
        return texts
    }

    /// Every short text of plain and escaped characters, non-ASCII and control bytes and quotes,
    /// alone and before eight plain bytes (the word loop).
    @Test func everyShortStringReadsLikeAString() {
        let texts = Self.texts(["\"", "a", "\\", "n", "é", "\u{1}", "\u{7f}", ",", " ", "u"], length: 5)
            .flatMap { [$0, $0 + Array("abcdefgh\",".utf8)] }
        let differing = texts.filter { Self.string($0, plain: true) != Self.string($0, plain: false) }
        #expect(texts.count > 200_000)
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String(decoding: $0, as: UTF8.self) })")
    }
}
