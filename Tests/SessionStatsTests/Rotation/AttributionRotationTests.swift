import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `rotate` and attribution (docs/attribution.md, "Roll-ups"): after rotate, the report's
/// attribution, text and JSON, is the one it gave before, whether the range is rotated wholly, in
/// part or not at all.
@Suite struct AttributionRotationTests {
    static func context(_ logs: String) -> TestContext {
        TestContext(variables: ["CLAUDE_LOG_DIR": logs, "HOME": "/nonexistent-home"], source: .files)
    }

    /// The output of each report, by its arguments: a JSON report's `attribution` object, a text
    /// report without "Most edited files" (activity roll-ups keep no files, docs/rollup-format.md).
    static func outputs(_ logs: String, _ reports: [[String]]) -> [String] {
        reports.map { arguments in
            let run = context(logs)
            let code = run.run(arguments + ["--no-sync"])
            var text = run.captured.standardOutput
            if arguments.contains("--json") {
                let attribution = (try? JSONDocument(parsing: text))?["attribution"]
                #expect(attribution != nil, "\(arguments)")
                text = attribution?.jsonText ?? text
            } else if let start = text.range(of: "Most edited files\n") {
                let end =
                    text.range(of: "\n\n", range: start.upperBound..<text.endIndex)?.upperBound
                    ?? text.endIndex
                text.removeSubrange(start.lowerBound..<end)
            }
            return "exit \(code.rawValue)\n" + text + run.captured.standardError
        }
    }

    static func rotate(_ logs: String, keepDays: Int) -> String {
        let test = context(logs)
        let code = RotateCommand.run(["--keep-days", String(keepDays), "--no-sync"], context: test.context)
        #expect(code == .success, "\(test.captured.standardError)")
        return test.captured.standardOutput
    }

    static let first = "aaaaaaaa-1111-4111-8111-111111111111"

    /// The hand-made shop transcripts (two sessions over 2026-11-17 to 2026-11-21, one chain whose
    /// results are carried across every midnight), synced, with their hook log rebuilt.
    static func shop(_ scratch: ScratchDirectory) throws -> String {
        let logs = scratch.file("logs")
        let transcripts = TranscriptFixtures.root("attribution-rotation")
        #expect(try HookLogRebuilder.rebuild(transcripts, into: logs) == 9)
        let sync = context(logs)
        #expect(sync.run(["sync", "--transcripts", transcripts]) == .success)
        return logs
    }

    /// Ranges that start on the ledger's first day (or a day no chain crosses into), rotated wholly,
    /// in part or not at all: exact (docs/attribution.md, "Roll-ups").
    static let shopReports: [[String]] = [
        ["report", "--range", "all", "--json"], ["report", "--range", "all", "--no-color"],
        ["report", "--date", "2026-11-17", "--json"], ["report", "--date", "2026-11-17", "--no-color"],
        ["report", "--range", "all", "--project", "shop", "--json"],
        ["report", "--range", "all", "--session", String(first.prefix(8)), "--json"],
        ["session", first, "--json"],
    ]
    /// Ranges of unrotated days only, while they are.
    static let unrotatedReports: [[String]] = [
        ["report", "--date", "2026-11-20", "--json"], ["report", "--date", "2026-11-21", "--no-color"],
    ]

    @Test func theShopsAttributionIsTheSameAfterRotatingHalfThenAllThenAgain() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = try Self.shop(scratch)
        let before = Self.outputs(logs, Self.shopReports)
        let unrotated = Self.outputs(logs, Self.unrotatedReports)
        // Results are carried across days, and every call joins.
        let all = try JSONDocument(parsing: String(before[0].dropFirst("exit 0\n".count)))
        let tools = all["by_tool"]?.elements ?? []
        #expect(tools.count == 7)
        #expect(tools.contains { $0["tool"] == .string("Read") && $0["carry_cost"] != .number("0.0000") })
        #expect(all["unjoined"]?["tool_calls"] == .number("0"))
        #expect(all["rolled_up_requests"] == .number("0"))

        // 2026-11-20 on stays: the chain is cut by the rotation.
        let half = Self.rotate(logs, keepDays: 3)
        #expect(
            half.contains(
                "attributed 7 requests of 3 days into attribution-rollup.jsonl (4 rows, 7 requests of open chains kept)"
            ),
            "\(half)")
        #expect(scratch.names(in: logs).contains("usage-2026-11-20.jsonl"))
        #expect(Self.outputs(logs, Self.unrotatedReports) == unrotated)
        let afterHalf = Self.outputs(logs, Self.shopReports)
        for index in Self.shopReports.indices {
            #expect(afterHalf[index] == before[index], "\(Self.shopReports[index])")
        }
        let whole = Self.rotate(logs, keepDays: 1)
        #expect(whole.contains("into attribution-rollup.jsonl"), "\(whole)")
        #expect(!scratch.names(in: logs).contains { $0.hasPrefix("usage-2") })
        let after = Self.outputs(logs, Self.shopReports)
        for index in Self.shopReports.indices {
            #expect(after[index] == before[index], "\(Self.shopReports[index])")
        }
        let file = scratch.read("logs/" + AttributionRollup.fileName)
        #expect(
            Self.rotate(logs, keepDays: 1).hasSuffix(
                "nothing to rotate: no activity, usage or status files before 2026-11-22\n"))
        #expect(scratch.read("logs/" + AttributionRollup.fileName) == file)
        #expect(Self.outputs(logs, Self.shopReports) == before)
        let mode =
            try FileManager.default.attributesOfItem(atPath: logs + "/" + AttributionRollup.fileName)[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A rotate stopped after the roll-up was written, before the usage files were rolled up: reports
    /// count nothing twice, and the next rotate attributes nothing again.
    /// An attribution roll-up that exists but cannot be used (a link, no header) is named on stderr
    /// by the report and the session, which still exit 0 with the usage figures: its days'
    /// attribution is left out, not silently shown as nothing.
    @Test(arguments: ["link", "no header"])
    func anUnusableRollupIsNamed(kind: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = try Self.shop(scratch)
        _ = Self.rotate(logs, keepDays: 1)
        let path = logs + "/" + AttributionRollup.fileName
        if kind == "link" {
            try FileManager.default.moveItem(atPath: path, toPath: scratch.file("elsewhere.jsonl"))
            try FileManager.default.createSymbolicLink(
                atPath: path, withDestinationPath: scratch.file("elsewhere.jsonl"))
        } else {
            scratch.write("{\"not\":\"a header\"}\n", to: "logs/" + AttributionRollup.fileName, mode: 0o600)
        }
        for arguments in [["report", "--range", "all", "--json"], ["session", Self.first, "--json"]] {
            let run = Self.context(logs)
            #expect(run.run(arguments + ["--no-sync"]) == .success)
            let warning = run.captured.standardError
            #expect(warning.hasPrefix("warning: "), "\(arguments)")
            #expect(warning.contains(path), "\(arguments)")
            #expect(warning.hasSuffix("; attribution leaves out the days it rolled up\n"), "\(arguments)")
            #expect(run.captured.standardOutput.contains("\"usage\""))
        }
    }

    @Test func stoppedAfterTheRollupThenRunAgainCountsNothingTwice() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = try Self.shop(scratch)
        let before = Self.outputs(logs, Self.shopReports)
        let descriptor = try #require(try? FileDescriptor.open(logs, .readOnly, options: .directory))
        defer { try? descriptor.close() }
        let outcome = try AttributionRotation.run(
            directory: logs, firstKept: CivilDate("2026-11-20")!, table: .builtIn,
            localDays: LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset),
            directoryDescriptor: descriptor)
        #expect(outcome?.days == 3)
        #expect(scratch.names(in: logs).contains("usage-2026-11-17.jsonl"))
        #expect(Self.outputs(logs, Self.shopReports) == before)
        let rotate = Self.rotate(logs, keepDays: 3)
        #expect(!rotate.contains("attributed"), "\(rotate)")
        #expect(Self.outputs(logs, Self.shopReports) == before)
    }

    /// The real transcripts, synced, with the hook log rebuilt from them: `report --range all`
    /// (JSON and text) is the same after rotating half the days, then all but today (rotating again is
    /// the shop test's).
    @Test func realTranscriptsGiveTheSameAttributionAfterRotation() throws {
        guard let transcripts = TranscriptFixtures.sharedOrSkip else { return }
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        _ = try HookLogRebuilder.rebuild(transcripts, into: logs)
        let sync = Self.context(logs)
        #expect(sync.run(["sync", "--transcripts", transcripts]) == .success)
        let reports = [["report", "--range", "all", "--json"], ["report", "--range", "all", "--no-color"]]
        let before = Self.outputs(logs, reports)
        #expect(before[0].contains("\"by_tool\""))
        // 2026-02-01 on: about half the ledger's days stay unrotated.
        let half = Self.rotate(logs, keepDays: 295)
        #expect(half.contains("into attribution-rollup.jsonl"), "\(half)")
        let afterHalf = Self.outputs(logs, reports)
        for index in reports.indices { #expect(afterHalf[index] == before[index], "\(reports[index])") }
        let all = Self.rotate(logs, keepDays: 1)
        #expect(all.contains("into attribution-rollup.jsonl"), "\(all)")
        #expect(!scratch.names(in: logs).contains { $0.hasPrefix("usage-2") })
        let after = Self.outputs(logs, reports)
        for index in reports.indices { #expect(after[index] == before[index], "\(reports[index])") }
    }
}
