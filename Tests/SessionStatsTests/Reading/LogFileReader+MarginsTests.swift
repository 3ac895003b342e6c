import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct LogFileReaderMarginsTests {
    static let fourteenth = CivilDate(year: 2026, month: 1, day: 14)

    /// The ISO 8601 time `seconds` after `day`'s midnight, UTC.
    static func time(_ day: CivilDate, _ seconds: Int) -> String {
        Timestamp(milliseconds: (day.daysSinceEpoch * 86_400 + seconds) * 1000).iso8601
    }

    /// A file of the 13th at UTC: `before` records of that day (some legacy, with bad and blank lines
    /// among them), then `after` records that count for the 14th.
    static func dayBefore(before: Int, after: Int) -> String {
        let thirteenth = CivilDate(year: 2026, month: 1, day: 13)
        var text = ""
        for index in 0..<before {
            let at = time(thirteenth, 3600 + index * 10)
            text += index % 7 == 3 ? TestLines.legacy(at: at) : TestLines.v1(at: at, session: "b\(index)")
            if index % 11 == 5 { text += "garbage \(index)\n" }
            if index % 13 == 6 { text += "\n" }
        }
        for index in 0..<after {
            let at = time(fourteenth, index)
            text += index % 5 == 2 ? TestLines.legacy(at: at) : TestLines.v1(at: at, session: "a\(index)")
            if index % 9 == 4 { text += "{ broken\n" }
        }
        return text
    }

    /// The entries `readTail` hands on from the file, the diagnostics of its reading, and the passes.
    static func readTail(_ path: String, window: Int) -> (entries: [LogEntry], diagnostics: ReadDiagnostics) {
        var buffer = ReadBuffer(capacity: 4096, limit: 1 << 20)
        var decoder = LogLineDecoder(localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var diagnostics = ReadDiagnostics()
        var entries: [LogEntry] = []
        let keepGoing = LogFileReader.readTail(
            path: path, kind: .activity, from: fourteenth, window: window, buffer: &buffer, decoder: &decoder,
            diagnostics: &diagnostics
        ) { entry in
            entries.append(entry)
            return true
        }
        #expect(keepGoing)
        return (entries, diagnostics)
    }

    /// Whatever the window, the tail hands on exactly the entries of the 14th a whole reading finds,
    /// once each, in order, with their line numbers in the whole file.
    @Test(
        arguments: [(300, 0), (300, 1), (300, 40), (0, 25), (2, 3), (400, 400)], [1, 90, 700, 4096, 1 << 16])
    func handsOnTheEntriesAtTheEndOnceEach(counts: (before: Int, after: Int), window: Int) {
        let fixture = ReadingFixture()
        let path = fixture.write(
            "activity-2026-01-13.jsonl", Self.dayBefore(before: counts.before, after: counts.after))
        let whole = fixture.read("activity-2026-01-13.jsonl").entries.filter { $0.day == Self.fourteenth }
        #expect(whole.count == counts.after)
        let (entries, diagnostics) = Self.readTail(path, window: window)
        #expect(entries.map(\.timestamp) == whole.map(\.timestamp))
        #expect(entries.map(\.sessionID) == whole.map(\.sessionID))
        #expect(entries.map(\.location) == whole.map(\.location))
        #expect(diagnostics.filesRead == 1)
    }

    @Test func readsOnlyTheEndOfALargeFile() {
        let fixture = ReadingFixture()
        let text = Self.dayBefore(before: 3000, after: 5)
        let path = fixture.write("activity-2026-01-13.jsonl", text)
        let (entries, diagnostics) = Self.readTail(path, window: 1 << 12)
        let whole = fixture.read("activity-2026-01-13.jsonl").entries.filter { $0.day == Self.fourteenth }
        #expect(entries.count == 5)
        #expect(entries.map(\.location) == whole.map(\.location))
        // The window, and the byte before it, to see whether a line starts there.
        #expect(diagnostics.bytesRead == (1 << 12) + 1)
        // Entries of the 14th in more than the first window: it doubles until they all fit.
        let longerText = Self.dayBefore(before: 3000, after: 400)
        // Named for the 13th too: an entry two days from its file's date would count for the file's date.
        let longerFixture = ReadingFixture()
        let longer = longerFixture.write("activity-2026-01-13.jsonl", longerText)
        let doubled = Self.readTail(longer, window: 1 << 12)
        #expect(doubled.entries.count == 400)
        #expect(Set(doubled.entries.map(\.location.line)).count == 400)
        #expect(doubled.diagnostics.bytesRead < longerText.utf8.count / 2)
    }

    @Test func notesAFileThatCannotBeOpened() {
        let (entries, diagnostics) = Self.readTail("/nonexistent/activity-2026-01-13.jsonl", window: 100)
        #expect(entries.isEmpty)
        #expect(diagnostics.unreadablePaths == 1)
        #expect(diagnostics.filesRead == 0)
    }

    @Test func stopsWhenTheBodySaysSo() {
        let fixture = ReadingFixture()
        let path = fixture.write("activity-2026-01-13.jsonl", Self.dayBefore(before: 50, after: 30))
        var buffer = ReadBuffer(capacity: 4096, limit: 1 << 20)
        var decoder = LogLineDecoder(localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var diagnostics = ReadDiagnostics()
        var seen = 0
        let keepGoing = LogFileReader.readTail(
            path: path, kind: .activity, from: Self.fourteenth, window: 64, buffer: &buffer,
            decoder: &decoder,
            diagnostics: &diagnostics
        ) { _ in
            seen += 1
            return seen < 4
        }
        #expect(!keepGoing)
        #expect(seen == 4)
    }

    /// The day after's file: entries of the 14th at its start, even a little out of order, and none
    /// once `headOverrun` entries in a row were past it.
    @Test func readsTheStartOfTheDayAftersFileUntilWellPastTheRange() {
        let fixture = ReadingFixture()
        let fifteenth = CivilDate(year: 2026, month: 1, day: 15)
        var text = TestLines.v1(at: Self.time(Self.fourteenth, 86_390), session: "early")
        for index in 0..<300 {
            text += TestLines.v1(at: Self.time(fifteenth, index), session: "n\(index)")
            if index == 10 { text += TestLines.v1(at: Self.time(Self.fourteenth, 86_399), session: "late") }
            if index == 200 { text += TestLines.v1(at: Self.time(Self.fourteenth, 86_399), session: "lost") }
        }
        let path = fixture.write("activity-2026-01-15.jsonl", text)
        var buffer = ReadBuffer(capacity: 4096, limit: 1 << 20)
        var decoder = LogLineDecoder(localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var diagnostics = ReadDiagnostics()
        var entries: [LogEntry] = []
        let keepGoing = LogFileReader.readHead(
            path: path, kind: .activity, through: Self.fourteenth, buffer: &buffer, decoder: &decoder,
            diagnostics: &diagnostics
        ) { entry in
            entries.append(entry)
            return true
        }
        #expect(keepGoing)
        #expect(entries.map(\.sessionID) == ["early", "late"])
        #expect(entries.map(\.location.line) == [1, 13])
        #expect(diagnostics.bytesRead < text.utf8.count)
        #expect(diagnostics.filesRead == 1)
    }

    @Test func countsTheNewlinesBeforeAnOffset() throws {
        let fixture = ReadingFixture()
        let text = String(repeating: "abc\n\n" + String(repeating: "x", count: 70_000) + "\n", count: 3)
        let path = fixture.write("lines", text)
        let descriptor = try FileDescriptor.open(path, .readOnly)
        defer { try? descriptor.close() }
        for offset in [0, 3, 4, 5, 70_005, 70_006, 140_000, text.utf8.count] {
            let expected = text.utf8.prefix(offset).count { $0 == UInt8(ascii: "\n") }
            #expect(LogFileReader.newlines(in: descriptor, before: offset) == expected)
        }
    }
}
