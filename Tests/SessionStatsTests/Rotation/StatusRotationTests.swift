import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `rotate` and the status line's captures: per hour, the last and the highest reading of each
/// limit window are kept, and `limits` finds the same windows.
@Suite struct StatusRotationTests {
    static func capture(_ time: String, five: String?, fiveReset: Int = 1_795_100_400, seven: String? = nil)
        -> String
    {
        var limits: [String] = []
        if let five {
            limits.append("\"five_hour\":{\"used_percentage\":\(five),\"resets_at\":\(fiveReset)}")
        }
        if let seven {
            limits.append("\"seven_day\":{\"used_percentage\":\(seven),\"resets_at\":1795564800}")
        }
        let rateLimits = limits.isEmpty ? "" : ",\"rate_limits\":{" + limits.joined(separator: ",") + "}"
        return "{\"v\":1,\"timestamp\":\"\(time)\",\"session_id\":\"s1\",\"cost\":{\"total_cost_usd\":1.5}"
            + rateLimits + "}\n"
    }

    /// 2026-11-19: a 5-hour window resetting at 15:00Z and the next one, read many
    /// times an hour, one reading that dips, one capture without limits, one unreadable line.
    static let day =
        capture("2026-11-19T10:05:00.000Z", five: "10", seven: "30")
        + capture("2026-11-19T10:20:00.000Z", five: "25", seven: "31")
        + capture("2026-11-19T10:40:00.000Z", five: "22", seven: "31")
        + capture("2026-11-19T10:50:00.000Z", five: nil)
        + capture("2026-11-19T11:10:00.000Z", five: "40", seven: "33")
        + capture("2026-11-19T11:30:00.000Z", five: "55", seven: "35")
        + capture("2026-11-19T14:59:00.000Z", five: "97", seven: "44")
        + capture("2026-11-19T15:10:00.000Z", five: "3", fiveReset: 1_795_118_400, seven: "44")
        + capture("2026-11-19T15:40:00.000Z", five: "9", fiveReset: 1_795_118_400, seven: "45")
        + "{\"v\":1,\"timestamp\":\"2026-11-19T16:00\n"

    static func limits(_ directory: ScratchDirectory) throws -> JSONDocument {
        let test = RotationTests.context(directory)
        #expect(test.run(["limits", "--range", "all", "--json"]) == .success)
        return try JSONDocument(parsing: test.captured.standardOutput)
    }

    /// The windows with their peaks, last readings and spend, without what single captures make
    /// (sample counts, first reading, sparkline, burn rate).
    static func windows(_ document: JSONDocument) -> [JSONDocument] {
        let current = LimitKind.allCases.map { document["current"]?[$0.rawValue] ?? .null }
        return ((document["windows"]?.elements ?? []) + current).map { window in
            .object((window.members ?? []).filter { kept.contains($0.key) })
        }
    }

    static let kept = [
        "kind", "start", "resets_at", "peak_percent", "last_percent", "cost", "requests", "last_seen",
    ]

    @Test func keepsTheLastAndHighestReadingPerHourAndLimitsAgree() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.day, to: "status-2026-11-19.jsonl")
        directory.write(Self.capture("2026-11-22T09:00:00.000Z", five: "1"), to: "status-2026-11-22.jsonl")
        let before = try Self.limits(directory)

        let (code, test) = RotationTests.rotate(directory, ["--keep-days", "1"])
        #expect(code == .success, "\(test.captured.standardError)")
        #expect(
            test.captured.standardOutput.contains(
                "rolled up status-2026-11-19.jsonl (9 captures) into status-rollup-2026-11-19.jsonl (5 kept);"
                    + " removed status-2026-11-19.jsonl\n"
                    + "kept 1 unreadable line byte for byte in status-quarantine-2026-11-19.jsonl"),
            "\(test.captured.standardOutput)")
        let kept = directory.lines("status-rollup-2026-11-19.jsonl")
        // 10:00–11:00: the highest (25) and the last (22); 11:00–12:00: the last (55), which is the
        // highest too; 14:00–15:00 one; 15:00–16:00 the last of the new window (9), also the
        // highest reading of both limits in that hour.
        #expect(kept.count == 5)
        #expect(kept.filter { $0.contains("10:05:00") || $0.contains("10:50:00") }.isEmpty)
        #expect(kept.contains { $0.contains("10:20:00") } && kept.contains { $0.contains("10:40:00") })
        #expect(!kept.contains { $0.contains("15:10:00") })
        #expect(
            directory.read("status-quarantine-2026-11-19.jsonl")
                == "{\"v\":1,\"timestamp\":\"2026-11-19T16:00\n")
        #expect(directory.names().contains("status-2026-11-22.jsonl"))

        let after = try Self.limits(directory)
        #expect(Self.windows(after) == Self.windows(before))

        // Again: nothing changes.
        let rollup = directory.read("status-rollup-2026-11-19.jsonl")
        #expect(RotationTests.rotate(directory, ["--keep-days", "1"]).0 == .success)
        #expect(directory.read("status-rollup-2026-11-19.jsonl") == rollup)
        #expect(try Self.limits(directory) == after)
    }

    @Test func aLateCaptureIsMergedAndAnInterruptedRotateCountsNothingTwice() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.day, to: "status-2026-11-19.jsonl")
        let before = try Self.limits(directory)
        #expect(RotationTests.rotate(directory, ["--keep-days", "1"]).0 == .success)
        // As if killed after the rename: the captures are back beside the roll-up, which holds
        // some of their lines; each is read once.
        directory.write(Self.day, to: "status-2026-11-19.jsonl")
        #expect(try Self.limits(directory) == before)
        // A late capture, in a new hour, raises the new window's peak.
        directory.append(
            Self.capture("2026-11-19T16:30:00.000Z", five: "12", fiveReset: 1_795_118_400),
            to: "status-2026-11-19.jsonl")
        let late = try Self.limits(directory)
        let (code, test) = RotationTests.rotate(directory, ["--keep-days", "1"])
        #expect(code == .success)
        #expect(
            test.captured.standardOutput.contains("merging it into status-rollup-2026-11-19.jsonl (6 kept)"))
        #expect(!directory.names().contains("status-2026-11-19.jsonl"))
        #expect(Self.windows(try Self.limits(directory)) == Self.windows(late))
        let peaks = Self.windows(late).compactMap { $0["peak_percent"] }
        #expect(peaks.contains(.number("12")))
    }
}
