import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `TimestampReader` gives what `Timestamp(iso8601:)` gives for every text, whether or not the
/// date it read before is the same.
@Suite struct TimestampReaderTests {
    /// The timestamp of `text` by the general parser.
    static func parsed(_ text: [UInt8]) -> Timestamp? {
        text.withUnsafeBufferPointer { Timestamp(iso8601: $0, start: 0, end: $0.count) }
    }

    /// The timestamp of `text` by `reader`, read inside a larger buffer (as a ledger line's value is).
    static func read(_ text: [UInt8], by reader: inout TimestampReader) -> Timestamp? {
        let line = Array("{\"timestamp\":\"".utf8) + text + Array("\"}".utf8)
        return line.withUnsafeBufferPointer { reader.timestamp($0, start: 14, end: 14 + text.count) }
    }

    /// Whether a fresh reader, and one that just read `warmedBy`, read `text` as the parser does.
    static func readsAsParsed(_ text: [UInt8], warmedBy: [UInt8]) -> Bool {
        var fresh = TimestampReader()
        var warmed = TimestampReader()
        _ = read(warmedBy, by: &warmed)
        let expected = parsed(text)
        return read(text, by: &fresh) == expected && read(text, by: &warmed) == expected
    }

    @Test(arguments: [
        "2025-01-01T10:47:11.325Z", "2024-02-29T23:59:60.999Z", "2025-02-29T00:00:00.000Z",
        "2025-12-31T24:00:00.000Z", "2025-13-01T00:00:00.000Z", "2025-00-10T00:00:00.000Z",
        "2025-04-31T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "1969-12-31T23:59:59.999Z", "2025-01-01 10:47:11.325Z", "2025-01-01T10:47:11.32Z",
        "2025-01-01T10:47:11.3255Z", "2025-01-01T10:47:11Z", "2025-01-01T10:47:11.325+01:00",
        "2025-01-01T10:47:11.325", "2025-01-01T10:47:11,325Z", "2025-01-01T10:47:11.32aZ",
        "+025-01-01T10:47:11.325Z", "2025-1-01T10:47:11.325Z0", "", "2025-01-01T10:60:00.000Z",
    ])
    func readsAsTheParser(text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.readsAsParsed(bytes, warmedBy: bytes))
        #expect(Self.readsAsParsed(bytes, warmedBy: Array("2025-01-01T00:00:00.000Z".utf8)))
    }

    /// Every text one or two bytes away from a ledger timestamp, each byte from a tricky alphabet,
    /// read fresh and after the original (whose date the reader then holds).
    @Test func everyNearbyTextReadsAsParsed() {
        let original = Array("2024-02-29T23:59:59.999Z".utf8)
        let alphabet = Array("0129-T:.Z +/".utf8)
        var differing: [String] = []
        var count = 0
        for first in original.indices {
            for firstByte in alphabet {
                var once = original
                once[first] = firstByte
                for second in first..<original.count {
                    for secondByte in alphabet {
                        var text = once
                        text[second] = secondByte
                        count += 1
                        if !Self.readsAsParsed(text, warmedBy: original) {
                            differing.append(String(decoding: text, as: UTF8.self))
                        }
                    }
                }
            }
        }
        #expect(count > 40_000)
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    /// Random times of random days of years 0-9999, one after another through one reader (so
    /// consecutive lines of one day reuse it), as the ledger writes them.
    @Test func randomLedgerTimesReadAsParsed() {
        var random = SplitMix64(seed: 13)
        var reader = TimestampReader()
        var differing: [String] = []
        for _ in 0..<20_000 {
            let year = Int(random.next() % 10_000)
            let month = Int(random.next() % 14)
            let day = Int(random.next() % 33)
            for _ in 0..<Int(random.next() % 3 + 1) {
                let time = Int(random.next() % 90_000_000)
                let text = Array(
                    (Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) + "T"
                        + Self.padded(time / 3_600_000 % 25, 2) + ":" + Self.padded(time / 60_000 % 61, 2)
                        + ":" + Self.padded(time / 1000 % 62, 2) + "." + Self.padded(time % 1000, 3) + "Z")
                        .utf8)
                if Self.read(text, by: &reader) != Self.parsed(text) {
                    differing.append(String(decoding: text, as: UTF8.self))
                }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
