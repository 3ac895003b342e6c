import Foundation
import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct RollupTableTests {
    /// Report-like totals of a reading, which must not change when activity files become rollups.
    struct Report: Equatable {
        var totals: EntryTotals
        var sessions: Set<String>
        var byTool: [String: [Int]] = [:]
        var byProject: [String: [Int]] = [:]
        var bySession: [String: [Int]] = [:]
        var byDay: [CivilDate: [Int]] = [:]
        var byEvent: [HookEvent: Int] = [:]
        var sessionSpans: [String: [Int]] = [:]
        var tokensByModel: [String: Int] = [:]
        var invalidLines: Int

        init(_ entries: [LogEntry], invalidLines: Int) {
            totals = EntryTotals(entries)
            totals.entries = 0  // rollups stand for many lines in fewer entries
            sessions = Set(entries.map(\.sessionID))
            self.invalidLines = invalidLines
            var models: [String: String] = [:]
            for entry in entries {
                let counts = [
                    entry.operations, entry.failures, entry.inputTokens, entry.outputTokens,
                    entry.durationTotalMS,
                ]
                func add(_ table: inout [String: [Int]], _ key: String) {
                    table[key] = zip(table[key] ?? [0, 0, 0, 0, 0], counts).map { $0 + $1 }
                }
                add(&byTool, entry.tool ?? "-")
                add(&byProject, entry.project ?? "-")
                add(&bySession, entry.sessionID)
                byDay[entry.day] = zip(byDay[entry.day] ?? [0, 0, 0, 0, 0], counts).map { $0 + $1 }
                byEvent[entry.event, default: 0] += entry.events
                let span = sessionSpans[entry.sessionID] ?? [Int.max, Int.min]
                sessionSpans[entry.sessionID] = [
                    min(span[0], entry.timestamp.milliseconds),
                    max(span[1], entry.lastTimestamp.milliseconds),
                ]
                if let model = entry.model { models[entry.sessionID] = model }
            }
            for entry in entries {
                tokensByModel[models[entry.sessionID] ?? "-", default: 0] += entry.totalTokens
            }
        }
    }

    /// Three days of activity at UTC-5 with sessions across midnight, every event kind, legacy entries,
    /// failures, invalid lines and a bad line.
    static func writeActivity(to fixture: ReadingFixture) {
        var generator = SeededGenerator(seed: 7)
        let tools = ["Bash", "Read", "Edit", "Grep", "mcp__github__create_issue"]
        var files: [String: String] = [:]
        var time = Timestamp(iso8601: "2026-01-14T03:00:00Z")!.milliseconds
        for session in 0..<12 {
            let id = "session-\(session)"
            let project = ["app", "api", "web"][session % 3]
            func emit(_ line: String, at milliseconds: Int) {
                let local = Timestamp(milliseconds: milliseconds - 5 * 3_600_000).iso8601.prefix(10)
                files["activity-\(local).jsonl", default: ""] += line
            }
            func stamp() -> String { Timestamp(milliseconds: time).iso8601 }
            emit(
                TestLines.v1(
                    .sessionStart, at: stamp(), session: id, project: project, tool: nil, input: 0, output: 0
                ) {
                    $0.model = ["opus", "sonnet"][session % 2]
                }, at: time)
            for step in 0..<Int.random(in: 5...40, using: &generator) {
                time += Int.random(in: 1000...900_000, using: &generator)
                switch step % 7 {
                case 0:
                    emit(
                        TestLines.v1(
                            .userPromptSubmit, at: stamp(), session: id, project: project, tool: nil,
                            input: Int.random(in: 1...300, using: &generator), output: 0), at: time)
                case 1:
                    let whole = String(Timestamp(milliseconds: time - time % 1000).iso8601.prefix(19)) + "Z"
                    emit(
                        TestLines.legacy(
                            at: whole, session: id, tool: "Grep", file: "/src", command: nil,
                            input: Int.random(in: 1...50, using: &generator)), at: time - time % 1000)
                case 2:
                    emit(
                        TestLines.v1(
                            .invalid, at: stamp(), session: "", project: nil, tool: nil, input: 0, output: 0),
                        at: time)
                default:
                    let failed = Int.random(in: 0..<5, using: &generator) == 0
                    emit(
                        TestLines.v1(
                            failed ? .postToolUseFailure : .postToolUse, at: stamp(), session: id,
                            project: project, tool: tools[step % tools.count],
                            input: Int.random(in: 0...900, using: &generator),
                            output: Int.random(in: 0...900, using: &generator)
                        ) {
                            $0.durationMS = Int.random(in: 1...5000, using: &generator)
                        }, at: time)
                }
            }
            emit(
                TestLines.v1(
                    .sessionEnd, at: stamp(), session: id, project: project, tool: nil, input: 0, output: 0),
                at: time)
            time -= Int.random(in: 0...3_600_000, using: &generator)
        }
        for (name, text) in files { fixture.write(name, text + "not json\n") }
    }

    /// Everything on all days in `directory`, as a report.
    static func report(_ directory: String) -> (Report, ReadDiagnostics) {
        var reader = LogReader(
            directories: [directory], days: nil, localDays: LocalDayResolver(utcOffsetSeconds: -5 * 3600))
        var entries: [LogEntry] = []
        reader.forEach({ entries.append($0) })
        return (Report(entries, invalidLines: reader.diagnostics.invalidHookLines), reader.diagnostics)
    }

    @Test func rollupsKeepEveryReportTotal() throws {
        let fixture = ReadingFixture()
        Self.writeActivity(to: fixture)
        let (before, beforeDiagnostics) = Self.report(fixture.path)
        #expect(beforeDiagnostics.filesRead >= 2)
        #expect(before.totals.operations > 50)
        #expect(before.invalidLines > 5)

        // Rotate every file: roll it up, write the rollup, delete the activity file.
        let directory = try LogDirectory.scan(fixture.path)
        for date in directory.activityDates {
            var table = RollupTable()
            var reader = LogFileReader(
                path: fixture.path + "/" + LogFileName.activity(date), kind: .activity,
                localDays: LocalDayResolver(utcOffsetSeconds: -5 * 3600))
            reader.forEach({ table.add($0) })
            fixture.write(LogFileName.rollup(date), table.fileContents)
            unlink(fixture.path + "/" + LogFileName.activity(date))
        }
        let (after, afterDiagnostics) = Self.report(fixture.path)
        #expect(afterDiagnostics.rollupFilesRead == beforeDiagnostics.filesRead)
        #expect(afterDiagnostics.skipped == 0)
        #expect(after == before)
        #expect(afterDiagnostics.entries < beforeDiagnostics.entries)
    }

    @Test func rollsUpLinesByEventSummingTheirCounts() {
        let fixture = ReadingFixture()
        let text = [
            TestLines.v1(.postToolUse, at: "2026-01-14T10:00:00.000Z", input: 1, output: 2) {
                $0.durationMS = 5
            },
            TestLines.v1(.postToolUseFailure, at: "2026-01-14T11:00:00.000Z", input: 3, output: 4) {
                $0.durationMS = 6
            },
            TestLines.legacy(at: "2026-01-14T09:00:00Z", session: "s1", input: 10),
            TestLines.v1(.userPromptSubmit, at: "2026-01-14T10:30:00.000Z", tool: nil, input: 50, output: 0),
            TestLines.v1(.userPromptSubmit, at: "2026-01-14T10:40:00.000Z", tool: nil, input: 60, output: 0),
        ].joined()
        let (entries, _) = fixture.read(text: text)
        var table = RollupTable()
        for entry in entries { table.add(entry) }
        let records = table.records
        #expect(records.map(\.event) == [.postToolUse, .userPromptSubmit, .postToolUseFailure])
        let operations = records[0]
        #expect(operations.count == 2)
        #expect(operations.failures == 0)
        #expect(operations.inputTokens == 11)
        #expect(operations.outputTokens == 2)
        #expect(operations.durationTotalMS == 5)
        #expect(operations.first == Timestamp(iso8601: "2026-01-14T09:00:00Z"))
        #expect(operations.last == Timestamp(iso8601: "2026-01-14T10:00:00Z"))
        let failures = records[2]
        #expect(failures.count == 1)
        #expect(failures.failures == 1)
        #expect(failures.durationTotalMS == 6)
        let prompts = records[1]
        #expect(prompts.count == 2)
        #expect(prompts.inputTokens == 110)
        #expect(prompts.tool == nil)
    }
}
