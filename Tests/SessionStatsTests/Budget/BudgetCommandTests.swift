import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Days asked of a log source, shared with the source's closure.
final class RequestedDays: @unchecked Sendable {
    var ranges: [ClosedRange<CivilDate>?] = []
}

@Suite struct BudgetCommandTests {
    /// Today (2026-11-22) $7.50 at Opus 4.5 rates (1M read at $5, 100k written at $25), 3 days ago $3.00
    /// at Sonnet's (1M read), 20 days ago $5.00 at Haiku 4.5's (1M written), 40 days ago $100 that no
    /// period covers: $7.50 a day, $10.50 a week, $15.50 a month.
    static let entries: [LogEntry] = [
        .fixture("2026-11-22T08:00:00Z", event: .sessionStart, session: "opus", model: "claude-opus-4-5"),
        .fixture("2026-11-22T08:01:00Z", session: "opus", tool: "Read", input: 100_000, output: 1_000_000),
        .fixture(
            "2026-11-19T08:00:00Z", event: .sessionStart, session: "sonnet", model: "claude-sonnet-4-5"),
        .fixture("2026-11-19T08:01:00Z", session: "sonnet", tool: "Bash", output: 1_000_000),
        .fixture("2026-11-02T08:00:00Z", event: .sessionStart, session: "haiku", model: "claude-haiku-4-5"),
        .fixture("2026-11-02T08:01:00Z", session: "haiku", tool: "Edit", input: 1_000_000),
        .fixture("2026-10-13T08:00:00Z", event: .sessionStart, session: "old", model: "claude-opus-4-5"),
        .fixture("2026-10-13T08:01:00Z", session: "old", tool: "Edit", output: 20_000_000),
    ]

    static func run(
        _ arguments: [String], variables: [String: String] = ["HOME": "/home/u"]
    ) -> (ExitCode, TestContext) {
        let test = TestContext(entries: entries, variables: variables)
        return (BudgetCommand.run(arguments, context: test.context), test)
    }

    @Test func underTheLimitsPrintsTheSpendAndExitsZero() {
        let (code, test) = Self.run(["--daily", "10", "--weekly", "50", "--monthly", "15.50"])
        #expect(code == .success)
        #expect(
            test.captured.standardOutput == """
                daily   $7.5000 of $10.00 (75.0%) spent today
                weekly  $10.5000 of $50.00 (21.0%) spent in 7 days
                monthly $15.5000 of $15.50 (100.0%) spent in 30 days

                """)
        #expect(test.captured.standardError == "")
        let (quietCode, quiet) = Self.run(["--daily", "10", "--quiet"])
        #expect(quietCode == .success)
        #expect(quiet.captured.standardOutput == "")
    }

    @Test func overALimitWarnsOncePerLimitAndExitsOne() {
        let (code, test) = Self.run(["--daily", "7", "--weekly", "10.4999", "--monthly", "100"])
        #expect(code == .finding)
        #expect(
            test.captured.standardOutput == """
                warning: daily budget exceeded: $7.5000 spent today, limit $7.00
                warning: weekly budget exceeded: $10.5000 spent in 7 days, limit $10.4999
                monthly $15.5000 of $100.00 (15.5%) spent in 30 days

                """)
        let (quietCode, quiet) = Self.run(["--monthly", "15", "--quiet"])
        #expect(quietCode == .finding)
        #expect(
            quiet.captured.standardOutput
                == "warning: monthly budget exceeded: $15.5000 spent in 30 days, limit $15.00\n")
    }

    @Test func limitsComeFromTheEnvironmentUnlessGiven() {
        let variables = ["HOME": "/h", "CLAUDE_BUDGET_DAILY": "5", "CLAUDE_BUDGET_WEEKLY": "$20"]
        let (code, test) = Self.run([], variables: variables)
        #expect(code == .finding)
        #expect(
            test.captured.standardOutput.hasPrefix(
                "warning: daily budget exceeded: $7.5000 spent today, limit $5.00\n"))
        #expect(
            test.captured.standardOutput.hasSuffix("weekly  $10.5000 of $20.00 (52.5%) spent in 7 days\n"))
        let (overridden, _) = Self.run(["--daily", "8", "--quiet"], variables: variables)
        #expect(overridden == .success)
        let (bad, badTest) = Self.run([], variables: ["HOME": "/h", "CLAUDE_BUDGET_MONTHLY": "lots"])
        #expect(bad == .usage)
        #expect(
            badTest.captured.standardError.hasPrefix(
                "error: CLAUDE_BUDGET_MONTHLY: expected an amount in USD"))
    }

    @Test(arguments: [
        [], ["--quiet"], ["--daily", "-1"], ["--daily", "abc"], ["--weekly", "1e3"], ["--monthly", "1,000"],
        ["--daily", ""], ["--daily"], ["--daily", "5", "--bogus"], ["--daily", "5", "extra"],
        ["--daily", "."],
    ])
    func rejectsBadArguments(_ arguments: [String]) {
        let (code, test) = Self.run(arguments)
        #expect(code == .usage)
        #expect(test.captured.standardError.hasPrefix("error: "))
        #expect(test.captured.standardOutput == "")
    }

    @Test func readsOnlyTheDaysTheLongestPeriodNeeds() {
        for (arguments, first) in [
            (["--daily", "100"], "2026-11-22"), (["--weekly", "1", "--daily", "1"], "2026-11-16"),
        ] {
            let requested = RequestedDays()
            let source = LogSource { directories, days, resolver, body in
                requested.ranges.append(days)
                return LogSource.entries(Self.entries).read(directories, days, resolver, body)
            }
            let test = TestContext(source: source)
            _ = BudgetCommand.run(arguments, context: test.context)
            #expect(requested.ranges == [CivilDate(first)!...CivilDate("2026-11-22")!], "\(arguments)")
        }
    }

    /// The usage ledger has today ($25: 1M output tokens of Opus 4.5) and 3 days ago ($1: 1M input
    /// tokens of Haiku 4.5), not 20 days ago: the daily and weekly spend are exact, the monthly one,
    /// which has a day the ledger lacks, stays the estimate.
    @Test func checksTheExactSpendWhereTheLedgerCoversThePeriod() {
        let logs = ScratchDirectory()
        defer { logs.remove() }
        for (time, model, tokens) in [
            ("2026-11-22T09:00:00Z", "claude-opus-4-5-20251101", UsageTokens(output: 1_000_000)),
            ("2026-11-19T09:00:00Z", "claude-haiku-4-5-20251001", UsageTokens(input: 1_000_000)),
        ] {
            let record = UsageRecord(
                timestamp: Timestamp(iso8601: time)!, sessionID: "s", project: "app", model: model,
                messageID: "msg_01" + time.prefix(10), requestID: "req_01" + time.prefix(10), tokens: tokens)
            logs.write(record.ledgerLine, to: "usage-\(time.prefix(10)).jsonl", mode: 0o600)
        }
        let (code, test) = Self.run(
            ["--daily", "30", "--weekly", "20", "--monthly", "100", "--no-sync", "--dir", logs.path])
        #expect(code == .finding)
        #expect(
            test.captured.standardOutput == """
                daily   $25.0000 of $30.00 (83.3%) spent today (exact)
                warning: weekly budget exceeded: $26.0000 spent in 7 days, limit $20.00 (exact)
                monthly $15.5000 of $100.00 (15.5%) spent in 30 days

                """)
        #expect(test.captured.standardError == "")
    }

    /// A Claude model the table lacks counts at its family's newest rates, and one that is not
    /// Claude's counts $0: the output names both. A million output tokens each: $20 at Opus 5.5's
    /// rates, $0, and $25 at Opus 4.5's.
    @Test func namesTheModelsItPricedAsAStandInOrNotAtAll() {
        let logs = ScratchDirectory()
        defer { logs.remove() }
        let lines = [("A", "claude-opus-6"), ("B", "glm-4.7"), ("C", "claude-opus-4-5")].flatMap {
            id, model in
            UsageRecord(
                timestamp: Timestamp(iso8601: "2026-11-22T09:00:00Z")!, sessionID: "s", project: "app",
                model: model, messageID: "msg_01" + id, tokens: UsageTokens(output: 1_000_000)
            ).ledgerLine
        }
        logs.write(lines, to: "usage-2026-11-22.jsonl", mode: 0o600)
        let (code, test) = Self.run(["--daily", "100", "--no-sync", "--dir", logs.path])
        #expect(code == .success)
        #expect(
            test.captured.standardOutput == """
                daily   $45.0000 of $100.00 (45.0%) spent today (exact)
                Priced as Opus 5.5: claude-opus-6
                Unpriced (not Claude models, $0 counted): glm-4.7

                """)
        // Quiet and under the limit: nothing at all, notes included.
        let (_, quiet) = Self.run(["--daily", "100", "--quiet", "--no-sync", "--dir", logs.path])
        #expect(quiet.captured.standardOutput == "")
    }

    @Test func saysWhenTheLogDirectoryIsMissing() {
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": "/nonexistent/logs"], source: .files)
        #expect(BudgetCommand.run(["--daily", "1"], context: test.context) == .success)
        #expect(test.captured.standardError == "warning: no log directory at /nonexistent/logs\n")
        #expect(test.captured.standardOutput == "daily   $0.0000 of $1.00 (0.0%) spent today\n")
    }

    @Test(
        arguments: [
            ("12", 12_000_000_000_000), ("12.50", 12_500_000_000_000), (".5", 500_000_000_000),
            ("$3", 3_000_000_000_000),
            ("0", 0), ("7.", 7_000_000_000_000), ("0.000000000001", 1),
        ] as [(String, Int)])
    func parsesAmounts(text: String, picodollars: Int) {
        #expect(BudgetAmount.parse(text) == USD(picodollars: Int128(picodollars)))
    }

    @Test(arguments: ["", ".", "-1", "+1", "1e3", "1,000", "1.2.3", "$", "0.0000000000001", "abc", " 1"])
    func rejectsMalformedAmounts(text: String) {
        #expect(BudgetAmount.parse(text) == nil)
    }
}
