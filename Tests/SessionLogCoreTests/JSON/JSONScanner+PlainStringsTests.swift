import TestSupport
import Testing

@testable import SessionLogCore

/// `scanOptionalPlainString` reads what `scanOptionalString` reads, stops where it stops and fails
/// where it fails, however the string is written.
@Suite struct JSONScannerPlainStringsTests {
    /// The string at the start of `bytes`, read by the plain path or by `scanOptionalString`.
    static func string(_ bytes: [UInt8], plain: Bool) -> ScanOutcome<JSONStringToken, JSONScanError> {
        bytes.withUnsafeBufferPointer { buffer in
            ScanOutcome { () throws(JSONScanError) in
                var scanner = JSONScanner(buffer)
                let value = try plain ? scanner.scanOptionalPlainString() : scanner.scanOptionalString()
                return (value, scanner.offset)
            }
        }
    }

    /// Every short text of plain and escaped characters, non-ASCII and control bytes and quotes,
    /// alone and before eight plain bytes (the word loop).
    @Test func everyShortStringReadsLikeAString() {
        let texts = ShortTexts.every(
            ["\"", "a", "\\", "n", "é", "\u{1}", "\u{7f}", ",", " ", "u"], length: 5
        )
        .flatMap { [$0, $0 + Array("abcdefgh\",".utf8)] }
        let differing = texts.filter { Self.string($0, plain: true) != Self.string($0, plain: false) }
        #expect(texts.count > 200_000)
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String(decoding: $0, as: UTF8.self) })")
    }
}
