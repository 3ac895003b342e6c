import SessionLogCore

/// The `session-stats` command line: picks a command and runs it.
public enum StatsCommand {
    /// The commands, in the order the help lists them; `report` runs when none is named.
    ///
    /// A new command adds one entry here and parses its options with `CommonOptions`.
    public static let commands: [StatsSubcommand] = [
        StatsSubcommand(
            name: "report", summary: "totals by tool, project, session, file and day (default)",
            commandLine: ReportCommand.commandLine
        ) {
            ReportCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "sessions", summary: "sessions newest first, with the command to resume each",
            commandLine: SessionsCommand.commandLine
        ) {
            SessionsCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "session", summary: "one session's timeline; --json exports it",
            commandLine: SessionCommand.commandLine
        ) {
            SessionCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "search", summary: "find past sessions by their words, in every project",
            commandLine: SearchCommand.commandLine
        ) {
            SearchCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "errors", summary: "the most recent failed or interrupted tool calls",
            commandLine: ErrorsCommand.commandLine
        ) {
            ErrorsCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "audit", summary: "risky actions: credentials, destructive commands, fetches",
            commandLine: AuditCommand.commandLine
        ) {
            AuditCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "budget", summary: "spend of today, the week and the month against limits",
            commandLine: BudgetCommand.commandLine
        ) {
            BudgetCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "rotate", summary: "roll old activity files up into rollups (for cron)",
            commandLine: RotateCommand.commandLine
        ) {
            RotateCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "blocks", summary: "5-hour billing windows, burn rate and projection",
            commandLine: BlocksCommand.commandLine
        ) {
            BlocksCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "sync", summary: "copy the exact usage from Claude Code's transcripts (for cron)",
            commandLine: SyncCommand.commandLine
        ) {
            SyncCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "statusline", summary: "one line for Claude Code's status line",
            commandLine: StatusLineCommand.commandLine
        ) {
            StatusLineCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "limits", summary: "5-hour and 7-day plan limits over time, as captured",
            commandLine: LimitsCommand.commandLine
        ) {
            LimitsCommand.run($0, context: $1)
        },
        StatsSubcommand(
            name: "hooks", summary: "install, remove or check the session-logger hook",
            commandLine: HooksCommand.commandLine
        ) {
            HooksCommand.run($0, context: $1)
        },
    ]

    /// The help text of `session-stats --help`: the commands, then the default command's options.
    public static var help: String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var text = """
            usage: session-stats [options] [COMMAND] [options]

            Reads the logs of the session-logger hook and reports what Claude Code did and
            roughly what it cost. Run 'session-stats COMMAND --help' for a command's options;
            they may also come before the command, as in git: session-stats --dir DIR errors.

            commands:

            """
        for command in commands {
            text += "  " + command.name + String(repeating: " ", count: width - command.name.count)
            text += command.summary + "\n"
        }
        // The report's help without its usage line, which the one above replaces.
        let reportLines = ReportCommand.help.split(separator: "\n", omittingEmptySubsequences: false)
        text += "\nreport: " + reportLines.dropFirst(2).joined(separator: "\n")
        return text
    }

    /// Runs `session-stats` with `arguments` (without the program name) and returns its exit code.
    public static func run(_ arguments: [String]) -> ExitCode {
        run(arguments, context: .live())
    }

    /// Runs `session-stats` in `context`: the in-process entry point for tests and benchmarks.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        guard let first = arguments.first else { return ReportCommand.run([], context: context) }
        if let command = commands.first(where: { $0.name == first }) {
            return command.run(Array(arguments.dropFirst()), context)
        }
        switch first {
        case "--help", "-h", "help":
            if first == "help", arguments.count > 1,
                let command = commands.first(where: { $0.name == arguments[1] })
            {
                return command.run(["--help"], context)
            }
            context.output(help)
            return .success
        case "--version":
            guard arguments.count == 1 else { return context.fail(.versionWithArguments, command: nil) }
            context.output(StatsVersion.line)
            return .success
        default:
            if first.hasPrefix("-") {
                // Options before a command go to it, as in git (`session-stats --dir X errors`);
                // options without a command belong to `report`, as in the bash tool.
                let end = leadingOptionsEnd(arguments)
                guard end < arguments.count else { return ReportCommand.run(arguments, context: context) }
                let rest = Array(arguments[(end + 1)...])
                if let command = commands.first(where: { $0.name == arguments[end] }) {
                    return command.run(Array(arguments[..<end]) + rest, context)
                }
                if arguments[end] == "--" { return ReportCommand.run(arguments, context: context) }
                return context.fail(
                    .unknownCommand(arguments[end]), command: nil, candidates: commands.map(\.name))
            }
            return context.fail(.unknownCommand(first), command: nil, candidates: commands.map(\.name))
        }
    }

    /// The index of the first argument that is neither an option nor an option's value: where a
    /// command's name would be. Whether an option takes a value comes from the commands' option lists.
    static func leadingOptionsEnd(_ arguments: [String]) -> Int {
        let known = commands.compactMap(\.commandLine).flatMap(\.all)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("-"), argument != "-", argument != "--" else { break }
            let takesValue =
                !argument.contains("=") && known.contains { $0.matches(argument) && $0.value != nil }
            index += takesValue ? 2 : 1
        }
        return min(index, arguments.count)
    }
}
