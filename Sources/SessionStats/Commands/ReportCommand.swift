import SessionLogCore

/// `session-stats [report]`: totals by tool, project, session, file and day for a range of days.
public enum ReportCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, filters, output and sources.
        public var common = CommonOptions()
        /// `--top N`: sessions and files listed; 0 lists all.
        public var top = 10
        /// `--no-sync` and `--transcripts DIR`.
        public var sync = SyncOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `report` takes.
    public static let groups: CommonOptions.Groups = .all

    /// The options `report` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec("--top", value: "N", help: "sessions and files to list (default: 10; 0: all)")
        ] + SyncOptions.specs(), groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats [report] [options]

        What Claude Code did and roughly what it cost, by tool, project, session and day.
        Token counts and costs are estimates, followed by the exact usage and cost from Claude
        Code's transcripts (synced first into the usage ledger) wherever the ledger has them.


        """ + commandLine.help()
            + """
            environment:
              CLAUDE_LOG_DIR       the log directory when no --dir is given
              CLAUDE_RATE_INPUT    input rate in USD per 1K tokens, replacing the built-in table
              CLAUDE_RATE_OUTPUT   output rate in USD per 1K tokens
              NO_COLOR             no colour

            """

    /// Parses the arguments after `report` (or all of them when `report` was left out).
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            switch name {
            case "--top": options.top = try cursor.count(for: name)
            default: return try options.sync.consume(name, from: &cursor)
            }
            return true
        }
    }

    /// Runs `report` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "report", help: help) { options throws(UsageError) in
            let report = try makeReport(options, context: context)
            context.warn(about: report.diagnostics, directoryCount: report.directories.count)
            if options.common.json {
                context.output(report.json)
            } else if report.aggregate.lines == 0 && (report.usage?.totals.requests ?? 0) == 0 {
                let filtered = options.common.filter.isEmpty ? "" : " matching the filters"
                let what = "activity " + report.rangePhrase + filtered
                context.output(
                    context.nothingFound(in: report.directories, diagnostics: report.diagnostics, what: what))
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(report.text(style: style))
            }
            return .success
        }
    }

    /// Reads and prices the logs the options ask for.
    public static func makeReport(_ options: Options, context: StatsContext) throws(UsageError) -> StatsReport
    {
        let pricing = try Pricing.from(variables: context.variables)
        let directories = try context.logDirectories(options.common)
        let days = options.common.range.days(today: context.clock.today)
        let query = StatsQuery(directories: directories, days: days, filter: options.common.filter)
        let (aggregate, diagnostics) = try query.run(context.source, localDays: context.clock.dayResolver)
        var report = StatsReport(
            range: options.common.range, days: days, directories: directories, aggregate: aggregate,
            cost: CostEstimate(aggregate, pricing: pricing), diagnostics: diagnostics,
            top: options.top == 0 ? nil : options.top, clock: context.clock)
        var usage = UsageQuery(
            directories: directories,
            roots: options.sync.roots(variables: context.variables), days: days)
        usage.sync = !options.sync.noSync
        usage.filter = options.common.filter
        do throws(PricingFileError) {
            // Attribution takes the requests from the usage read (one read of the ledger), its hook
            // calls read at the first request, once the ledger is synced.
            var attribution = AttributionQuery(directories: directories, days: days)
            attribution.filter = options.common.filter
            attribution.warn = { context.errorOutput("warning: " + $0 + "\n") }
            var join: AttributionQuery.Join?
            func startJoin(_ table: PriceTable) -> AttributionQuery.Join {
                attribution.join(source: context.source, localDays: context.clock.dayResolver, table: table)
            }
            report.usage = try usage.run(
                clock: context.clock, variables: context.variables, activeDays: Set(aggregate.days.keys),
                warn: { context.errorOutput("warning: " + $0 + "\n") },
                each: { record, table in
                    if join == nil { join = startJoin(table) }
                    join?.add(record)
                })
            if report.usage != nil, let first = directories.first {
                if join == nil {
                    join = startJoin(try PricingFile.table(logDirectory: first, variables: context.variables))
                }
                report.attribution = join?.finish()
            }
        } catch {
            throw .badPricingFile(error.message)
        }
        return report
    }
}
