import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct RollupRecordTests {
    static let record = RollupRecord(
        day: CivilDate("2026-11-22")!, event: .postToolUse, sessionID: "abc-123", project: "app",
        tool: "Bash",
        model: nil, count: 12, failures: 1, inputTokens: 60, outputTokens: 1440, durationTotalMS: 4100,
        first: Timestamp(iso8601: "2026-11-22T09:00:01.120Z")!,
        last: Timestamp(iso8601: "2026-11-22T17:42:10.003Z")!)

    /// The rows `text` decodes to (nil for an object that is not a row).
    func decode(_ text: String) throws -> RollupRecord? {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return try RollupRecord.decode(&scanner)
        }
    }

    @Test func writesTheDocumentedLine() {
        let line = String(decoding: Self.record.jsonLine, as: UTF8.self)
        #expect(
            line
                == #"{"rollup":1,"day":"2026-11-22","event":"PostToolUse","session_id":"abc-123","project":"app","#
                + #""tool":"Bash","count":12,"failures":1,"tokens":{"input":60,"output":1440},"duration_ms":4100,"#
                + #""first":"2026-11-22T09:00:01.120Z","last":"2026-11-22T17:42:10.003Z"}"# + "\n")
    }

    @Test(arguments: [
        record,
        RollupRecord(
            day: CivilDate("2026-01-01")!, event: .sessionStart, sessionID: "", model: "claude \"x\"",
            count: 1,
            first: Timestamp(milliseconds: 0), last: Timestamp(milliseconds: 1)),
        RollupRecord(
            day: CivilDate("2026-01-01")!, event: .userPromptSubmit, sessionID: "s", project: "p", count: 3,
            inputTokens: 900, first: Timestamp(milliseconds: 5), last: Timestamp(milliseconds: 99_000)),
    ])
    func decodesWhatItEncodes(record: RollupRecord) throws {
        #expect(try decode(String(decoding: record.jsonLine, as: UTF8.self)) == record)
    }

    @Test(arguments: [
        #"{}"#,
        #"{"day":"2026-01-01","event":"PostToolUse","count":1,"first":"2026-01-01T00:00:00Z","last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"event":"PostToolUse","count":1,"first":"2026-01-01T00:00:00Z","last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"day":"2026-02-30","event":"PostToolUse","count":1,"first":"2026-01-01T00:00:00Z","last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"day":"2026-01-01","count":1,"first":"2026-01-01T00:00:00Z","last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"day":"2026-01-01","event":"PostToolUse","first":"2026-01-01T00:00:00Z","last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"day":"2026-01-01","event":"PostToolUse","count":-1,"first":"2026-01-01T00:00:00Z","last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"day":"2026-01-01","event":"PostToolUse","count":1,"last":"2026-01-01T00:00:00Z"}"#,
        #"{"rollup":1,"day":"2026-01-01","event":"PostToolUse","count":1,"first":"soon","last":"2026-01-01T00:00:00Z"}"#,
    ])
    func rejectsObjectsThatAreNoRow(text: String) throws {
        #expect(try decode(text) == nil)
    }

    @Test func becomesAnEntryCarryingItsCounts() {
        let entry = Self.record.entry(at: LogLocation(file: "r", line: 3))
        #expect(entry.source == .rollup)
        #expect(entry.operations == 12)
        #expect(entry.failures == 1)
        #expect(entry.events == 12)
        #expect(entry.durationTotalMS == 4100)
        #expect(entry.durationMS == nil)
        #expect(entry.timestamp == Self.record.first)
        #expect(entry.lastTimestamp == Self.record.last)
        #expect(entry.day == Self.record.day)
        var prompts = Self.record
        prompts.event = .userPromptSubmit
        let other = prompts.entry(at: LogLocation(file: "r", line: 4))
        #expect(other.operations == 0 && other.failures == 0 && other.events == 12)
    }

    @Test func readsRollupFilesSkippingOtherLines() {
        let fixture = ReadingFixture()
        let text = String(decoding: Self.record.jsonLine, as: UTF8.self) + "\n" + TestLines.v1() + "garbage\n"
        fixture.write("rollup-2026-11-22.jsonl", text)
        let (entries, diagnostics) = fixture.read("rollup-2026-11-22.jsonl", kind: .rollup)
        #expect(entries.count == 1)
        #expect(entries.first?.location.line == 1)
        #expect(diagnostics.skipped == 2)
        #expect(diagnostics.blankLines == 1)
        #expect(diagnostics.rollupFilesRead == 1)
        #expect(diagnostics.warnings.first?.hasSuffix(":3: not a rollup row") == true)
    }
}
