import SessionLogCore

/// `session-stats search [WORDS…]`: finds past sessions by what was said in them, or lists the newest.
public enum SearchCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, output and the log directory.
        public var common = CommonOptions()
        /// The words and phrases to find, as given.
        public var words: [String] = []
        /// `-p/--project`: part of the project name or folder.
        public var project: String?
        /// `-n N`: how many sessions to show; 0 shows all.
        public var limit = 10
        /// `--subagents`.
        public var subagents = false
        /// `--all`: tool inputs and results too.
        public var all = false
        /// `--thinking`.
        public var thinking = false
        /// `--transcripts DIR`, in the order given; empty means Claude Code's own folders.
        public var transcripts: [String] = []
        /// `--no-sync`.
        public var noSync = false

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `search` takes.
    public static let groups: CommonOptions.Groups = [.range, .output, .sources]

    /// The options `search` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "-p", "--project", value: "TEXT", help: "sessions whose project or folder contains TEXT"),
            OptionSpec("-n", "--limit", value: "N", help: "sessions to show (default: 10; 0: all)"),
            OptionSpec("--subagents", help: "also search subagents' transcripts"),
            OptionSpec("--thinking", help: "also search Claude's thinking"),
            OptionSpec("--all", help: "also search tool inputs and results, and text Claude Code adds"),
            OptionSpec(
                "--transcripts", value: "DIR",
                help: "a folder of transcripts to read (repeatable); default: the projects",
                "folder of each entry of $CLAUDE_CONFIG_DIR (comma-separated), else",
                "~/.claude/projects and ~/.config/claude/projects"),
            OptionSpec("--no-sync", help: "do not sync the usage ledger (the costs) first"),
        ], groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats search [WORDS…] [options]

        Finds past Claude Code sessions by what you and Claude wrote in them, in every project,
        newest first, each with the line that resumes it. Every word must occur somewhere in the
        session, in any case (café finds CAFÉ); words are plain text, never patterns; a quoted
        phrase ("exit code") must occur as written. With no words, lists the newest sessions,
        including those whose transcript Claude Code has deleted (known from the hook log and the
        usage ledger). Dates are the session's own, not the files'.


        """ + commandLine.help(defaultRange: "all days")

    /// Parses the arguments after `search`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        let parsed = CommonOptions.parse(
            arguments, spec: commandLine,
            own: { (options: inout Options, name, cursor) throws(UsageError) in
                switch name {
                case "-p", "--project": options.project = try cursor.nonEmptyValue(for: name)
                case "-n", "--limit": options.limit = try cursor.count(for: "-n")
                case "--subagents": options.subagents = true
                case "--all": options.all = true
                case "--thinking": options.thinking = true
                case "--no-sync": options.noSync = true
                case "--transcripts": options.transcripts.append(try cursor.nonEmptyValue(for: name))
                default: return false
                }
                return true
            },
            positional: { (options: inout Options, value) throws(UsageError) in options.words.append(value) })
        if case .success(let options) = parsed, options.common.request == .run, options.all,
            SearchTerm.parse(options.words).isEmpty
        {
            return .failure(.missingArgument("words to search for: --all searches tool output for them"))
        }
        return parsed
    }

    /// Runs `search` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "search", help: help) { options throws(UsageError) in
            let directories = try context.logDirectories(options.common)
            var request = SearchRequest()
            request.terms = SearchTerm.parse(options.words)
            request.project = options.project
            request.days =
                options.common.rangeGiven ? options.common.range.days(today: context.clock.today) : nil
            request.limit = options.limit
            if options.subagents { request.scope.insert(.subagents) }
            if options.thinking { request.scope.insert(.thinking) }
            if options.all { request.scope.insert(.tools) }
            var search = SessionSearch(
                request: request, directories: directories,
                roots: TranscriptRoots.resolve(explicit: options.transcripts, variables: context.variables))
            search.sync = !options.noSync
            let outcome: SearchOutcome
            do throws(PricingFileError) {
                outcome = try search.run(
                    clock: context.clock, source: context.source, variables: context.variables)
            } catch {
                throw .badPricingFile(error.message)
            }
            context.errorOutput(outcome.notes(roots: search.roots))
            if options.common.json {
                context.output(outcome.json)
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(outcome.text(terms: request.terms, clock: context.clock, style: style))
            }
            return .success
        }
    }
}
