import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct LogReaderTests {
    /// Reads `directories` at UTC-5 (or `offset`).
    func read(
        _ directories: [String], days: ClosedRange<CivilDate>? = nil, offset: Int = -5 * 3600,
        chunkSize: Int = 1 << 16, fields: LogFields = .all
    ) -> (entries: [LogEntry], diagnostics: ReadDiagnostics) {
        var reader = LogReader(
            directories: directories, days: days, localDays: LocalDayResolver(utcOffsetSeconds: offset),
            fields: fields, chunkSize: chunkSize)
        var entries: [LogEntry] = []
        reader.forEach({ entries.append($0) })
        return (entries, reader.diagnostics)
    }

    static func day(_ text: String) -> CivilDate { CivilDate(text)! }

    /// Files for 13 to 16 January at UTC-5, each with entries near both of its midnights, some of which
    /// the hook (in another time zone) wrote into the neighbouring day's file.
    static func writeDays(to fixture: ReadingFixture) {
        fixture.write(
            "activity-2026-01-13.jsonl",
            TestLines.v1(at: "2026-01-13T12:00:00.000Z", session: "a")
                + TestLines.v1(at: "2026-01-14T04:59:59.999Z", session: "b")  // 13th, 23:59:59 local
                + TestLines.v1(at: "2026-01-14T05:00:00.000Z", session: "c"))  // already the 14th locally
        fixture.write(
            "activity-2026-01-14.jsonl",
            TestLines.v1(at: "2026-01-14T04:00:00.000Z", session: "d")  // still the 13th locally
                + TestLines.v1(at: "2026-01-14T12:00:00.000Z", session: "e")
                + TestLines.v1(at: "2026-01-15T05:30:00.000Z", session: "f"))  // the 15th locally
        fixture.write("activity-2026-01-15.jsonl", TestLines.v1(at: "2026-01-15T12:00:00.000Z", session: "g"))
        fixture.write("activity-2026-01-16.jsonl", TestLines.v1(at: "2026-01-16T12:00:00.000Z", session: "h"))
        fixture.write("notes.txt", "not a log\n")
    }

    @Test func assignsEntriesToTheirLocalDayAcrossFiles() {
        let fixture = ReadingFixture()
        Self.writeDays(to: fixture)
        let all = read([fixture.path])
        #expect(all.entries.map(\.sessionID) == ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(all.entries.map(\.day.day) == [13, 13, 14, 13, 14, 15, 15, 16])
        #expect(all.diagnostics.filesRead == 4)
        #expect(all.diagnostics.entries == 8)
        let fourteenth = read(
            [fixture.path], days: Self.day("2026-01-14")...Self.day("2026-01-14"))
        #expect(fourteenth.entries.map(\.sessionID) == ["c", "e"])
        #expect(fourteenth.diagnostics.filesRead == 3)
        let thirteenth = read(
            [fixture.path], days: Self.day("2026-01-12")...Self.day("2026-01-13"))
        #expect(thirteenth.entries.map(\.sessionID) == ["a", "b", "d"])
        #expect(thirteenth.diagnostics.filesRead == 2)
        let east = read(
            [fixture.path], days: Self.day("2026-01-14")...Self.day("2026-01-14"), offset: 9 * 3600)
        #expect(east.entries.map(\.sessionID) == ["b", "c", "d", "e"])
    }

    @Test func readsDirectoriesInTheOrderGivenAndNotesMissingOnes() {
        let first = ReadingFixture()
        let second = ReadingFixture()
        first.write(
            "activity-2026-01-15.jsonl", TestLines.v1(at: "2026-01-15T12:00:00.000Z", session: "late"))
        second.write(
            "activity-2026-01-14.jsonl", TestLines.v1(at: "2026-01-14T12:00:00.000Z", session: "early"))
        let (entries, diagnostics) = read([first.path, "/nonexistent/one", second.path, "/nonexistent/two"])
        #expect(entries.map(\.sessionID) == ["late", "early"])
        #expect(diagnostics.missingDirectories == ["/nonexistent/one", "/nonexistent/two"])
        #expect(diagnostics.warnings.isEmpty)
    }

    @Test func readsARollupAndTheActivityLinesItDoesNotHold() {
        let fixture = ReadingFixture()
        let rollup = RollupRecord(
            day: Self.day("2026-01-14"), event: .postToolUse, sessionID: "rolled", tool: "Bash", count: 40,
            failures: 2, inputTokens: 400, first: Timestamp(iso8601: "2026-01-14T15:00:00Z")!,
            last: Timestamp(iso8601: "2026-01-14T16:00:00Z")!)
        fixture.write("rollup-2026-01-14.jsonl", rollup.jsonLine)
        fixture.write(
            "activity-2026-01-14.jsonl", TestLines.v1(at: "2026-01-14T15:00:00.000Z", session: "live"))
        // A rollup without markers holds none of the activity file: lines written after a rotate.
        let both = read([fixture.path])
        #expect(both.entries.map(\.sessionID) == ["rolled", "live"])
        #expect(both.diagnostics.rollupFilesRead == 1)
        unlink(fixture.path + "/activity-2026-01-14.jsonl")
        let rotated = read([fixture.path], days: Self.day("2026-01-14")...Self.day("2026-01-14"))
        #expect(rotated.entries.map(\.sessionID) == ["rolled"])
        #expect(rotated.entries.first?.operations == 40)
        #expect(rotated.diagnostics.rollupFilesRead == 1)
        // A rollup row counts for the day it carries, whatever its timestamps say at this offset.
        let other = read(
            [fixture.path], days: Self.day("2026-01-15")...Self.day("2026-01-15"), offset: 12 * 3600)
        #expect(other.entries.isEmpty)
    }

    @Test func countsInvalidHookLinesWithoutHandingThemOn() {
        let fixture = ReadingFixture()
        let invalid = TestLines.v1(.invalid, at: "2026-01-14T12:00:00.000Z", session: "", tool: nil)
        fixture.write(
            "activity-2026-01-14.jsonl", invalid + TestLines.v1(at: "2026-01-14T12:00:01.000Z") + invalid)
        let later = TestLines.v1(.invalid, at: "2026-01-15T12:00:00.000Z", session: "", tool: nil)
        fixture.write("activity-2026-01-15.jsonl", later + "\n" + "oops\n")
        let (entries, diagnostics) = read([fixture.path])
        #expect(entries.count == 1)
        #expect(diagnostics.invalidHookLines == 3)
        #expect(diagnostics.entries == 1)
        #expect(diagnostics.blankLines == 1)
        #expect(diagnostics.skipped == 1)
        #expect(diagnostics.warnings.count == 1)
        let fifteenth = read(
            [fixture.path], days: Self.day("2026-01-15")...Self.day("2026-01-15"))
        #expect(fifteenth.diagnostics.invalidHookLines == 1)
        // Read only as the day after the range, the 15th's lines count for nothing.
        let fourteenth = read(
            [fixture.path], days: Self.day("2026-01-14")...Self.day("2026-01-14"))
        #expect(fourteenth.diagnostics.invalidHookLines == 2)
        #expect(fourteenth.diagnostics.blankLines == 0)
        #expect(fourteenth.diagnostics.skipped == 0)
        #expect(fourteenth.diagnostics.filesRead == 2)
    }

    /// The files dated just outside the range: only their entries in it are handed on, and neither
    /// their bad, blank and invalid lines nor those of the range's own part of them are counted.
    @Test func readsTheNeighbouringFilesOnlyForTheRangesEntries() {
        let fixture = ReadingFixture()
        let invalid = { (time: String) in TestLines.v1(.invalid, at: time, session: "", tool: nil) }
        // The 13th: 4,000 records of its own, then 600 that count for the 14th (more than the first
        // 64 KB the reader tries), with bad, blank and invalid lines among both.
        let before = LogFileReaderMarginsTests.dayBefore(before: 4000, after: 600)
        fixture.write(
            "activity-2026-01-13.jsonl", before + invalid("2026-01-14T01:00:00.000Z") + "oops\n\n")
        fixture.write(
            "activity-2026-01-14.jsonl",
            TestLines.v1(at: "2026-01-14T12:00:00.000Z", session: "own") + "bad\n\n"
                + invalid("2026-01-14T12:00:01.000Z") + invalid("2026-01-15T00:00:01.000Z"))
        var after = TestLines.v1(at: "2026-01-14T23:59:59.000Z", session: "next-0") + "bad\n"
        for index in 0..<200 {
            after += TestLines.v1(at: "2026-01-15T00:00:0\(index % 10).000Z", session: "n\(index)")
            if index == 5 { after += TestLines.v1(at: "2026-01-14T23:59:59.500Z", session: "next-1") }
            if index == 100 { after += TestLines.v1(at: "2026-01-14T23:59:59.900Z", session: "lost") }
        }
        fixture.write("activity-2026-01-15.jsonl", after + "bad\n")

        let fourteenth = Self.day("2026-01-14")
        let whole = fixture.read("activity-2026-01-13.jsonl").entries.filter {
            $0.day == fourteenth && $0.event != HookEvent.invalid
        }
        #expect(whole.count == 600)
        let (entries, diagnostics) = read([fixture.path], days: fourteenth...fourteenth, offset: 0)
        #expect(entries.map(\.sessionID) == whole.map(\.sessionID) + ["own", "next-0", "next-1"])
        #expect(entries.prefix(600).map(\.location) == whole.map(\.location))
        #expect(diagnostics.entries == 603)
        #expect(diagnostics.filesRead == 3)
        #expect(diagnostics.skipped == 1)
        #expect(diagnostics.blankLines == 1)
        #expect(diagnostics.invalidHookLines == 1)
        #expect(diagnostics.warnings.count == 1)
        #expect(
            diagnostics.warnings.first?.hasSuffix("activity-2026-01-14.jsonl:2: not a JSON object") == true)
        // Less than the day before's file alone, although all three were read from.
        #expect(diagnostics.bytesRead < before.utf8.count)

        // A rollup just outside the range is read whole, for its rows of the range's days alone.
        unlink(fixture.path + "/activity-2026-01-13.jsonl")
        let first = Timestamp(iso8601: "2026-01-14T00:00:00Z")!
        let rolled = RollupRecord(
            day: fourteenth, event: .postToolUse, sessionID: "rolled", count: 3, first: first, last: first)
        var own = rolled
        own.day = Self.day("2026-01-13")
        own.sessionID = "thirteenth"
        var invalidRow = rolled
        invalidRow.event = HookEvent.invalid
        fixture.write(
            "rollup-2026-01-13.jsonl",
            own.jsonLine + rolled.jsonLine + invalidRow.jsonLine + Array("bad\n".utf8))
        let rotated = read([fixture.path], days: fourteenth...fourteenth, offset: 0)
        #expect(rotated.entries.map(\.sessionID) == ["rolled", "own", "next-0", "next-1"])
        #expect(rotated.diagnostics.rollupFilesRead == 1)
        #expect(rotated.diagnostics.skipped == 1)
        #expect(rotated.diagnostics.invalidHookLines == 1)
    }

    /// Many files, small chunks: every entry in order, and the diagnostics of all files added up.
    @Test func readsManyFilesInOrderAddingUpDiagnostics() {
        let fixture = ReadingFixture()
        var expected: [String] = []
        for day in 1...9 {
            var text = ""
            for index in 0..<(day == 5 ? 3000 : 150) {
                let session = "d\(day)-\(index)"
                expected.append(session)
                text += TestLines.v1(at: "2026-01-0\(day)T12:00:00.000Z", session: session)
                if index % 500 == 7 { text += "bad line \(day)\n" }
            }
            fixture.write("activity-2026-01-0\(day).jsonl", text)
        }
        let single = read([fixture.path], chunkSize: 4096)
        #expect(single.entries.map(\.sessionID) == expected)
        #expect(single.diagnostics.filesRead == 9)
        #expect(single.diagnostics.entries == expected.count)
        #expect(single.diagnostics.skipped == 14)
        #expect(single.diagnostics.suppressedWarnings == 14 - ReadDiagnostics.maximumLineWarnings)
        #expect(
            single.diagnostics.warnings.first?.hasSuffix("activity-2026-01-01.jsonl:9: not a JSON object")
                == true)
    }

    @Test func stopsAndRethrowsWhenTheBodyThrows() {
        struct Stop: Error {}
        let fixture = ReadingFixture()
        for day in 1...6 {
            fixture.write(
                "activity-2026-01-0\(day).jsonl",
                String(repeating: TestLines.v1(at: "2026-01-0\(day)T12:00:00.000Z"), count: 3000))
        }
        var reader = LogReader(
            directories: [fixture.path], days: nil, localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.forEach({ _ in
                seen += 1
                if seen == 4000 { throw Stop() }
            })
        }
        #expect(seen == 4000)
        #expect(reader.diagnostics.entries == 4000)
    }

    @Test func readsTheBenchmarkGeneratorsOutputAsItsSummarySays() throws {
        // scripts/gen-logs.py prints what a correct reader makes of its files; skip without python3.
        let script = ReadingFixture.packageRoot + "/scripts/gen-logs.py"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            FileManager.default.fileExists(atPath: script)
        else { return }
        let fixture = ReadingFixture()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            script, "--entries", "3000", "--days", "4", "--out", fixture.path, "--seed", "3", "--utc-offset",
            "-300",
            "--bad-rate", "0.02", "--legacy-rate", "0.05", "--invalid-rate", "0.01", "--truncate-last",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let (entries, diagnostics) = read([fixture.path])
        let totals = EntryTotals(entries)
        #expect(totals.entries == summary["records"] as? Int)
        #expect(totals.operations == summary["operations"] as? Int)
        #expect(totals.failures == summary["failures"] as? Int)
        #expect(totals.inputTokens == summary["input_tokens"] as? Int)
        #expect(totals.outputTokens == summary["output_tokens"] as? Int)
        #expect(Set(entries.map(\.sessionID)).count == summary["sessions"] as? Int)
        #expect(entries.filter { $0.source == .legacy }.count == summary["legacy"] as? Int)
        #expect(diagnostics.skipped == summary["skipped"] as? Int)
        #expect(diagnostics.truncated == 1)
        #expect(diagnostics.blankLines == summary["blank_lines"] as? Int)
        #expect(diagnostics.invalidHookLines == summary["invalid_lines"] as? Int)
        var byDay: [String: Int] = [:]
        for entry in entries { byDay[entry.day.description, default: 0] += entry.operations }
        #expect(
            byDay.filter { $0.value > 0 }
                == (summary["operations_by_day"] as? [String: Int])?.filter { $0.value > 0 })
        // Without the optional fields, the same entries and counts.
        let (bare, bareDiagnostics) = read([fixture.path], fields: [])
        #expect(EntryTotals(bare) == totals)
        #expect(bare.map(\.location) == entries.map(\.location))
        #expect(bare.allSatisfy { $0.command == nil && $0.file == nil && $0.cwd == nil })
        #expect(bareDiagnostics == diagnostics)
    }
}

@Suite struct LogReaderDayTotalsTests {
    /// Reads the fixture's directory for `days` (nil: all) at UTC.
    static func read(_ fixture: ReadingFixture, days: ClosedRange<CivilDate>?) -> [LogEntry] {
        var reader = LogReader(
            directories: [fixture.path], days: days, localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var entries: [LogEntry] = []
        reader.forEach({ entries.append($0) })
        return entries
    }

    @Test func perDayTotalsAddUpToAllDaysForLinesDatedFarFromTheirFile() {
        let fixture = ReadingFixture()
        fixture.write(
            "activity-2026-01-10.jsonl",
            TestLines.v1(at: "2026-01-10T10:00:00.000Z", session: "a", input: 1, output: 0)
                + TestLines.v1(at: "2026-03-01T10:00:00.000Z", session: "far-future", input: 10, output: 0)
                + TestLines.v1(at: "2025-06-01T10:00:00.000Z", session: "far-past", input: 100, output: 0)
                + TestLines.v1(at: "2026-01-11T00:30:00.000Z", session: "next-day", input: 1000, output: 0))
        fixture.write(
            "activity-2026-01-12.jsonl",
            TestLines.v1(at: "2026-01-05T10:00:00.000Z", session: "copied", input: 10_000, output: 0)
                + TestLines.v1(at: "2026-01-12T10:00:00.000Z", session: "b", input: 100_000, output: 0))
        fixture.write(
            "rollup-2026-01-08.jsonl",
            #"{"rollup":1,"day":"2025-12-01","event":"PostToolUse","session_id":"r","count":2,"failures":0,"#
                + #""tokens":{"input":1000000,"output":0},"duration_ms":0,"first":"2025-12-01T10:00:00.000Z","#
                + #""last":"2025-12-01T11:00:00.000Z"}"# + "\n")
        let all = Self.read(fixture, days: nil)
        #expect(all.count == 7)
        var perDay: [LogEntry] = []
        var day = CivilDate("2025-05-01")!
        while day <= CivilDate("2026-04-01")! {
            perDay += Self.read(fixture, days: day...day)
            day = day.adding(days: 1)
        }
        #expect(perDay.count == all.count)
        #expect(perDay.map(\.inputTokens).reduce(0, +) == all.map(\.inputTokens).reduce(0, +))
        #expect(Set(perDay.map(\.sessionID)) == Set(all.map(\.sessionID)))
        // A line far from its file's date counts for the file's date; one near it, for its own day.
        let days = Dictionary(all.map { ($0.sessionID, $0.day.description) }, uniquingKeysWith: { $1 })
        #expect(days["far-future"] == "2026-01-10")
        #expect(days["far-past"] == "2026-01-10")
        #expect(days["next-day"] == "2026-01-11")
        #expect(days["copied"] == "2026-01-12")
        #expect(days["r"] == "2026-01-08")
    }
}
