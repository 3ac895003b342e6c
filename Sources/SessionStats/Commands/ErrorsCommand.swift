import SessionLogCore

/// `session-stats errors`: the most recent failed or interrupted tool calls.
public enum ErrorsCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, filters, output and sources.
        public var common = CommonOptions()
        /// `-n N`: how many to list; 0 lists all.
        public var limit = 10

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `errors` takes.
    public static let groups: CommonOptions.Groups = .all

    /// The options `errors` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [OptionSpec("-n", "--limit", value: "N", help: "calls to list (default: 10; 0: all)")],
        groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats errors [-n N] [options]

        The most recent failed tool calls (PostToolUseFailure lines, failed legacy entries) and
        interrupted ones, newest first: time, session, project, tool, what was called and the
        error's first line. Days rotated into rollups keep only counts, so they list nothing.


        """ + commandLine.help()

    /// Parses the arguments after `errors`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            guard name == "-n" || name == "--limit" else { return false }
            options.limit = try cursor.count(for: "-n")
            return true
        }
    }

    /// The optional log fields shown: what a call worked on (`call`) and its error.
    static let fields: LogFields = [.command, .file, .url, .pattern, .path, .error]

    /// Whether `entry` is a single call that failed or was interrupted.
    public static func isFailure(_ entry: LogEntry) -> Bool {
        entry.source != .rollup && entry.isOperation && (entry.failures > 0 || entry.interrupted)
    }

    /// The failed calls of the range, newest first, at most `limit` of them (0: all), and how many there were.
    public static func collect(
        _ options: Options, directories: [String], context: StatsContext
    ) -> (entries: [LogEntry], total: Int, diagnostics: ReadDiagnostics) {
        let days = options.common.range.days(today: context.clock.today)
        let filter = options.common.filter
        let limit = options.limit
        var kept: [(order: Int, entry: LogEntry)] = []
        var total = 0
        func newestFirst(_ lhs: (order: Int, entry: LogEntry), _ rhs: (order: Int, entry: LogEntry)) -> Bool {
            (lhs.entry.timestamp, lhs.order) > (rhs.entry.timestamp, rhs.order)
        }
        let diagnostics = context.source.read(
            directories, days, context.clock.dayResolver, fields: fields.union(filter.fields)
        ) { entry in
            guard isFailure(entry), filter.matches(entry) else { return }
            kept.append((total, entry))
            total += 1
            // Memory stays at a few times the limit however many calls failed.
            if limit > 0 && kept.count >= 4 * limit + 64 {
                kept.sort(by: newestFirst)
                kept.removeLast(kept.count - limit)
            }
        }
        kept.sort(by: newestFirst)
        if limit > 0 && kept.count > limit { kept.removeLast(kept.count - limit) }
        return (kept.map(\.entry), total, diagnostics)
    }

    /// Runs `errors` with `arguments` in the running process.
    public static func run(_ arguments: [String]) -> ExitCode { run(arguments, context: .live()) }

    /// Runs `errors` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "errors", help: help) { options throws(UsageError) in
            let directories = try context.logDirectories(options.common)
            let (entries, total, diagnostics) = collect(options, directories: directories, context: context)
            context.warn(about: diagnostics, directoryCount: directories.count)
            let days = options.common.range.days(today: context.clock.today)
            let title = AuditReport.title(range: options.common.range, days: days)
            if options.common.json {
                context.output(json(entries, total: total, range: options.common.range, days: days))
            } else if entries.isEmpty {
                let what =
                    "failed calls " + title + (options.common.filter.isEmpty ? "" : " matching the filters")
                context.output(context.nothingFound(in: directories, diagnostics: diagnostics, what: what))
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(text(entries, total: total, title: title, clock: context.clock, style: style))
            }
            return .success
        }
    }

    /// What the call worked on: its command, file, URL or search.
    static func call(_ entry: LogEntry) -> String {
        if let command = entry.command, !command.isEmpty { return TextClipping.firstLine(command) }
        if let file = entry.file, !file.isEmpty { return file }
        if let url = entry.url, !url.isEmpty { return url }
        if let pattern = entry.pattern, !pattern.isEmpty {
            return pattern + (entry.path.map { " in " + $0 } ?? "")
        }
        return entry.path ?? ""
    }

    /// The error's first line, or `interrupted`.
    static func message(_ entry: LogEntry) -> String {
        let error = entry.error.map(TextClipping.firstLine) ?? ""
        if entry.interrupted { return error.isEmpty ? "interrupted" : "interrupted: " + error }
        return error.isEmpty ? "(no error text)" : error
    }

    static func text(_ entries: [LogEntry], total: Int, title: String, clock: LocalClock, style: TextStyle)
        -> String
    {
        let shown =
            entries.count == total
            ? "\(total)" : "\(entries.count) most recent of \(NumberFormat.grouped(total))"
        let text = style.bold("Failed calls · " + title) + " (" + shown + ")\n\n"
        let idLength = IDPrefix.length(for: Array(Set(entries.map(\.sessionID))))
        var table = TextTable(
            [
                TextTable.Column("Time"), TextTable.Column("Session"),
                TextTable.Column("Project", maxWidth: 20),
                TextTable.Column("Tool", maxWidth: 16, clipping: .keepBothEnds),
                TextTable.Column("Call", maxWidth: 40),
                TextTable.Column("Error", maxWidth: 80, style: style.red),
            ])
        for entry in entries {
            table.append([
                clock.dateTime(entry.timestamp),
                entry.sessionID.isEmpty ? "–" : IDPrefix.shorten(entry.sessionID, to: idLength),
                entry.project ?? "–", entry.tool ?? "–", call(entry), message(entry),
            ])
        }
        return text + table.render(headerStyle: style.dim)
    }

    static func json(_ entries: [LogEntry], total: Int, range: DateRange, days: ClosedRange<CivilDate>?)
        -> String
    {
        var writer = JSONWriter(indent: 2, capacity: 1024 + entries.count * 256)
        writer.beginObject()
        writer.field("range", range.label)
        writer.nullable("from", days?.lowerBound.description)
        writer.nullable("to", days?.upperBound.description)
        writer.field("total", total)
        writer.key("errors")
        writer.beginArray()
        for entry in entries {
            writer.beginObject()
            writer.field("time", entry.timestamp.iso8601)
            writer.field("session_id", entry.sessionID)
            writer.nullable("project", entry.project)
            writer.nullable("tool", entry.tool)
            writer.field("event", entry.event.name)
            writer.field("interrupted", entry.interrupted)
            writer.nullable("error", entry.error.map(TextClipping.firstLine))
            writer.nullable("call", call(entry))
            writer.nullable("location", entry.location.description)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text
    }
}
