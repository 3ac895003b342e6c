import SessionLogCore

@testable import SessionStats

/// What a command run in-process printed.
final class CapturedOutput: @unchecked Sendable {
    /// Everything written to stdout.
    var standardOutput = ""
    /// Everything written to stderr.
    var standardError = ""
}

/// A context with a fixed clock at UTC+1, in-memory entries and captured output.
struct TestContext {
    /// The context to run commands in.
    var context: StatsContext
    /// What they printed.
    let captured = CapturedOutput()

    /// 2026-11-22T15:00:00Z: 16:00 on Sunday 22 November 2026, UTC+1.
    static let now = Timestamp(iso8601: "2026-11-22T15:00:00Z")!

    /// Creates a context over `entries`, with `variables` as the environment and colour off.
    init(
        entries: [LogEntry] = SampleLogs.week, variables: [String: String] = ["HOME": "/home/u"],
        isTerminal: Bool = false, diagnostics: ReadDiagnostics = ReadDiagnostics(), source: LogSource? = nil
    ) {
        let captured = self.captured
        context = StatsContext(
            clock: LocalClock(now: TestContext.now, fixedUTCOffset: LogEntry.fixtureOffset),
            variables: { variables[$0] }, isTerminal: isTerminal,
            source: source ?? .entries(entries, diagnostics: diagnostics),
            output: { captured.standardOutput += $0 }, errorOutput: { captured.standardError += $0 })
    }

    /// Runs `session-stats` with `arguments` and returns its exit code.
    func run(_ arguments: [String]) -> ExitCode { StatsCommand.run(arguments, context: context) }
}
