import SessionLogCore

/// `session-stats rotate`: rolls activity files older than N days up into rollups and removes them.
public enum RotateCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// `--dir`, `--help`, `--version`.
        public var common = CommonOptions()
        /// `--keep-days N`: today and the N - 1 days before are kept as they are.
        public var keepDays = 30
        /// `--dry-run`: only print what would be done.
        public var dryRun = false
        /// `--no-sync` and `--transcripts DIR`.
        public var sync = SyncOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `rotate` takes.
    public static let groups: CommonOptions.Groups = .sources

    /// The options `rotate` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--keep-days", value: "N",
                help: "days to keep as they are, today included (default: 30, as --range month)"),
            OptionSpec("--dry-run", help: "only print what would be done (no sync)"),
        ]
            + SyncOptions.specs(
                transcripts: "a folder of transcripts to sync from (repeatable; see sync --help)"),
        groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats rotate [--keep-days N] [--dry-run] [--no-sync] [--transcripts DIR] [--dir DIR]

        First syncs the usage ledger from Claude Code's transcripts (as session-stats sync does),
        so no request is lost when Claude Code deletes them. Then rolls each
        activity-YYYY-MM-DD.jsonl older than N days (by the date in its name) up into
        rollup-YYYY-MM-DD.jsonl: per project, session and tool, the operations, failures, tokens
        and summed durations; and each usage-YYYY-MM-DD.jsonl into usage-rollup-YYYY-MM-DD.jsonl:
        per hour, session and model, every token count, requests, web searches and what prices
        them, so every report's exact figures stay the same to the picodollar. Each rollup is
        written to a temporary file and renamed into place before the file it replaces is removed,
        so a rotate killed at any point and run again loses and double-counts nothing. Lines written to a day after it was rotated are read beside its
        rollup and merged into it by the next rotate. Lines that cannot be read are kept byte for
        byte in quarantine-YYYY-MM-DD.jsonl. Rollups keep report totals (commands, files, URLs,
        tags and duration percentiles are not kept).
        Today's file, and any name that does not match exactly, are never touched.
        It also trims logger-errors.log to its last 1,000 lines. Meant for cron:

          0 3 * * * ~/.local/bin/session-stats rotate --keep-days 30


        """ + commandLine.help()
            + """

            exit status: 0 done (or nothing to do), 1 a file could not be read, written or removed
            (nothing removed for that day), 64 usage error.

            """

    /// Parses the arguments after `rotate`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            switch name {
            case "--keep-days":
                let text = try cursor.value(for: name)
                guard let days = Int(text), days >= 1, text.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else {
                    throw .badValue(option: name, value: text, expected: "a number of days, 1 or more")
                }
                options.keepDays = days
            case "--dry-run": options.dryRun = true
            default: return try options.sync.consume(name, from: &cursor)
            }
            return true
        }
    }

    /// Runs `rotate` with `arguments` in the running process.
    public static func run(_ arguments: [String]) -> ExitCode { run(arguments, context: .live()) }

    /// Runs `rotate` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "rotate", help: help) { options throws(UsageError) in
            let directories = try context.logDirectories(options.common)
            var code = ExitCode.success
            if !options.dryRun && !options.sync.noSync
                && !sync(directories[0], options: options, context: context)
            {
                code = .finding
            }
            let prices: PriceTable?
            do throws(PricingFileError) {
                prices = try PricingFile.table(logDirectory: directories[0], variables: context.variables)
            } catch {
                // The activity log still rotates; the ledger waits for a pricing file that reads.
                context.errorOutput(
                    "error: " + VisibleText.escape(error.message) + "; usage files not rolled up\n")
                prices = nil
                code = .finding
            }
            for directory in directories {
                do throws(RotationError) {
                    if options.dryRun {
                        try dryRun(directory, options: options, context: context)
                    } else {
                        try rotate(directory, options: options, prices: prices, context: context)
                    }
                } catch .missingDirectory(let path) {
                    // Before the first Claude Code run there is nothing to rotate; cron must not mail an error.
                    context.output("nothing to rotate: \(VisibleText.escape(path)) does not exist yet\n")
                } catch {
                    context.errorOutput("error: " + VisibleText.escape(error.message) + "\n")
                    return .finding
                }
            }
            return code
        }
    }

    // Syncs the ledger of `directory` as `sync` does; false when the sync failed. Missing
    // transcript folders are a note on stderr, not a failure.
    private static func sync(_ directory: String, options: Options, context: StatsContext) -> Bool {
        let roots = options.sync.roots(variables: context.variables)
        var syncing = UsageSync(directory: directory, roots: roots, localDays: context.clock.dayResolver)
        do throws(LedgerError) {
            let summary = try syncing.run()
            context.report(summary)
            if summary.filesFound > 0 {
                context.output(
                    "synced \(NumberFormat.grouped(summary.filesRead)) of \(NumberFormat.grouped(summary.filesFound))"
                        + " transcript files: \(NumberFormat.grouped(summary.requestsAdded)) requests added\n"
                )
            }
            return true
        } catch {
            context.errorOutput("error: sync failed: " + VisibleText.escape(error.message) + "\n")
            return false
        }
    }

    private static func rotate(
        _ directory: String, options: Options, prices: PriceTable?, context: StatsContext
    )
        throws(RotationError)
    {
        let today = context.clock.today
        var rotated: Set<CivilDate> = []
        var header = false
        func say(_ line: String) {
            if !header {
                context.output(heading(directory, keepDays: options.keepDays, today: today, dryRun: false))
                header = true
            }
            context.output(line + "\n")
        }
        let plan = try Rotation.run(
            directory: directory, keepDays: options.keepDays, today: today,
            localDays: context.clock.dayResolver, usagePrices: prices
        ) { step in
            switch step {
            case .removedLeftover(let name): say("removed \(name), left by an interrupted rotate")
            case .rolledUp(let outcome):
                rotated.insert(outcome.date)
                say(describe(outcome))
            case .rolledUpUsage(let outcome):
                rotated.insert(outcome.date)
                say(describe(outcome))
            case .rolledUpStatus(let outcome):
                rotated.insert(outcome.date)
                say(describe(outcome))
            case .attributed(let outcome): say(describe(outcome))
            case .trimmedErrorLog(let removed):
                say(
                    "trimmed \(LogFileName.loggerErrors) to its last \(NumberFormat.grouped(RotationPlan.errorLogLines))"
                        + " lines (\(NumberFormat.grouped(removed)) bytes removed)")
            }
        }
        if !rotated.isEmpty {
            say("rotated \(NumberFormat.counted(rotated.count, "day", "days"))")
        } else {
            say("nothing to rotate: no activity, usage or status files before \(plan.firstKept)")
        }
    }

    private static func dryRun(_ directory: String, options: Options, context: StatsContext)
        throws(RotationError)
    {
        let today = context.clock.today
        let plan = try RotationPlan.make(directory: directory, keepDays: options.keepDays, today: today)
        var text = heading(directory, keepDays: options.keepDays, today: today, dryRun: true)
        for name in plan.leftovers { text += "would remove \(name), left by an interrupted rotate\n" }
        for date in plan.days {
            let activity = LogFileName.activity(date)
            text += "would roll up \(activity) into \(LogFileName.rollup(date))"
            if plan.existingRollups.contains(date) {
                text += " (merging the lines it does not hold yet into it)"
            }
            text += " and remove \(activity)\n"
        }
        for date in plan.usageDays {
            let usage = LogFileName.usage(date)
            text += "would roll up \(usage) into \(LogFileName.usageRollup(date)) and remove \(usage)\n"
        }
        if plan.hasErrorLog, let excess = Rotation.errorLogExcess(in: directory) {
            text += "would trim \(LogFileName.loggerErrors) to its last "
            text +=
                "\(NumberFormat.grouped(RotationPlan.errorLogLines)) lines (\(NumberFormat.grouped(excess)) bytes)\n"
        }
        for date in plan.statusDays {
            let status = StatusRecord.fileName(date)
            text += "would roll up \(status) into \(StatusRotation.rollupName(date)) and remove \(status)\n"
        }
        let count = Set(plan.days + plan.usageDays + plan.statusDays).count
        text +=
            count == 0
            ? "nothing to rotate: no activity, usage or status files before \(plan.firstKept)\n"
            : "would rotate \(NumberFormat.counted(count, "day", "days"))\n"
        context.output(text)
    }

    private static func heading(_ directory: String, keepDays: Int, today: CivilDate, dryRun: Bool) -> String
    {
        let first = today.adding(days: -(keepDays - 1))
        let kept =
            keepDays == 1
            ? "today, \(today)" : "\(first) to \(today) (\(NumberFormat.grouped(keepDays)) days)"
        return "\(VisibleText.escape(directory)): keeping \(kept)"
            + (dryRun ? "; dry run, nothing changed" : "") + "\n"
    }

    /// `rolled up activity-….jsonl (1,234 lines) into rollup-….jsonl (56 rows); removed activity-….jsonl`.
    static func describe(_ outcome: Rotation.DayOutcome) -> String {
        var lines = NumberFormat.counted(outcome.lines, "line", "lines")
        if outcome.skipped > 0 {
            lines +=
                ", " + NumberFormat.counted(outcome.skipped, "bad record", "bad records") + " quarantined"
        }
        return rolledUp(
            LogFileName.activity(outcome.date), lines, merged: outcome.mergedRollup,
            into: LogFileName.rollup(outcome.date), NumberFormat.counted(outcome.rows, "row", "rows"),
            quarantined: outcome.quarantinedLines, in: LogFileName.quarantine(outcome.date))
    }

    /// `attributed 1,234 requests of 3 days into attribution-rollup.jsonl (56 rows, 7 requests of open chains kept)`.
    static func describe(_ outcome: AttributionRotation.Outcome) -> String {
        var text =
            "attributed \(NumberFormat.counted(outcome.requests, "request", "requests")) of "
            + "\(NumberFormat.counted(outcome.days, "day", "days")) into \(AttributionRollup.fileName)"
            + " (\(NumberFormat.counted(outcome.rows, "row", "rows"))"
        if outcome.openRequests > 0 {
            text += ", \(NumberFormat.grouped(outcome.openRequests)) requests of open chains kept"
        }
        return text + ")"
    }

    /// `rolled up usage-….jsonl (1,234 requests, 3 duplicate copies dropped) into usage-rollup-….jsonl (56 rows); removed usage-….jsonl`.
    static func describe(_ outcome: UsageRotation.DayOutcome) -> String {
        var requests = NumberFormat.counted(outcome.requests, "request", "requests")
        if outcome.duplicates > 0 {
            requests +=
                ", " + NumberFormat.counted(outcome.duplicates, "duplicate copy", "duplicate copies")
                + " dropped"
        }
        return rolledUp(
            LogFileName.usage(outcome.date), requests, merged: outcome.mergedRollup,
            into: LogFileName.usageRollup(outcome.date), NumberFormat.counted(outcome.rows, "row", "rows"),
            quarantined: outcome.quarantinedLines, in: LogFileName.usageQuarantine(outcome.date))
    }

    /// `rolled up status-….jsonl (1,234 captures) into status-rollup-….jsonl (40 kept); removed status-….jsonl`.
    static func describe(_ outcome: StatusRotation.DayOutcome) -> String {
        rolledUp(
            StatusRecord.fileName(outcome.date),
            NumberFormat.counted(outcome.captures, "capture", "captures"),
            merged: outcome.mergedRollup, into: StatusRotation.rollupName(outcome.date),
            "\(NumberFormat.grouped(outcome.kept)) kept", quarantined: outcome.quarantinedLines,
            in: StatusRotation.quarantineName(outcome.date))
    }

    // One day's file rolled up: `rolled up FILE (WHAT) [merging it] into ROLLUP (KEPT); removed
    // FILE`, and where its unreadable lines were kept.
    private static func rolledUp(
        _ file: String, _ what: String, merged: Bool, into rollup: String, _ kept: String, quarantined: Int,
        in quarantine: String
    ) -> String {
        var text =
            "rolled up \(file) (\(what)) " + (merged ? "merging it into" : "into")
            + " \(rollup) (\(kept)); removed \(file)"
        if quarantined > 0 {
            text +=
                "\nkept \(NumberFormat.counted(quarantined, "unreadable line", "unreadable lines")) byte for byte in "
                + quarantine
        }
        return text
    }
}
