import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct StatusCaptureTests {
    static let day = CivilDate(year: 2026, month: 11, day: 22)

    static func record(_ second: Int, session: String = "s", percent: Int = 10) -> StatusRecord {
        var input = StatusLineInput(sessionID: session, modelID: "claude-opus-4-5")
        input.fiveHour = .init(usedPercent: DecimalNumber(percent), resetsAt: 1_795_367_400)
        return StatusRecord(
            timestamp: Timestamp(milliseconds: TestContext.now.milliseconds + second * 1000), input: input)
    }

    static func lines(_ directory: ScratchDirectory) -> [StatusRecord] {
        (directory.read(StatusRecord.fileName(day)) ?? "").split(separator: "\n").compactMap {
            StatusRecord.decode(Array($0.utf8))
        }
    }

    @Test func writesOnlyWhenAValueChangesOrAMinutePasses() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var cache = StatusLineCache()
        func capture(_ record: StatusRecord) {
            StatusCapture.capture(record, day: Self.day, directory: directory.path, cache: &cache)
        }
        capture(Self.record(0))
        capture(Self.record(1))  // same values: held back
        capture(Self.record(30))  // still held back
        capture(Self.record(31, percent: 11))  // changed
        capture(Self.record(32, session: "t"))  // another session has its own throttle
        capture(Self.record(60, percent: 11))  // 29 s after the last line of s: held back
        capture(Self.record(91, percent: 11))  // a minute after it: written
        let written = Self.lines(directory)
        #expect(
            written.map { ($0.timestamp.milliseconds - TestContext.now.milliseconds) / 1000 } == [
                0, 31, 32, 91,
            ])
        #expect(written.map { $0.input.sessionID ?? "" } == ["s", "s", "t", "s"])
        #expect(written[1].input.fiveHour?.usedPercent == DecimalNumber(11))
    }

    @Test func theThrottleSurvivesBetweenRunsThroughTheCache() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        for second in [0, 5, 10] {
            var cache = StatusLineCache.load(directory: directory.path) ?? StatusLineCache()
            StatusCapture.capture(
                Self.record(second), day: Self.day, directory: directory.path, cache: &cache)
            cache.save(directory: directory.path)
        }
        #expect(Self.lines(directory).count == 1)
    }

    @Test func oldNotesAreDropped() {
        var cache = StatusLineCache()
        cache.captures["gone"] = .init(milliseconds: TestContext.now.milliseconds - 2 * 86_400_000, values: 1)
        cache.captures["future"] = .init(milliseconds: TestContext.now.milliseconds + 1000, values: 1)
        #expect(
            StatusCapture.capture(
                StatusRecord(timestamp: TestContext.now, input: StatusLineInput()), day: Self.day,
                directory: "/nonexistent", cache: &cache))
        #expect(cache.captures.isEmpty)
    }

    @Test func neverWritesThroughALinkIntoAFIFOOrIntoAMissingDirectory() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let name = StatusRecord.fileName(Self.day)
        var cache = StatusLineCache()
        directory.write("keep\n", to: "target")
        try FileSystem.makeSymbolicLink(at: directory.file(name), to: directory.file("target"))
        #expect(
            !StatusCapture.capture(Self.record(0), day: Self.day, directory: directory.path, cache: &cache))
        #expect(directory.read("target") == "keep\n")
        try FileSystem.remove(directory.file(name))
        try FileSystem.makeFIFO(directory.file(name))
        #expect(
            !StatusCapture.capture(Self.record(0), day: Self.day, directory: directory.path, cache: &cache))
        #expect(
            !StatusCapture.capture(
                Self.record(0), day: Self.day, directory: directory.path + "/missing", cache: &cache))
        #expect(cache.captures.isEmpty)
    }

    @Test func theStatusLineCommandCapturesWithPrivateModes() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let input = StatusInputFixture.bytes("v2.1-limits")
        for _ in 0..<3 {
            let test = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
            #expect(StatusLineCommand.run([], context: test.context, input: { input }) == .success)
        }
        let written = Self.lines(directory)
        #expect(written.count == 1)
        #expect(written.first?.input.sevenDay?.usedPercent == DecimalNumber("41.2"))
        #expect(
            try FileSystem.status(of: directory.file(StatusRecord.fileName(Self.day))).permissions == 0o600)
        // --no-capture writes nothing more, even after a minute.
        var later = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
        later.context.clock.now = Timestamp(milliseconds: TestContext.now.milliseconds + 120_000)
        #expect(StatusLineCommand.run(["--no-capture"], context: later.context, input: { input }) == .success)
        #expect(Self.lines(directory).count == 1)
    }
}
