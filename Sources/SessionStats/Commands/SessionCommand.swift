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
        is given. A session the activity log lacks is looked up in the ledger: its exact figures,
        no timeline. With --json, the whole session is exported.


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
            let logged: (id: String, entries: [LogEntry])?
            switch collector.result() {
            case .success(let found): logged = found
            // The usage ledger alone may have it: synced from before the hook was installed.
            case .failure(.unknownSession): logged = nil
            case .failure(let error): throw error
            }
            var usage = UsageQuery(
                directories: directories,
                roots: options.sync.roots(variables: context.variables), days: days)
            usage.sync = !options.sync.noSync
            var timeline: SessionTimeline
            let id: String
            if let logged {
                id = logged.id
                timeline = makeTimeline(
                    id: id, entries: logged.entries, days: days, directories: directories, pricing: pricing,
                    diagnostics: diagnostics, context: context)
                usage.filter = EntryFilter(session: .exact(id))
                timeline.usage = try exactUsage(usage, context: context)
            } else {
                (id, timeline) = try ledgerTimeline(
                    prefix: options.id, usage: usage, diagnostics: diagnostics, context: context)
            }
            if timeline.exact != nil, let first = directories.first {
                var attribution = AttributionQuery(directories: directories, days: days)
                attribution.filter = EntryFilter(session: .exact(id))
                attribution.detailSessions = [id]
                attribution.warn = { context.errorOutput("warning: " + $0 + "\n") }
                let table: PriceTable
                do throws(PricingFileError) {
                    table = try PricingFile.table(logDirectory: first, variables: context.variables)
                } catch {
                    throw .badPricingFile(error.message)
                }
                timeline.attribution = attribution.run(
                    source: context.source, localDays: context.clock.dayResolver, table: table)
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

    // The usage `query` gives, warnings on stderr; a malformed pricing file is a usage error.
    private static func exactUsage(_ query: UsageQuery, context: StatsContext) throws(UsageError)
        -> UsageSummary?
    {
        do throws(PricingFileError) {
            return try query.run(
                clock: context.clock, variables: context.variables, activeDays: [],
                warn: { context.errorOutput("warning: " + $0 + "\n") })
        } catch {
            throw .badPricingFile(error.message)
        }
    }

    // The timeline of the one session of the usage ledger that `prefix` names, when the activity log
    // has none: its requests' span and exact usage, no entries. Syncs first, as `usage` says.
    private static func ledgerTimeline(
        prefix: String, usage: UsageQuery, diagnostics: ReadDiagnostics, context: StatsContext
    ) throws(UsageError) -> (id: String, timeline: SessionTimeline) {
        var query = usage
        query.filter = EntryFilter(session: .prefix(prefix))
        var summary = try exactUsage(query, context: context)
        let candidates = summary?.bySession.keys.sorted() ?? []
        guard !candidates.isEmpty else { throw .unknownSession(prefix) }
        guard candidates.count == 1 || candidates.contains(prefix) else {
            throw .ambiguousSession(prefix: prefix, candidates: candidates)
        }
        if candidates.count > 1 {
            // Others share the prefix: the session's own figures, without another sync.
            query.filter = EntryFilter(session: .exact(prefix))
            query.sync = false
            summary = try exactUsage(query, context: context)
        }
        guard let summary, let (id, totals) = summary.bySession.first else { throw .unknownSession(prefix) }
        var timeline = SessionTimeline(
            session: SessionTotals(id: id, ledger: totals), entries: [], model: nil, choice: nil, cost: nil,
            diagnostics: diagnostics, clock: context.clock)
        timeline.usage = summary
        return (id, timeline)
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
