import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct LogFileReaderTests {
    /// Good lines of both formats: 4 operations (one failed), 1 prompt, 1 session start.
    static let good: [String] = [
        TestLines.v1(.sessionStart, at: "2026-01-14T09:00:00.000Z", tool: nil, input: 0, output: 0) {
            $0.model = "m"
        },
        TestLines.v1(.userPromptSubmit, at: "2026-01-14T09:00:01.000Z", tool: nil, input: 40, output: 0),
        TestLines.v1(.postToolUse, at: "2026-01-14T09:00:02.000Z", input: 5, output: 7) {
            $0.durationMS = 10
        },
        TestLines.legacy(at: "2026-01-14T09:00:03Z", input: 3),
        TestLines.v1(.postToolUseFailure, at: "2026-01-14T09:00:04.000Z", input: 1, output: 2) {
            $0.durationMS = 20
            $0.error = "Exit code 1"
        },
        TestLines.legacy(at: "2026-01-14T09:00:05Z", tool: "Grep", file: "/src", command: nil, input: 4),
    ]

    /// Totals of `good`, read alone.
    static let goodTotals = EntryTotals(ReadingFixture().read(text: good.joined()).entries)

    @Test func readsAMixedFileInOrder() {
        let (entries, diagnostics) = ReadingFixture().read(text: Self.good.joined())
        #expect(entries.map(\.source) == [.v1, .v1, .v1, .legacy, .v1, .legacy])
        #expect(entries.map(\.location.line) == [1, 2, 3, 4, 16, 17])
        #expect(entries.map(\.timestamp.seconds) == entries.map(\.timestamp.seconds).sorted())
        #expect(Self.goodTotals.operations == 4)
        #expect(Self.goodTotals.failures == 1)
        #expect(Self.goodTotals.inputTokens == 53)
        #expect(Self.goodTotals.outputTokens == 9)
        #expect(Self.goodTotals.durationMS == 30)
        #expect(diagnostics.skipped == 0)
        #expect(diagnostics.blankLines == 0)
        #expect(diagnostics.filesRead == 1)
        #expect(diagnostics.warnings.isEmpty)
    }

    /// Bad lines: each is skipped and counted once, and the good lines around them read as alone.
    @Test(arguments: [
        ("not json at all\n", RecordProblem.notAnObject),
        ("[]\n", .notAnObject),
        ("\"x\"\n", .notAnObject),
        ("42\n", .notAnObject),
        ("{}\n", .notALogRecord),
        ("{\"foo\":1}\n", .notALogRecord),
        ("{\"v\":1,\"timestamp\":7,\"event\":\"PostToolUse\",\"tokens\":{\"input\":999}}\n", .badTimestamp),
        ("{\"v\":1,\"event\":\"PostToolUse\",\"tokens\":{\"input\":999}}\n", .missingTimestamp),
        (
            "{\"v\":1,\"timestamp\":\"2026-01-14T09:00:00Z\",\"event\":\"PostToolUse\",}\n",
            .malformed(.unexpectedByte(UInt8(ascii: "}"), at: 64))
        ),
        (
            "{\"v\":1,\"timestamp\":\"2026-01-14T09:00:00Z\",\"event\":\"PostTo\n",
            .malformed(.unexpectedByte(0x0A, at: 57))
        ),
        (
            "{\"v\":1,\"timestamp\":\"2026-01-14T09:00:00Z\",\"tokens\":\n",
            .malformed(.unexpectedByte(UInt8(ascii: "{"), at: 253))
        ),
        (
            "{\"v\":1,\"timestamp\":\"2026-01-14T09:00:00Z\",\"event\":\"PostToolUse\"} trailing\n",
            .trailingText
        ),
        ("{\"v\":1,\"timestamp\":\"2026-01-14T09:00:00Z\",\"event\":\"PostToolUse\"}{}\n", .trailingText),
        ("\u{1}\u{0}\u{0}\n", .notAnObject),
        (
            "{\"timestamp\": \"2026-01-14T09:00:00Z\",\n  \"tool\": \"Bash\",\n",
            .malformed(.unexpectedByte(UInt8(ascii: "{"), at: 56))
        ),
    ])
    func skipsAndCountsEachBadLineWithoutChangingGoodTotals(bad: String, problem: RecordProblem) {
        let text = Self.good[0...2].joined() + bad + Self.good[3...].joined()
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 1)
        #expect(diagnostics.truncated == 0)
        #expect(diagnostics.warnings.count == 1)
        #expect(diagnostics.warnings.first?.hasSuffix(".jsonl:4: \(problem.message)") == true)
    }

    @Test func countsBlankLinesApart() {
        let text = "\n" + Self.good[0...1].joined() + "   \t\r\n\n" + Self.good[2...].joined() + "\r\n"
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.blankLines == 4)
        #expect(diagnostics.skipped == 0)
    }

    @Test(arguments: [
        "{\"v\":1,\"timestamp\":\"2026-01-14T09:00:09.000Z\",\"event\":\"PostToolUse\",\"tokens\":{\"inp",
        "{\"v\":1,\"timestamp\":\"2026-01-14T09:00:09.000Z\"",
        "{",
        "{\n  \"timestamp\": \"2026-01-14T09:00:09Z\",\n  \"tool\": \"Bash\",\n",
    ])
    func skipsATruncatedLastRecord(tail: String) {
        let (entries, diagnostics) = ReadingFixture().read(text: Self.good.joined() + tail)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 1)
        #expect(diagnostics.truncated == 1)
        #expect(diagnostics.warnings.first?.hasSuffix(": truncated record at end of file") == true)
    }

    @Test func readsACompleteLastLineWithoutItsNewline() {
        let text = Self.good.joined() + TestLines.v1(at: "2026-01-14T09:00:09.000Z").dropLast()
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        #expect(entries.count == Self.good.count + 1)
        #expect(diagnostics.skipped == 0)
    }

    @Test func resynchronisesAfterAnUnfinishedRecordThatRunsIntoTheNext() {
        // A cut v1 line whose JSON would go on into the lines that follow; they are records of their own.
        let text = "{\"v\":1,\"timestamp\":\"2026-01-14T08:00:00Z\",\"tags\":\n" + Self.good.joined()
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 1)
        let swallowing =
            "{\"v\":1,\"timestamp\":\"2026-01-14T08:00:00Z\",\"tool\":\n{\"a\":1}}\n" + Self.good.joined()
        let second = ReadingFixture().read(text: swallowing)
        #expect(EntryTotals(second.entries) == Self.goodTotals)
        #expect(second.diagnostics.skipped == 2)
        #expect(
            second.diagnostics.warnings.first?.hasSuffix(":1: unfinished record runs into the next one")
                == true)
    }

    @Test func skipsARunOfLinesAfterABadRecordAsOne() {
        // A legacy entry cut after its third line, then whole entries: the cut one's lines count once.
        let cut = TestLines.legacy(at: "2026-01-14T08:00:00Z").split(separator: "\n").prefix(3).joined(
            separator: "\n")
        let (entries, diagnostics) = ReadingFixture().read(text: cut + "\n" + Self.good.joined())
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 1)
    }

    @Test func keepsOnlyTheFirstFewWarnings() {
        let text = String(repeating: "garbage\n", count: 9) + Self.good.joined()
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 9)
        #expect(diagnostics.warnings.count == ReadDiagnostics.maximumLineWarnings)
        #expect(diagnostics.suppressedWarnings == 9 - ReadDiagnostics.maximumLineWarnings)
        #expect(diagnostics.warnings.first?.hasSuffix(".jsonl:1: not a JSON object") == true)
        #expect(diagnostics.warnings.last?.hasSuffix(".jsonl:5: not a JSON object") == true)
    }

    @Test(arguments: [1, 2, 3, 4, 1 << 16])
    func skipsAByteOrderMarkWhateverTheFirstReadReturns(chunkSize: Int) {
        let fixture = ReadingFixture()
        _ = fixture.write("activity-2026-01-14.jsonl", [0xEF, 0xBB, 0xBF] + Array(Self.good.joined().utf8))
        let (entries, diagnostics) = fixture.read("activity-2026-01-14.jsonl", chunkSize: chunkSize)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 0)
    }

    @Test func neverCrashesOnRandomBytes() {
        var generator = SeededGenerator(seed: 42)
        let fixture = ReadingFixture()
        let goodBytes = Array(Self.good.joined().utf8)
        for round in 0..<40 {
            var bytes = goodBytes
            // Corrupt a few bytes, then check the reader survives and only loses lines.
            for _ in 0..<(round % 8 + 1) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            fixture.write("activity-2026-01-14.jsonl", bytes)
            let (entries, _) = fixture.read("activity-2026-01-14.jsonl", chunkSize: 1 + round)
            #expect(entries.count <= Self.good.count + 1)
        }
    }

    /// Every chunk size from one byte up gives the same entries as one big read, so records
    /// (v1 lines and multi-line legacy entries) may straddle any chunk boundary.
    @Test func readsRecordsThatSpanChunkBoundaries() {
        let text = Self.good.joined() + "\n garbage\n" + Self.good.joined() + "{\"v\":1,\"timest"
        let fixture = ReadingFixture()
        let whole = fixture.read(text: text)
        #expect(whole.entries.count == 2 * Self.good.count)
        for chunkSize in [1, 2, 3, 7, 16, 64, 100, 255, 256, 1000] {
            let chunked = fixture.read("activity-2026-01-14.jsonl", chunkSize: chunkSize)
            #expect(chunked.entries.map(\.location) == whole.entries.map(\.location), "chunk \(chunkSize)")
            #expect(EntryTotals(chunked.entries) == EntryTotals(whole.entries), "chunk \(chunkSize)")
            #expect(chunked.diagnostics.skipped == 2)
            #expect(chunked.diagnostics.truncated == 1)
            #expect(chunked.diagnostics.blankLines == 1)
            #expect(chunked.diagnostics.bytesRead == text.utf8.count)
        }
    }

    @Test func skipsRecordsLongerThanTheLimit() {
        let long = TestLines.v1(at: "2026-01-14T08:00:00.000Z") {
            $0.command = String(repeating: "x", count: 5000)
        }
        let text = long + Self.good.joined() + long
        let (entries, diagnostics) = ReadingFixture().read(
            text: text, chunkSize: 64, maximumRecordBytes: 1024)
        #expect(EntryTotals(entries) == Self.goodTotals)
        #expect(diagnostics.skipped == 2)
        #expect(diagnostics.warnings.first?.hasSuffix(":1: record longer than 1024 bytes") == true)
        let roomy = ReadingFixture().read(text: text, chunkSize: 64, maximumRecordBytes: 8192)
        #expect(roomy.entries.count == Self.good.count + 2)
    }

    @Test func warnsAboutAFileThatCannotBeReadAndGoesOn() {
        let fixture = ReadingFixture()
        var reader = LogFileReader(path: fixture.path + "/missing.jsonl", kind: .activity)
        reader.forEach({ _ in Issue.record("no entries expected") })
        #expect(reader.diagnostics.filesRead == 0)
        #expect(reader.diagnostics.unreadablePaths == 1)
        #expect(
            reader.diagnostics.warnings.first?.hasSuffix(
                "missing.jsonl: cannot open: no such file or directory") == true)
        var directory = LogFileReader(path: fixture.path, kind: .activity)
        directory.forEach({ _ in Issue.record("no entries expected") })
        #expect(directory.diagnostics.warnings.first == "\(fixture.path): not read: it is not a regular file")
    }

    @Test func yieldsInvalidHookLinesForRotation() {
        let invalid = TestLines.v1(.invalid, tool: nil, input: 0, output: 0) {
            $0.inputError = "not a JSON object"
        }
        let (entries, _) = ReadingFixture().read(text: invalid)
        #expect(entries.map(\.event) == [.invalid])
    }

    @Test func stopsAndRethrowsWhenTheBodyThrows() {
        struct Stop: Error {}
        let fixture = ReadingFixture()
        let path = fixture.write("activity-2026-01-14.jsonl", Self.good.joined())
        var reader = LogFileReader(path: path, kind: .activity)
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.forEach({ _ in
                seen += 1
                if seen == 2 { throw Stop() }
            })
        }
        #expect(seen == 2)
    }
}

/// A small deterministic random number generator (SplitMix64) for repeatable fuzzing.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
