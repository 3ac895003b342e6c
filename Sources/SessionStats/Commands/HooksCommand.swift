import SessionLogCore

/// `session-stats hooks install|uninstall|status`: registers session-logger in Claude Code's settings.
///
/// Parsed and printed like every other command; `SetupCommand` does the work on the settings file.
public enum HooksCommand {
    /// The parsed command line, before paths are resolved (`setupOptions`).
    public struct Options: CommandOptions, Equatable, Sendable {
        /// `--help` and `--version`.
        public var common = CommonOptions()
        /// `install`, `uninstall` or `status`.
        public var action: SetupOptions.Action?
        /// `--settings FILE`.
        public var settings: String?
        /// `--command PATH`.
        public var command: String?
        /// `--statusline`.
        public var statusLine = false
        /// `--portable-path`.
        public var portablePath = false

        /// Creates the defaults.
        public init() {}
    }

    /// The words accepted after `hooks`.
    public static let actions: [SetupOptions.Action] = [.install, .uninstall, .status]

    /// The options `hooks` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--settings", value: "FILE", help: "the settings file (default: ~/.claude/settings.json)"),
            OptionSpec(
                "--command", value: "PATH",
                help: "install: the session-logger binary (default: ~/.local/bin/session-logger)"),
            OptionSpec(
                "--portable-path",
                help: "install: register `~/…` run through a shell, for a settings.json shared between",
                "machines with different home directories (costs a shell per call);",
                "the default registers the absolute path run directly (\"args\": [])"),
            OptionSpec(
                "--statusline",
                help: "install: also set the status line to session-stats statusline, unless one is set"),
        ], groups: [])

    /// The help text.
    public static let help =
        """
        usage: session-stats hooks install [--settings FILE] [--command PATH] [--portable-path] [--statusline]
               session-stats hooks uninstall [--settings FILE]
               session-stats hooks status [--settings FILE]

        Registers session-logger as a Claude Code hook for PostToolUse, PostToolUseFailure,
        SessionStart, SessionEnd and UserPromptSubmit, keeping every other setting as it was.
        A changed file is first backed up to FILE.bak (the last three kept: .bak, .bak.1, .bak.2).

        commands:
          install     register the hook; run again, it replaces our entry instead of adding one,
                      but keeps one you customised (a command prefix, arguments or extra keys)
          uninstall   remove our entries and our status line; keep everything else
          status      show where the hook is registered, check that the registered binary exists
                      and is executable, warn about disableAllHooks and about this directory's
                      .claude/settings.json and .claude/settings.local.json registering it too;
                      exit 1 when an event is missing or a check fails


        """ + commandLine.help()

    /// Parses the arguments after `hooks`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        // As elsewhere, `--version` with anything else is refused before the rest is judged.
        if arguments.count > 1, arguments.contains("--version"),
            !arguments.contains("--help"), !arguments.contains("-h")
        {
            return .failure(.versionWithArguments)
        }
        let parsed = CommonOptions.parse(
            arguments, spec: commandLine,
            own: { (options: inout Options, name, cursor) throws(UsageError) in
                switch name {
                case "--settings": options.settings = try cursor.nonEmptyValue(for: name)
                case "--command": options.command = try cursor.nonEmptyValue(for: name)
                case "--statusline": options.statusLine = true
                case "--portable-path": options.portablePath = true
                default: return false
                }
                return true
            },
            positional: { (options: inout Options, value) throws(UsageError) in
                if value == "help" && options.action == nil {
                    options.common.request = .help
                    return
                }
                guard options.action == nil else { throw .unexpectedArgument(value) }
                guard let action = SetupOptions.Action(rawValue: value), actions.contains(action) else {
                    throw .badChoice(option: "hooks", value: value, choices: actions.map(\.rawValue))
                }
                options.action = action
            })
        guard case .success(let options) = parsed, options.common.request == .run else { return parsed }
        guard let action = options.action else {
            return .failure(.missingArgument("command: install, uninstall or status"))
        }
        if action != .install {
            for (given, option) in [
                (options.command != nil, "--command"), (options.statusLine, "--statusline"),
                (options.portablePath, "--portable-path"),
            ] where given {
                return .failure(.onlyFor(option: option, command: "install"))
            }
        }
        return parsed
    }

    /// What `options` ask for, with `--settings` and `--command` resolved against `home` ($HOME).
    public static func setupOptions(_ options: Options, home: String?) throws(UsageError) -> SetupOptions {
        let action = options.action ?? .status
        let form: HookRegistration.Form = options.portablePath ? .shell : .exec
        var loggerPath = options.command ?? SetupOptions.defaultLoggerPath
        guard loggerPath.hasPrefix("/") || loggerPath.hasPrefix("~/") else {
            throw .badValue(
                option: "--command", value: loggerPath, expected: "an absolute path (or one starting with ~/)"
            )
        }
        guard loggerPath.split(separator: "/").last == Substring(HookRegistration.loggerName) else {
            throw .badValue(
                option: "--command", value: loggerPath,
                expected: "the path of the \(HookRegistration.loggerName) binary")
        }
        let homePrefix = home.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        if action == .install && form == .exec && loggerPath.hasPrefix("~/") {
            // Exec form runs no shell, so nothing would expand `~`: register the real path.
            guard let homePrefix, homePrefix != "/" else {
                throw .unusable("HOME is not set: give --command an absolute path, or use --portable-path")
            }
            loggerPath = homePrefix + loggerPath.dropFirst(2)
        } else if form == .shell, let homePrefix, homePrefix != "/", loggerPath.hasPrefix(homePrefix) {
            // The shell expands `~` on each machine, so a synced settings.json works under any home.
            loggerPath = "~/" + loggerPath.dropFirst(homePrefix.count)
        }
        let path: String
        if let settings = options.settings {
            if settings.hasPrefix("~/"), let home, !home.isEmpty {
                path = home + settings.dropFirst(1)
            } else {
                path = settings
            }
        } else {
            guard let home, !home.isEmpty else {
                throw .unusable("--settings is needed when HOME is not set")
            }
            path = home + "/.claude/settings.json"
        }
        return SetupOptions(
            action: action, settingsPath: path, loggerPath: loggerPath, statusLine: options.statusLine,
            form: form)
    }

    /// Runs `hooks` with `arguments` in `context`; `status` also checks the current directory's `.claude/`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "hooks", help: help) { options throws(UsageError) in
            var setup = try setupOptions(options, home: context.variables("HOME"))
            setup.home = context.variables("HOME")
            setup.projectDirectory = FileSystem.currentDirectory()
            do throws(SetupError) {
                let outcome = try SetupCommand.execute(setup, now: context.clock.now)
                for line in outcome.lines { context.output(line + "\n") }
                return outcome.exitCode
            } catch {
                context.errorOutput("error: " + error.message + "\n")
                return error.exitCode
            }
        }
    }
}
