import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `rotate` and the usage ledger: sync first, roll old `usage-D.jsonl` files up, and change no
/// report's figures.
@Suite struct UsageRotationTests {
    static let first = "22222222-2222-2222-2222-222222222222"
    static let second = "33333333-3333-3333-3333-333333333333"

    /// Every report that reads the ledger, as JSON.
    static let reports: [[String]] = [
        ["report", "--range", "all", "--json", "--no-sync"],
        ["report", "--date", "2026-11-19", "--json", "--no-sync"],
        ["report", "--date", "2026-11-20", "--project", "app", "--json", "--no-sync"],
        ["report", "--range", "week", "--session", String(first.prefix(8)), "--json", "--no-sync"],
        ["sessions", "--range", "all", "--json", "--no-sync"],
        ["budget", "--monthly", "1", "--weekly", "0.5", "--daily", "0.01", "--no-sync"],
        ["blocks", "--range", "all", "--json", "--no-sync"],
        ["blocks", "--range", "all", "--json", "--no-sync", "--token-limit", "max"],
        ["limits", "--range", "all", "--json"],
    ]

    static func context(_ logs: String, transcripts: String? = nil) -> TestContext {
        var variables = ["CLAUDE_LOG_DIR": logs, "HOME": "/nonexistent-home"]
        if let transcripts { variables["CLAUDE_CONFIG_DIR"] = transcripts }
        return TestContext(variables: variables, source: .files)
    }

    /// The JSON of every report (budget's text, which has no JSON), by its arguments, with its exit code.
    static func snapshot(_ logs: String) throws -> [String: JSONDocument] {
        var outputs: [String: JSONDocument] = [:]
        for arguments in reports {
            let test = context(logs)
            let code = test.run(arguments)
            #expect(code != .usage, "\(arguments): \(test.captured.standardError)")
            let text = test.captured.standardOutput
            var document = arguments.contains("--json") ? try JSONDocument(parsing: text) : .string(text)
            // Attribution is compared by AttributionRotationTests (attribution-rollup.jsonl keeps it
            // for ranges that start on the first rotated day; some of these start mid-chain).
            if case .object(let members) = document {
                document = .object(members.filter { $0.key != "attribution" })
            }
            outputs[arguments.joined(separator: " ")] = .object([
                .init("exit", .number(String(code.rawValue))), .init("output", document),
            ])
        }
        return outputs
    }

    static func rotate(_ logs: String, _ extra: [String] = []) -> (ExitCode, TestContext) {
        let test = context(logs)
        return (RotateCommand.run(["--keep-days", "1", "--no-sync"] + extra, context: test.context), test)
    }

    /// A copy of the hand-made rotation transcripts, synced in two steps so the ledger holds copies
    /// of one request in two day files (a streaming copy that grew, a resumed session's replay).
    static func syncedLedger(_ scratch: ScratchDirectory) throws -> (logs: String, config: String) {
        let source = TranscriptFixtures.root("rotation") + "/-home-user-app/"
        let config = scratch.makeDirectory("config")
        let project = scratch.makeDirectory("config/projects/-home-user-app")
        _ = scratch.makeDirectory("config/projects/-home-user-app/\(first)")
        _ = scratch.makeDirectory("config/projects/-home-user-app/\(first)/subagents")
        let logs = scratch.file("logs")
        let main = try #require(readFile(source + first + ".jsonl"))
        let lines = main.split(separator: "\n", omittingEmptySubsequences: false)
        // First only up to the partial streaming copy of msg_01R005.
        let partial = lines.firstIndex { $0.contains("\"output_tokens\":1,") }!
        writeFile(
            lines[...partial].joined(separator: "\n") + "\n", to: "\(project)/\(first).jsonl")
        try sync(logs, config: config)
        writeFile(main, to: "\(project)/\(first).jsonl")
        writeFile(
            try #require(readFile(source + first + "/subagents/agent-a1.jsonl")),
            to: "\(project)/\(first)/subagents/agent-a1.jsonl")
        try sync(logs, config: config)
        writeFile(
            try #require(readFile(source + second + ".jsonl")), to: "\(project)/\(second).jsonl")
        try sync(logs, config: config)
        return (logs, config)
    }

    static func sync(_ logs: String, config: String) throws {
        let test = context(logs, transcripts: config)
        #expect(test.run(["sync"]) == .success, "\(test.captured.standardError)")
    }

    /// Status captures, so `limits` has windows to put the ledger's requests in.
    static func writeCaptures(_ logs: String) {
        let lines = [
            ("2026-11-19T09:05:00.000Z", 12, 1_795_096_800, 30, 1_795_564_800),
            ("2026-11-19T10:40:00.000Z", 40, 1_795_096_800, 33, 1_795_564_800),
            ("2026-11-20T06:00:00.000Z", 5, 1_795_168_800, 41, 1_795_564_800),
            ("2026-11-21T07:30:00.000Z", 20, 1_795_262_400, 55, 1_795_564_800),
        ].map { time, five, fiveReset, seven, sevenReset in
            "{\"v\":1,\"timestamp\":\"\(time)\",\"session_id\":\"\(first)\",\"rate_limits\":{\"five_hour\":"
                + "{\"used_percentage\":\(five),\"resets_at\":\(fiveReset)},\"seven_day\":"
                + "{\"used_percentage\":\(seven),\"resets_at\":\(sevenReset)}}}\n"
        }
        for (date, line) in zip(["2026-11-19", "2026-11-19", "2026-11-20", "2026-11-21"], lines) {
            appendFile(line, to: "\(logs)/status-\(date).jsonl")
        }
    }

    @Test func syncRotateThenEveryReportIsIdentical() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, _) = try Self.syncedLedger(scratch)
        Self.writeCaptures(logs)
        let before = try Self.snapshot(logs)
        let names = scratch.names(in: logs)
        #expect(names.contains("usage-2026-11-19.jsonl") && names.contains("usage-2026-11-21.jsonl"))
        let windows = before["limits --range all --json"]?["output"]?["windows"]?.elements ?? []
        #expect(windows.count == 4)
        #expect(windows.first?["requests"] == .number("9"))

        let (code, test) = Self.rotate(logs)
        #expect(code == .success, "\(test.captured.standardError)")
        let output = test.captured.standardOutput
        #expect(
            output.contains(
                "rolled up usage-2026-11-21.jsonl (2 requests, 1 duplicate copy dropped) into usage-rollup-2026-11-21.jsonl (2 rows)"
            ), "\(output)")
        #expect(output.hasSuffix("rotated 3 days\n"))
        let after = scratch.names(in: logs)
        #expect(!after.contains("usage-2026-11-19.jsonl"))
        #expect(after.contains("usage-rollup-2026-11-19.jsonl"))
        #expect(after.contains("usage-2026-11-22.jsonl"))
        for (report, output) in try Self.snapshot(logs) {
            #expect(output == before[report], "\(report)")
        }

        // Rotating again changes no file and no figure.
        let files = after.map { scratch.read("logs/" + $0) }
        let (again, second) = Self.rotate(logs)
        #expect(again == .success)
        #expect(
            second.captured.standardOutput.hasSuffix(
                "nothing to rotate: no activity, usage or status files before 2026-11-22\n"))
        #expect(scratch.names(in: logs) == after)
        #expect(after.map { scratch.read("logs/" + $0) } == files)
        #expect(try Self.snapshot(logs) == before)
    }

    @Test func rowsKeepWhatPricesThemAndTheKeysTheyHold() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, _) = try Self.syncedLedger(scratch)
        #expect(Self.rotate(logs).0 == .success)
        let bytes = try #require(scratch.bytes("logs/usage-rollup-2026-11-19.jsonl"))
        let (rows, skipped) = UsageRollupFile.rows(bytes)
        #expect(skipped == 0)
        // The two requests in 09:00–10:00 besides the one on the hour and the fast one share a row.
        let opus = rows.filter { $0.record.model == "claude-opus-4-6" && !$0.record.isSidechain }
        let nine = try #require(
            opus.first { $0.record.timestamp == Timestamp(iso8601: "2026-11-19T09:10:00.000Z")! })
        #expect(nine.record.requests == 1)
        #expect(opus.contains { $0.record.speed == "fast" && $0.keys == ["m|msg_01R003"] })
        #expect(opus.contains { $0.record.inferenceGeo == "us" && $0.keys == ["m|msg_01R004"] })
        #expect(opus.contains { $0.keys == ["m|msg_01R001"] })
        let sonnet = rows.filter { $0.record.model.hasPrefix("claude-sonnet") }
        #expect(sonnet.map(\.record.isLongContext).sorted { !$0! && $1! } == [false, true])
        let haiku = try #require(rows.first { $0.record.model.hasPrefix("claude-haiku") })
        #expect(haiku.record.requests == 2)
        #expect(haiku.keys == ["m|msg_01R020", "m|msg_01R021"])
        #expect(haiku.record.agentID == "a1")
        #expect(haiku.record.lastRequest == Timestamp(iso8601: "2026-11-19T09:21:00.000Z"))
        #expect(rows.allSatisfy { $0.day == CivilDate("2026-11-19")! })
        // 23:00:00.500Z is already the 20th at UTC+1.
        let next = UsageRollupFile.rows(try #require(scratch.bytes("logs/usage-rollup-2026-11-20.jsonl")))
            .rows
        #expect(next.first { $0.keys == ["m|msg_01R009"] }?.day == CivilDate("2026-11-20"))
    }

    @Test func deletingTranscriptsAfterSyncChangesNothing() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, config) = try Self.syncedLedger(scratch)
        let before = try Self.snapshot(logs)
        // rotate syncs first (nothing new), then rolls up; the transcripts go afterwards.
        let test = Self.context(logs, transcripts: config)
        #expect(RotateCommand.run(["--keep-days", "1"], context: test.context) == .success)
        #expect(test.captured.standardOutput.contains("synced 0 of 3 transcript files: 0 requests added\n"))
        try FileManager.default.removeItem(atPath: config + "/projects")
        let gone = Self.context(logs, transcripts: config)
        #expect(RotateCommand.run(["--keep-days", "1"], context: gone.context) == .success)
        #expect(gone.captured.standardError.contains("note: no transcripts folder at"))
        #expect(try Self.snapshot(logs) == before)
    }

    @Test func rotateSyncsFirstSoRequestsOfDeletedTranscriptsAreKept() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let config = scratch.makeDirectory("config")
        _ = scratch.makeDirectory("config/projects")
        let logs = scratch.file("logs")
        try FileManager.default.copyItem(
            atPath: TranscriptFixtures.root("rotation") + "/-home-user-app",
            toPath: config + "/projects/-home-user-app")
        let test = Self.context(logs, transcripts: config)
        #expect(RotateCommand.run(["--keep-days", "1"], context: test.context) == .success)
        #expect(test.captured.standardOutput.contains("synced 3 of 3 transcript files: 18 requests added\n"))
        #expect(scratch.names(in: logs).contains("usage-rollup-2026-11-21.jsonl"))
        let report = Self.context(logs)
        #expect(report.run(["report", "--range", "all", "--json", "--no-sync"]) == .success)
        let usage = try JSONDocument(parsing: report.captured.standardOutput)["usage"]?["totals"]
        #expect(usage?["requests"] == .number("18"))
    }

    @Test func aLateCopyIsDroppedAndALateRequestMergedByTheNextRotate() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, _) = try Self.syncedLedger(scratch)
        #expect(Self.rotate(logs).0 == .success)
        let before = try Self.snapshot(logs)
        // A transcript read again from the start appends copies; a request of the day arrives late.
        var copy = UsageRecord(
            timestamp: Timestamp(iso8601: "2026-11-19T09:10:00.000Z")!, sessionID: Self.first, project: "app",
            model: "claude-opus-4-6", messageID: "msg_01R002", requestID: "req_01R002",
            tokens: UsageTokens(input: 4, output: 300, cacheWrite5m: 200, cacheWrite1h: 50, cacheRead: 1200))
        copy.cwd = "/home/user/app"
        var late = copy
        late.messageID = "msg_01LATE"
        late.requestID = "req_01LATE"
        late.timestamp = Timestamp(iso8601: "2026-11-19T09:30:00.000Z")!
        appendFile(
            String(decoding: copy.ledgerLine + late.ledgerLine, as: UTF8.self) + "{\"v\":1,\"timest\n",
            to: logs + "/usage-2026-11-19.jsonl")
        let withLate = try Self.snapshot(logs)
        let all = "report --range all --json --no-sync"
        let requests = { (snapshot: [String: JSONDocument]) in
            snapshot[all]?["output"]?["usage"]?["totals"]?["requests"]
        }
        #expect(requests(before) == .number("18"))
        #expect(requests(withLate) == .number("19"))

        let (code, test) = Self.rotate(logs)
        #expect(code == .success)
        #expect(
            test.captured.standardOutput.contains(
                "rolled up usage-2026-11-19.jsonl (1 request, 1 duplicate copy dropped) merging it into usage-rollup-2026-11-19.jsonl"
            ), "\(test.captured.standardOutput)")
        #expect(
            test.captured.standardOutput.contains(
                "kept 1 unreadable line byte for byte in usage-quarantine-2026-11-19.jsonl"))
        #expect(scratch.read("logs/usage-quarantine-2026-11-19.jsonl") == "{\"v\":1,\"timest\n")
        var merged = try Self.snapshot(logs)
        // The unreadable line was counted as skipped while it sat in the ledger; it is in quarantine now.
        #expect(requests(merged) == .number("19"))
        merged[all] = nil
        var expected = withLate
        expected[all] = nil
        for key in expected.keys where key.hasPrefix("report") {
            expected[key] = nil
            merged[key] = nil
        }
        #expect(merged == expected)
    }

    @Test func killedAfterTheRenameAndRunAgainCountsNothingTwice() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, _) = try Self.syncedLedger(scratch)
        let before = try Self.snapshot(logs)
        let usage = try #require(scratch.bytes("logs/usage-2026-11-19.jsonl"))
        #expect(Self.rotate(logs).0 == .success)
        let rollup = scratch.read("logs/usage-rollup-2026-11-19.jsonl")
        // As if rotate had been killed after renaming the roll-up into place, before removing the file.
        _ = scratch.write(usage, to: "logs/usage-2026-11-19.jsonl", mode: 0o600)
        #expect(try Self.snapshot(logs) == before)
        let (code, test) = Self.rotate(logs)
        #expect(code == .success)
        #expect(test.captured.standardOutput.contains("rolled up usage-2026-11-19.jsonl (0 requests"))
        #expect(scratch.read("logs/usage-rollup-2026-11-19.jsonl") == rollup)
        #expect(!scratch.names(in: logs).contains("usage-2026-11-19.jsonl"))
        #expect(try Self.snapshot(logs) == before)
    }

    @Test func dryRunNamesTheUsageFiles() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, _) = try Self.syncedLedger(scratch)
        let test = Self.context(logs)
        #expect(RotateCommand.run(["--keep-days", "2", "--dry-run"], context: test.context) == .success)
        #expect(
            test.captured.standardOutput == """
                \(logs): keeping 2026-11-21 to 2026-11-22 (2 days); dry run, nothing changed
                would roll up usage-2026-11-19.jsonl into usage-rollup-2026-11-19.jsonl and remove usage-2026-11-19.jsonl
                would roll up usage-2026-11-20.jsonl into usage-rollup-2026-11-20.jsonl and remove usage-2026-11-20.jsonl
                would rotate 2 days

                """)
    }

    /// The real transcripts: sync, rotate everything but today, and every ledger report is the same.
    @Test func realTranscriptsGiveTheSameReportsAfterRotation() throws {
        guard let transcripts = TranscriptFixtures.sharedOrSkip else { return }
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        let test = Self.context(logs)
        #expect(test.run(["sync", "--transcripts", transcripts]) == .success)
        let reports = [
            ["report", "--range", "all", "--json", "--no-sync"],
            ["blocks", "--range", "all", "--json", "--no-sync"],
            ["sessions", "--range", "all", "--json", "--no-sync"],
        ]
        // Attribution is compared by AttributionRotationTests, with the hook log rebuilt.
        // Cache misses are kept (roll-ups since version 2), so they are compared too.
        func outputs() -> [JSONDocument] {
            reports.map { arguments in
                let run = Self.context(logs)
                _ = run.run(arguments)
                let text = run.captured.standardOutput
                guard case .object(let members) = (try? JSONDocument(parsing: text)) ?? .string(text) else {
                    return .string(text)
                }
                return .object(members.filter { $0.key != "attribution" })
            }
        }
        let missesBefore = Self.context(logs)
        _ = missesBefore.run(reports[0])
        #expect(missesBefore.captured.standardOutput.contains("\"reason\": \"system_changed\""))
        let before = outputs()
        let (code, rotate) = Self.rotate(logs)
        #expect(code == .success, "\(rotate.captured.standardError)")
        #expect(!scratch.names(in: logs).contains { $0.hasPrefix("usage-2") })
        let after = outputs()
        for index in reports.indices { #expect(after[index] == before[index], "\(reports[index])") }
        let missesAfter = Self.context(logs)
        _ = missesAfter.run(reports[0])
        #expect(missesAfter.captured.standardOutput.contains("\"reason\": \"system_changed\""))
    }
}

private func readFile(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

private func writeFile(_ text: String, to path: String) {
    let written = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    #expect(written, "could not write \(path)")
}

private func appendFile(_ text: String, to path: String) {
    if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    } else {
        writeFile(text, to: path)
    }
}
