import Foundation
import Testing

@testable import SessionLogCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-22T23:26:01.123Z", 1_795_389_961_123),
        ("2026-11-22T23:26:01Z", 1_795_389_961_000),
        ("2026-11-23T01:26:01+02:00", 1_795_389_961_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("2026-11-22T23:26:01.5Z", 1_795_389_961_500),
        ("1970-01-01T00:00:00.000Z", 0),
    ])
    func parsesISO8601(text: String, milliseconds: Int) {
        #expect(Timestamp(iso8601: text)?.milliseconds == milliseconds)
    }

    @Test(arguments: [
        "", "2026-11-22", "2026-11-22T25:00:00Z", "2026-11-22T23:26:01.Z", "2026-11-22T23:26:01Zjunk",
        "x026-11-22T23:26:01Z",
        // Impossible dates and times: no hook writes them, and they must not land on some other day.
        "2026-02-30T10:00:00Z", "2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-11-31T00:00:00Z",
        "2026-11-22T24:00:00Z", "2026-11-22T23:60:00Z", "2026-11-22T23:26:01+24:00",
        "2026-11-22T23:26:01-02:60",
    ])
    func rejectsOtherText(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func formatsMillisecondsInUTC() {
        #expect(Timestamp(milliseconds: 1_795_389_961_123).iso8601 == "2026-11-22T23:26:01.123Z")
        #expect(Timestamp(milliseconds: 7).iso8601 == "1970-01-01T00:00:00.007Z")
    }

    @Test func nowIsCloseToTheSystemClock() {
        let now = Timestamp.now()
        #expect(abs(now.seconds - Int(Date().timeIntervalSince1970)) <= 1)
        #expect(Timestamp(iso8601: now.iso8601) == now)
    }
}
