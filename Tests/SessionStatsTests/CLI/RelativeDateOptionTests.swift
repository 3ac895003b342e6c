import SessionLogCore
import Testing

@testable import SessionStats

/// Relative dates and conflicting ranges, tried through whole commands as a user types them.
@Suite("Relative dates on the command line")
struct RelativeDateOptionTests {
    @Test(
        "every command that takes a range takes the same day words, resolved against today (2026-11-22)",
        arguments: [
            (["report", "--date", "yesterday", "--json"], "\"from\": \"2026-11-21\""),
            (["report", "--date", "20261121", "--json"], "\"from\": \"2026-11-21\""),
            (["sessions", "--since", "1w", "--json"], "\"from\": \"2026-11-15\""),
            (["errors", "--since", "7d", "--json"], "2026-11-15"),
            (["audit", "--since", "2w", "--until", "today", "--json"], "2026-11-08"),
        ])
    func resolvesAgainstToday(arguments: [String], expected: String) {
        let test = TestContext()
        #expect(test.run(arguments) == .success, "\(test.captured.standardError)")
        #expect(
            test.captured.standardOutput.contains(expected), "\(test.captured.standardOutput.prefix(400))")
    }

    @Test(
        "impossible dates, unknown words, conflicting and reversed ranges exit 64 with a clear message",
        arguments: [
            (["report", "--date", "2026-02-30"], "error: --date: no such day: 2026-02-30"),
            (
                ["sessions", "--since", "last week"],
                "error: --since: not a date (today, yesterday, Nd, Nw, YYYY-MM-DD or YYYYMMDD): last week"
            ),
            (
                ["report", "--date", "today", "--range", "week"],
                "error: --date and --range cannot be combined"
            ),
            (
                ["errors", "--range", "month", "--since", "7d"],
                "error: --range and --since cannot be combined"
            ),
            (
                ["report", "--since", "yesterday", "--until", "2w"],
                "error: --since 2026-11-21 is after --until 2026-11-08"
            ),
        ])
    func usageErrors(arguments: [String], message: String) {
        let test = TestContext()
        #expect(test.run(arguments) == .usage)
        #expect(test.captured.standardOutput == "")
        #expect(test.captured.standardError.hasPrefix(message), "\(test.captured.standardError)")
    }
}
