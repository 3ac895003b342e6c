import SessionLogCore

/// `session-stats statusline`: one short line for Claude Code's `statusLine` setting.
public enum StatusLineCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// `--dir`, `--help`, `--version`.
        public var common = CommonOptions()
        /// `--format`: the fields and the text around them.
        public var template = StatusLineTemplate.standard
        /// `--color`: colour even when stdout is not a terminal (Claude Code's is a pipe).
        public var color = false
        /// `--no-capture`: do not append to `status-YYYY-MM-DD.jsonl`.
        public var noCapture = false

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `statusline` takes.
    public static let groups: CommonOptions.Groups = .sources

    /// The options `statusline` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--format", value: "TEMPLATE", help: "the line, with {field} placeholders (default:",
                "'{model} · {context} · {session_cost} · {today_cost} · {five_hour} · {seven_day} · {budget}');",
                "a field with nothing to show is left out with the text before it"),
            OptionSpec("--color", help: "colour even when stdout is not a terminal"),
            OptionSpec("--no-color", help: "no colour"),
            OptionSpec("--no-capture", help: "do not record what Claude Code sent"),
        ], groups: groups)

    /// How long to wait for Claude Code to close stdin; it writes the JSON and closes at once.
    public static let stdinTimeoutMilliseconds = 250

    /// The help text.
    public static var help: String {
        var text = """
            usage: session-stats statusline [--format TEMPLATE] [--color] [--no-color] [--no-capture] [--dir DIR]

            For Claude Code's status line. Reads the JSON Claude Code writes on stdin and prints one line:

              Opus 4.5 · ctx 42% · $1.23 session · ~$18.40 today · 5h 23% (2h10m) · 7d 41% (3d4h) · budget $6.60 left

            ~ marks SessionLog's estimate from the activity log, where Claude Code gives no figure.
            Context and plan limits are green below 50%, yellow below 80%, red from 80% (with --color or
            on a terminal; never with NO_COLOR or --no-color). When COLUMNS is set, fields are dropped from
            the right until the line fits. Each run also records what Claude Code sent (cost, context,
            plan limits) in status-YYYY-MM-DD.jsonl in the log directory, at most once a minute per
            session unless a value changed: see 'session-stats limits'. It never fails: on bad or missing
            stdin or logs it prints what it can and exits 0. In settings.json:

              "statusLine": {"type": "command", "command": "~/.local/bin/session-stats statusline --color"}


            """ + OptionSpec.section("options:", commandLine.own) + "fields:\n"
        let width = (StatusLineField.allCases.map(\.rawValue.count).max() ?? 0) + 4
        for field in StatusLineField.allCases {
            let name = "{" + field.rawValue + "}"
            text += "  " + name + String(repeating: " ", count: width - name.count) + field.summary + "\n"
        }
        return text + "\n" + CommonOptions.help(for: groups)
    }

    /// Parses the arguments after `statusline`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, option, cursor) throws(UsageError) in
            switch option {
            case "--format":
                let text = try cursor.value(for: option)
                guard let template = StatusLineTemplate(parsing: text) else {
                    throw .badValue(
                        option: option, value: text,
                        expected: "text with {field} placeholders: "
                            + StatusLineField.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.template = template
            case "--color": options.color = true
            case "--no-color": options.common.noColor = true
            case "--no-capture": options.noCapture = true
            default: return false
            }
            return true
        }
    }

    /// Runs `statusline` with `arguments` in the running process.
    public static func run(_ arguments: [String]) -> ExitCode { run(arguments, context: .live()) }

    /// Runs `statusline` with `arguments` in `context`, reading the process's stdin.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        run(arguments, context: context, input: readStandardInput)
    }

    /// Runs `statusline` with `arguments` in `context`, with `input` giving stdin's bytes.
    public static func run(_ arguments: [String], context: StatsContext, input: () -> [UInt8]) -> ExitCode {
        context.run(parse(arguments), command: "statusline", help: help) { options in
            var bytes = input()
            if bytes.count > StatusLineInput.maximumBytes {
                bytes.removeSubrange(StatusLineInput.maximumBytes...)
            }
            let stdin = StatusLineInput.parse(bytes)
            // A status line never fails: without a log directory or with bad rates it shows what it can.
            let directories = (try? context.logDirectories(options.common)) ?? []
            let (activity, usage) = refresh(
                directories, stdin: stdin, capture: !options.noCapture, clock: context.clock,
                variables: context.variables)
            var line = StatusLine(
                input: stdin, activity: activity, exactToday: usage?.total,
                pricing: (try? Pricing.from(variables: context.variables)) ?? Pricing(),
                dailyBudget: context.variables("CLAUDE_BUDGET_DAILY").flatMap(BudgetAmount.parse),
                now: context.clock.now)
            line.unpricedToday = usage?.unpricedModels.sorted() ?? []
            let columns = context.variables("COLUMNS").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            let color =
                (options.color || context.isTerminal) && !options.common.noColor
                && context.variables("NO_COLOR") == nil && context.variables("TERM") != "dumb"
            let text = line.render(options.template, columns: columns, style: TextStyle(enabled: color))
            // An empty status line reads as broken: say there is nothing to show yet.
            context.output((text.isEmpty ? "no status data yet" : text) + "\n")
            return .success
        }
    }

    /// Today's activity totals and exact spend over `directories` (nil when none exists), each
    /// brought up to date through its cache; records `stdin` in the first one's capture file unless
    /// `capture` is false.
    static func refresh(
        _ directories: [String], stdin: StatusLineInput, capture: Bool, clock: LocalClock,
        variables: (String) -> String? = { _ in nil }
    ) -> (activity: TodayActivity?, usage: TodayUsage?) {
        let today = clock.today
        var total: TodayActivity?
        var usage: TodayUsage?
        for (index, directory) in directories.enumerated() {
            guard (try? FileSystem.status(of: directory))?.kind == .directory else { continue }
            let loaded = StatusLineCache.load(directory: directory)
            var cache = loaded ?? StatusLineCache()
            var changed = TodayActivity.refresh(
                directory: directory, day: today, localDays: clock.dayResolver, cache: &cache)
            changed =
                TodayUsage.refresh(directory: directory, day: today, variables: variables, cache: &cache)
                || changed
            if index == 0 && capture {
                let record = StatusRecord(timestamp: clock.now, input: stdin)
                changed =
                    StatusCapture.capture(record, day: today, directory: directory, cache: &cache) || changed
            }
            if changed || loaded == nil { cache.save(directory: directory) }
            var totals = total ?? TodayActivity(day: today)
            if let (_, found) = cache.activity { totals.merge(found) }
            total = totals
            if let (_, found) = cache.usage {
                var merged = usage ?? TodayUsage(day: today, pricing: found.pricing)
                merged.merge(found)
                usage = merged
            }
        }
        return (total, usage)
    }

    /// Stdin's first `StatusLineInput.maximumBytes`, or nothing when it is a terminal; gives up after
    /// `stdinTimeoutMilliseconds`.
    static func readStandardInput() -> [UInt8] {
        guard !FileDescriptor.standardInput.isTerminal else { return [] }
        return StandardInput.readAll(
            from: 0, timeoutMilliseconds: stdinTimeoutMilliseconds, limit: StatusLineInput.maximumBytes
        ).bytes
    }
}
