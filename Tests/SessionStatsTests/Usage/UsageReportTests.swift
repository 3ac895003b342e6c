import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `report --json`'s `usage` object: exact figures, checked against an independent reader.
@Suite struct UsageReportTests {
    private func report(_ arguments: [String], logs: String) throws -> [String: Any] {
        let test = TestContext(entries: [])
        var context = test.context
        context.clock = LocalClock(now: Timestamp(iso8601: "2026-12-01T12:00:00Z")!, fixedUTCOffset: 0)
        let code = StatsCommand.run(["report", "--json", "--dir", logs] + arguments, context: context)
        #expect(code == .success, "\(test.captured.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(test.captured.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }

    private func usage(_ report: [String: Any]) throws -> [String: Any] {
        try #require(report["usage"] as? [String: Any])
    }

    @Test func namesUnpricedModelsAndPricesTheRest() throws {
        let scratch = ScratchDirectory()
        let result = try report(
            ["--range", "all", "--transcripts", TranscriptFixtures.root("proxy-ids")],
            logs: scratch.file("logs"))
        let usage = try usage(result)
        #expect(usage["unpriced_models"] as? [String] == ["glm-4.7"])
        let totals = try #require(usage["totals"] as? [String: Any])
        #expect(totals["requests"] as? Int == 2)
        #expect(totals["output"] as? Int == 35)
        #expect((totals["cost"] as? NSNumber)?.doubleValue == 0)
    }

    @Test func deletedTranscriptsAndASecondSyncChangeNoFigure() throws {
        let scratch = ScratchDirectory()
        let logs = scratch.file("logs")
        let roots = ["streaming-duplicates", "resumed-session", "sidechain-btw", "cache-creation-split"]
        let arguments =
            ["--range", "all"] + roots.flatMap { ["--transcripts", TranscriptFixtures.root($0)] }
        let first = try usage(report(arguments, logs: logs))
        let second = try usage(report(arguments, logs: logs))
        let gone = try usage(report(["--range", "all", "--transcripts", scratch.file("gone")], logs: logs))
        #expect(NSDictionary(dictionary: first) == NSDictionary(dictionary: second))
        #expect(NSDictionary(dictionary: first) == NSDictionary(dictionary: gone))
        let totals = try #require(first["totals"] as? [String: Any])
        #expect(totals["requests"] as? Int == 8)
    }

    /// The real transcripts: `sync` then `report --range all --json` against scripts/check-usage.py,
    /// an independent reader of the same rules, per day, session and model.
    @Test func realTranscriptsMatchAnIndependentReader() throws {
        guard let transcripts = TranscriptFixtures.sharedOrSkip else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", PackagePaths.file("scripts/check-usage.py"), transcripts]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "check-usage.py failed")
        let expected = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Int]]])

        let scratch = ScratchDirectory()
        let usage = try usage(
            report(["--range", "all", "--transcripts", transcripts], logs: scratch.file("logs")))
        let kinds = ["requests", "input", "output", "cache_write_5m", "cache_write_1h", "cache_read"]
        for (group, name) in [("by_day", "date"), ("by_session", "session_id"), ("by_model", "model")] {
            let rows = try #require(usage[group] as? [[String: Any]])
            var actual: [String: [String: Int]] = [:]
            for row in rows {
                let key = try #require(row[name] as? String)
                actual[key] = Dictionary(uniqueKeysWithValues: kinds.map { ($0, row[$0] as? Int ?? -1) })
            }
            #expect(actual == expected[group], "\(group) differs from scripts/check-usage.py")
        }
    }
}

@Suite struct BudgetExactTests {
    @Test func budgetChecksTheExactSpendWhereTheLedgerCoversThePeriod() {
        let scratch = ScratchDirectory()
        let test = TestContext(entries: [])
        var context = test.context
        context.clock = LocalClock(now: Timestamp(iso8601: "2026-03-01T12:00:00Z")!, fixedUTCOffset: 0)
        let code = StatsCommand.run(
            [
                "budget", "--daily", "0.001", "--dir", scratch.file("logs"), "--transcripts",
                TranscriptFixtures.root("streaming-duplicates"),
            ], context: context)
        // Sonnet 4.5: 3 in, 90 out, 100 written, 200 read = $0.001794; 5 in, 7 out, 300 read = $0.00021.
        #expect(code == .finding)
        #expect(test.captured.standardOutput.contains("$0.0020 spent today, limit $0.001 (exact)"))
    }
}
