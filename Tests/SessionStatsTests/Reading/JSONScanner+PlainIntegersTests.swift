import SessionLogCore
import Testing

@testable import SessionStats

/// `scanPlainInteger` reads what `scanInteger` reads, stops where it stops and fails where it
/// fails, however the number is written.
@Suite struct JSONScannerPlainIntegersTests {
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

    static func integer(_ bytes: [UInt8], plain: Bool) -> Outcome<Int> {
        read(bytes) { (scanner: inout JSONScanner) throws(JSONScanError) in
            try plain ? scanner.scanPlainInteger() : scanner.scanInteger()
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
        let texts = Self.texts(["0", "1", "9", "-", ".", "e", "E", "+", ",", "]", " ", "\""], length: 5)
        let differing = texts.filter { Self.integer($0, plain: true) != Self.integer($0, plain: false) }
        #expect(texts.count > 200_000)
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String(decoding: $0, as: UTF8.self) })")
    }
}
