import Foundation
import TestSupport
import Testing

@testable import SessionLogCore

@Suite struct LocalTimeZoneTests {
    static let zoneDirectory = "/usr/share/zoneinfo"

    /// The C library's UTC offsets in `zone` (`TZ=:file`, read by Python's `time.localtime`, which
    /// calls `localtime_r`): one second either side of every change from 1970 to 2040, and a time
    /// each day; nil when python3 or the zone file is missing.
    static func libcOffsets(zone: String) throws -> [(seconds: Int, offset: Int)]? {
        let path = zoneDirectory + "/" + zone
        guard FileManager.default.fileExists(atPath: path),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        else { return nil }
        let script = """
            import time
            off = lambda t: time.localtime(t).tm_gmtoff
            start, end = 0, 2_208_988_800
            out, previous = [], off(start)
            for t in range(start, end, 3600):
                now = off(t)
                if now != previous:
                    low, high = t - 3600, t
                    while high - low > 1:
                        middle = (low + high) // 2
                        low, high = (middle, high) if off(middle) == previous else (low, middle)
                    out += [high - 1, high, high + 1]
                    previous = now
                if t % 86400 == 43200:
                    out.append(t)
            print("\\n".join(f"{t} {off(t)}" for t in out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        process.environment = ["TZ": ":" + path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seconds = Int(parts[0]), let offset = Int(parts[1]) else {
                return nil
            }
            return (seconds, offset)
        }
    }

    @Test(arguments: [
        "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
        "Pacific/Apia", "Europe/Dublin", "UTC", "Etc/GMT+12",
    ])
    func agreesWithTheCLibraryAroundEveryChange(zone: String) throws {
        guard let expected = try Self.libcOffsets(zone: zone), !expected.isEmpty else {
            print("skipped: python3 or \(Self.zoneDirectory)/\(zone) is missing")
            return
        }
        let bytes = try #require(FileManager.default.contents(atPath: Self.zoneDirectory + "/" + zone))
        var answered = 0
        bytes.withUnsafeBytes { tzif in
            for (seconds, offset) in expected {
                // Where the file cannot answer, the C library does: only answers are compared.
                guard let found = LocalTimeZone.utcOffset(atSeconds: seconds, tzif: tzif) else { continue }
                answered += 1
                #expect(found == offset, "\(zone) at \(seconds)")
                #expect(
                    LocalTimeZone.date(seconds: seconds, utcOffset: found)
                        == CivilDate(daysSinceEpoch: Int((Double(seconds + offset) / 86_400).rounded(.down))))
            }
        }
        // Debian's zone files list transitions to 2037, so all but the last years are answered here.
        #expect(answered > expected.count / 2, "\(zone): \(answered) of \(expected.count) answered")
    }

    @Test func aDaylightSavingZonePastItsLastTransitionIsLeftToTheCLibrary() throws {
        let path = Self.zoneDirectory + "/Europe/Paris"
        guard let bytes = FileManager.default.contents(atPath: path) else {
            print("skipped: \(path) is missing")
            return
        }
        // 2100-07-01: past any transition the file lists; its footer has rules, which are not evaluated here.
        #expect(bytes.withUnsafeBytes { LocalTimeZone.utcOffset(atSeconds: 4_118_054_400, tzif: $0) } == nil)
        #expect(LocalTimeZone.utcOffset(atSeconds: 4_118_054_400, file: path) == nil)
    }

    @Test func aCutOrDamagedFileIsNeverTrusted() throws {
        let path = Self.zoneDirectory + "/America/New_York"
        guard let bytes = FileManager.default.contents(atPath: path) else {
            print("skipped: \(path) is missing")
            return
        }
        let july2026 = 1_782_864_000
        #expect(bytes.withUnsafeBytes { LocalTimeZone.utcOffset(atSeconds: july2026, tzif: $0) } == -4 * 3600)
        // Every cut of the file either gives the right answer or none, and never reads past its end.
        for length in 0..<bytes.count {
            let cut = bytes.prefix(length)
            let found = cut.withUnsafeBytes { LocalTimeZone.utcOffset(atSeconds: july2026, tzif: $0) }
            #expect(found == nil || found == -4 * 3600, "cut at \(length)")
        }
        // A version 1 file, and one with leap seconds, are left to the C library.
        var version1 = bytes
        version1[4] = 0
        #expect(version1.withUnsafeBytes { LocalTimeZone.utcOffset(atSeconds: july2026, tzif: $0) } == nil)
        #expect(LocalTimeZone.utcOffset(atSeconds: july2026, file: "/nonexistent/zone") == nil)
    }

    @Test func theHooksDateIsTheCLibrarysDate() {
        // Whatever this machine's zone, and whichever of the two answers.
        for seconds in stride(from: 1_767_225_600, to: 1_798_761_600, by: 86_400 / 4) {
            let timestamp = Timestamp(milliseconds: seconds * 1000)
            #expect(LocalTimeZone.date(of: timestamp) == timestamp.local.date)
        }
    }
}
