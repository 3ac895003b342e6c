import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `scanPlainInteger` reads what `scanInteger` reads, stops where it stops and fails where it
/// fails, however the number is written.
@Suite struct JSONScannerPlainIntegersTests {
    /// The integer at the start of `bytes`, read by the plain path or by `scanInteger`.
    static func integer(_ bytes: [UInt8], plain: Bool) -> ScanOutcome<Int, JSONScanError> {
        bytes.withUnsafeBufferPointer { buffer in
            ScanOutcome { () throws(JSONScanError) in
                var scanner = JSONScanner(buffer)
                let value = try plain ? scanner.scanPlainInteger() : scanner.scanInteger()
                return (value, scanner.offset)
            }
        }
    }

    @Test(arguments: [
        "0", "7", "42,", "42]", "42}", "42 ", "42", "-1,", "01,", "00,", "0.5,", "1e3,", "1E3,", "2.0e1,",
        "123456789012345678,", "1234567890123456789,", "12345678901234567890,", "999999999999999999,",
        "9223372036854775807,", "9223372036854775808,", " 5,", "\"5\",", "null,", "true,", "[1],", "{},",
        "-,", ".5,", "1.,", "1e,", "5x", "5\"",
    ])
    func plainIntegersReadLikeIntegers(text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.integer(bytes, plain: true) == Self.integer(bytes, plain: false))
    }

    /// Every short text of digits, signs, fractions, exponents and what may follow a number.
    @Test func everyShortNumberReadsLikeAnInteger() {
        let texts = ShortTexts.every(
            ["0", "1", "9", "-", ".", "e", "E", "+", ",", "]", " ", "\""], length: 5)
        let differing = texts.filter { Self.integer($0, plain: true) != Self.integer($0, plain: false) }
        #expect(texts.count > 200_000)
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String(decoding: $0, as: UTF8.self) })")
    }
}
