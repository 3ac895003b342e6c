import SessionLogCore

/// `session-stats limits`: the history of the 5-hour and 7-day plan limits, from the status line's captures.
public enum LimitsCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, `--json`, `--no-color`, `--dir`, `--help`, `--version`.
        public var common = CommonOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `limits` takes.
    public static let groups: CommonOptions.Groups = [.range, .output, .sources]

    /// The options `limits` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats limits [--range RANGE] [--json] [--dir DIR]

        The 5-hour and 7-day plan limits (Pro and Max) over time, as Claude Code reported them to the
        status line: per window its start, reset, peak and last use, the requests the usage ledger saw
        in it (session-stats sync fills the ledger), and a sparkline of its use; for the current
        windows the pace in percentage points per hour and when, at that pace, use reaches 100%.
        The history exists only where 'session-stats statusline' is Claude Code's status line: it
        records what Claude Code sends in status-YYYY-MM-DD.jsonl.

        """ + commandLine.help(defaultRange: "week")

    /// Parses the arguments after `limits`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine)
    }

    /// Runs `limits` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "limits", help: help) { options throws(UsageError) in
            let directories = try options.common.logDirectories(variables: context.variables)
            let range = options.common.rangeGiven ? options.common.range : DateRange.week
            let days = range.days(today: context.clock.today)
            let report = LimitsReport.make(
                directories: directories, days: days, clock: context.clock, variables: context.variables)
            if options.common.json {
                context.output(String(decoding: report.json(), as: UTF8.self))
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(report.text(clock: context.clock, directories: directories, style: style))
            }
            return .success
        }
    }
}
