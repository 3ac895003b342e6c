import SessionLogCore

/// `session-stats sync`: copies the exact usage of new transcript lines into the usage ledger.
public enum SyncCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Output and the log directory.
        public var common = CommonOptions()
        /// `--transcripts DIR`, in the order given; empty means Claude Code's own folders.
        public var transcripts: [String] = []

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `sync` takes.
    public static let groups: CommonOptions.Groups = [.output, .sources]

    /// The options `sync` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--transcripts", value: "DIR",
                help: "a folder of transcripts to read (repeatable); default: the projects",
                "folder of each entry of $CLAUDE_CONFIG_DIR (comma-separated), else",
                "~/.claude/projects and ~/.config/claude/projects")
        ], groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats sync [options]

        Copies the exact usage of every API request in Claude Code's transcripts (input, output,
        cache writes and reads, model, session) into usage-YYYY-MM-DD.jsonl files in the log
        directory, so reports can show the real bill and keep it after Claude Code deletes its
        transcripts. Reads only what is new since the last sync; safe to run from cron. Reports
        that need exact figures sync first on their own.


        """ + commandLine.help()

    /// Parses the arguments after `sync`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            guard name == "--transcripts" else { return false }
            options.transcripts.append(try cursor.nonEmptyValue(for: name))
            return true
        }
    }

    /// Runs `sync` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "sync", help: help) { options throws(UsageError) in
            let directories = try options.common.logDirectories(variables: context.variables)
            let roots = TranscriptRoots.resolve(explicit: options.transcripts, variables: context.variables)
            var sync = UsageSync(
                directory: directories[0], roots: roots, localDays: context.clock.dayResolver)
            let summary: SyncSummary
            do throws(LedgerError) {
                summary = try sync.run()
            } catch {
                context.errorOutput("error: \(error.message)\n")
                return .finding
            }
            context.report(summary)
            context.output(options.common.json ? summary.json : summary.text)
            return .success
        }
    }
}

extension StatsContext {
    /// Names on stderr what a sync could not read, and the transcript folders that do not exist.
    public func report(_ summary: SyncSummary) {
        var text = ""
        for path in summary.unreadable { text += "warning: cannot read \(path)\n" }
        for warning in summary.warnings { text += "warning: \(warning)\n" }
        if summary.filesFound == 0 {
            for root in summary.missingRoots { text += "note: no transcripts folder at \(root)\n" }
        }
        if !text.isEmpty { errorOutput(text) }
    }
}
