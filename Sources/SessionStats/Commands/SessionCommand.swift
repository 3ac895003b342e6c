import SessionLogCore

/// `session-stats session ID`: one session's timeline, or with `--json` the whole session.
public enum SessionCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// The session id, or a unique prefix of it.
        public var id = ""
        /// Range, output and sources; all days unless a range is given.
        public var common = CommonOptions()
        /// `--no-sync` and `--transcripts DIR`.
        public var sync = SyncOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `session` takes.
    public static let groups: CommonOptions.Groups = [.range, .output, .sources]

    /// The options `session` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: SyncOptions.specs(), groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats session ID [options]

        One session's timeline: time, event, tool, file or command, tokens and duration, with the
        session's exact requests, tokens and cost from the usage ledger (synced first) next to the
        estimate. ID may be a unique prefix of the session id. All days are searched unless a range
        is given. With --json, the whole session is exported.


        """ + commandLine.help(defaultRange: "all days")

    /// Parses the arguments after `session`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        let parsed = CommonOptions.parse(
            arguments, spec: commandLine,
            own: { (options: inout Options, name, cursor) throws(UsageError) in
                try options.sync.consume(name, from: &cursor)
            },
            positional: { (options: inout Options, value) throws(UsageError) in
                guard options.id.isEmpty else { throw .unexpectedArgument(value) }
                guard !value.isEmpty else { throw .missingArgument("session ID") }
                options.id = value
            })
        if case .success(let options) = parsed, options.common.request == .run, options.id.isEmpty {
            return .failure(.missingArgument("session ID"))
        }
        return parsed
    }

    /// Runs `session` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "session", help: help) { options throws(UsageError) in
            let pricing = try Pricing.from(variables: context.variables)
            let directories = try context.logDirectories(options.common)
            let days = options.common.rangeGiven ? options.common.range.days(today: context.clock.today) : nil
            var collector = SessionCollector(prefix: options.id)
            let diagnostics = context.source.read(
                directories, days, context.clock.dayResolver, fields: LogFields.all.union(.attribution)
            ) { collector.add($0) }
            context.warn(about: diagnostics, directoryCount: directories.count)
            if diagnostics.missingDirectories.count == directories.count && !options.common.json {
                context.output(
                    context.nothingFound(in: directories, diagnostics: diagnostics, what: "sessions"))
                return .success
            }
            let (id, entries) = try collector.result().get()
            var timeline = makeTimeline(
                id: id, entries: entries, days: days, directories: directories, pricing: pricing,
                diagnostics: diagnostics, context: context)
            var usage = UsageQuery(
                directories: directories,
                roots: options.sync.roots(variables: context.variables), days: days)
            usage.sync = !options.sync.noSync
            usage.filter = EntryFilter(session: .exact(id))
            do throws(PricingFileError) {
                timeline.usage = try usage.run(
                    clock: context.clock, variables: context.variables, activeDays: [],
                    warn: { context.errorOutput("warning: " + $0 + "\n") })
                if timeline.exact != nil, let first = directories.first {
                    var attribution = AttributionQuery(directories: directories, days: days)
                    attribution.filter = EntryFilter(session: .exact(id))
                    attribution.detailSessions = [id]
                    let table = try PricingFile.table(logDirectory: first, variables: context.variables)
                    timeline.attribution = attribution.run(
                        source: context.source, localDays: context.clock.dayResolver, table: table)
                }
            } catch {
                throw .badPricingFile(error.message)
            }
            if options.common.json {
                context.output(timeline.json)
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(timeline.text(style: style))
            }
            return .success
        }
    }

    /// Totals and prices one session's entries, looking before `days` for its model if need be.
    static func makeTimeline(
        id: String, entries: [LogEntry], days: ClosedRange<CivilDate>?, directories: [String],
        pricing: Pricing,
        diagnostics: ReadDiagnostics, context: StatsContext
    ) -> SessionTimeline {
        var aggregate = StatsAggregate(filter: EntryFilter(session: .exact(id)))
        for entry in entries { aggregate.add(entry) }
        StatsQuery(directories: directories, days: days, filter: aggregate.filter).findEarlierModels(
            for: &aggregate, source: context.source, localDays: context.clock.dayResolver)
        let cost = CostEstimate(aggregate, pricing: pricing)
        return SessionTimeline(
            session: aggregate.sessions[0], entries: entries, model: aggregate.models[id],
            choice: cost.choices[0],
            cost: cost.total, diagnostics: diagnostics, clock: context.clock)
    }
}
