import SessionLogCore

/// `session-stats sessions`: the sessions of a range, newest first, with the command to resume each.
public enum SessionsCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, filters, output and sources.
        public var common = CommonOptions()
        /// `-n N`: how many sessions to list; 0 lists all.
        public var limit = 20
        /// `--no-sync` and `--transcripts DIR`.
        public var sync = SyncOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `sessions` takes.
    public static let groups: CommonOptions.Groups = .all

    /// The options `sessions` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec("-n", "--limit", value: "N", help: "sessions to list (default: 20; 0: all)")
        ] + SyncOptions.specs(), groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats sessions [-n N] [options]

        Sessions newest first: start, duration, project, operations, the exact requests, tokens
        and cost from the usage ledger (synced first) where it has the session, and the estimated
        cost; each followed by the command that resumes it. Sessions only the ledger has (from
        before the hook was installed, or with hooks off) are listed too, without operations.


        """ + commandLine.help()

    /// Parses the arguments after `sessions`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            switch name {
            case "-n", "--limit": options.limit = try cursor.count(for: "-n")
            default: return try options.sync.consume(name, from: &cursor)
            }
            return true
        }
    }

    /// Runs `sessions` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "sessions", help: help) { options throws(UsageError) in
            var reportOptions = ReportCommand.Options()
            reportOptions.common = options.common
            reportOptions.top = options.limit
            reportOptions.sync = options.sync
            let report = try ReportCommand.makeReport(reportOptions, context: context)
            context.warn(about: report.diagnostics, directoryCount: report.directories.count)
            if options.common.json {
                context.output(report.sessionListJSON)
            } else if report.listedSessionCount == 0 {
                let filtered = options.common.filter.isEmpty ? "" : " matching the filters"
                let what = "sessions " + report.rangePhrase + filtered
                context.output(
                    context.nothingFound(in: report.directories, diagnostics: report.diagnostics, what: what))
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(report.sessionListText(style: style))
            }
            return .success
        }
    }
}
