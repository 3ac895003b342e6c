import SessionLogCore

/// `session-stats budget`: compares the estimated spend of today, the week and the month with limits.
public enum BudgetCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// `--dir`, `--help`, `--version`.
        public var common = CommonOptions()
        /// The limits given as options, by period.
        public var limits: [BudgetPeriod: USD] = [:]
        /// `--quiet`: print nothing while under every limit.
        public var quiet = false
        /// `--no-sync` and `--transcripts DIR`.
        public var sync = SyncOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `budget` takes.
    public static let groups: CommonOptions.Groups = .sources

    /// The options `budget` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--daily", value: "USD",
                help: "today's limit, e.g. 20 or 12.50 (default: $CLAUDE_BUDGET_DAILY)"),
            OptionSpec("--weekly", value: "USD", help: "the week's limit (default: $CLAUDE_BUDGET_WEEKLY)"),
            OptionSpec(
                "--monthly", value: "USD", help: "the month's limit (default: $CLAUDE_BUDGET_MONTHLY)"),
            OptionSpec("-q", "--quiet", help: "print nothing unless a limit is exceeded"),
        ] + SyncOptions.specs(noSync: "do not sync the usage ledger first"), groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats budget [--daily USD] [--weekly USD] [--monthly USD] [--quiet] [--dir DIR]

        Compares the spend with limits: today, the week (today and the 6 days before)
        and the month (30 days), as the report's --range today, week and month count them.
        Over a limit, prints one warning line per limit exceeded and exits 1; otherwise prints
        the spend against each limit (nothing with --quiet) and exits 0. For a shell profile:

          session-stats budget --quiet --daily 20

        The spend is exact (from Claude Code's transcripts, marked "exact") for a period the usage
        ledger covers, else the hook's estimate.

        """ + commandLine.help()
            + """

            environment:
              CLAUDE_BUDGET_DAILY, CLAUDE_BUDGET_WEEKLY, CLAUDE_BUDGET_MONTHLY   default limits
              CLAUDE_LOG_DIR, CLAUDE_RATE_INPUT, CLAUDE_RATE_OUTPUT               as for the report

            exit status: 0 under every limit, 1 a limit exceeded, 64 usage error (also: no limit given).

            """

    /// Parses the arguments after `budget`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            if name == "--quiet" || name == "-q" {
                options.quiet = true
                return true
            }
            if try options.sync.consume(name, from: &cursor) { return true }
            guard let period = BudgetPeriod.allCases.first(where: { $0.option == name }) else { return false }
            let text = try cursor.value(for: name)
            guard let amount = BudgetAmount.parse(text) else {
                throw .badValue(option: name, value: text, expected: "an amount in USD, such as 20 or 12.50")
            }
            options.limits[period] = amount
            return true
        }
    }

    /// The limits to check: the options, else the environment; fails when there are none or a variable is malformed.
    public static func limits(_ options: Options, variables: (String) -> String?) throws(UsageError)
        -> [(period: BudgetPeriod, limit: USD)]
    {
        var limits: [(period: BudgetPeriod, limit: USD)] = []
        for period in BudgetPeriod.allCases {
            if let limit = options.limits[period] {
                limits.append((period, limit))
            } else if let text = variables(period.variable) {
                guard let limit = BudgetAmount.parse(text) else {
                    throw .badEnvironment(
                        name: period.variable, value: text, expected: "an amount in USD, such as 20")
                }
                limits.append((period, limit))
            }
        }
        guard !limits.isEmpty else {
            throw .missingArgument("a limit: --daily, --weekly or --monthly (or CLAUDE_BUDGET_DAILY, …)")
        }
        return limits
    }

    /// Runs `budget` with `arguments` in the running process.
    public static func run(_ arguments: [String]) -> ExitCode { run(arguments, context: .live()) }

    /// Runs `budget` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "budget", help: help) { options throws(UsageError) in
            let limits = try self.limits(options, variables: context.variables)
            let pricing = try Pricing.from(variables: context.variables)
            let directories = try context.logDirectories(options.common)
            let today = context.clock.today
            var query = StatsQuery(
                directories: directories, days: BudgetCheck.days(for: limits.map(\.period), today: today),
                filter: EntryFilter())
            // Budgets need totals and cost alone: no files or cwds.
            query.fields = .model
            let (aggregate, diagnostics) = try query.run(context.source, localDays: context.clock.dayResolver)
            // One more than there are: a missing directory is always named, since budget has no "no logs" message.
            context.warn(about: diagnostics, directoryCount: directories.count + 1)
            var statuses = BudgetCheck.statuses(
                limits, aggregate: aggregate, cost: CostEstimate(aggregate, pricing: pricing), today: today)
            // The exact spend, from the usage ledger (synced first), wherever it covers the period.
            var usage = UsageQuery(
                directories: directories,
                roots: options.sync.roots(variables: context.variables), days: query.days)
            usage.sync = !options.sync.noSync
            let notes: PricingNotes
            do throws(PricingFileError) {
                // Summed by day as they stream past: a year of requests is never held.
                var costByDay: [CivilDate: USD] = [:]
                var resolver = context.clock.dayResolver
                notes = try usage.forEachPriced(
                    clock: context.clock, variables: context.variables,
                    warn: { context.errorOutput("warning: " + $0 + "\n") }
                ) { record, cost in
                    costByDay[resolver.day(of: record.timestamp), default: .zero] += cost
                }
                statuses = BudgetCheck.exact(
                    statuses, costByDay: costByDay, activeDays: Set(aggregate.days.keys), today: today)
            } catch {
                throw .badPricingFile(error.message)
            }
            var text = ""
            for status in statuses where status.isExceeded || !options.quiet { text += status.line + "\n" }
            // A spend that counts a stand-in's price or nothing for a model says so.
            if !text.isEmpty, statuses.contains(where: \.isExact) {
                text += notes.text(style: TextStyle(enabled: false))
            }
            if !text.isEmpty { context.output(text) }
            return statuses.contains(where: \.isExceeded) ? .finding : .success
        }
    }
}
