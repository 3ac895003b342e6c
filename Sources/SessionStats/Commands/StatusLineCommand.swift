@preconcurrency import Glibc
import SessionLogCore

/// `session-stats statusline`: one short line for Claude Code's `statusLine` setting.
public enum StatusLineCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// `--dir`, `--help`, `--version`.
        public var common = CommonOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `statusline` takes.
    public static let groups: CommonOptions.Groups = .sources

    /// How long to wait for Claude Code to close stdin; it writes the JSON and closes at once.
    public static let stdinTimeoutMilliseconds = 250

    /// The help text.
    public static let help =
        """
        usage: session-stats statusline [--dir DIR]

        For Claude Code's status line. Reads the status-line JSON on stdin (session_id, model, …)
        and prints one line: today's operations, tokens and estimated cost, and this session's
        operations and tokens today, e.g.

          today 1,204 ops · 2.3M tok · ~$4.12 │ session 87 ops · 140k tok

        It reads today's activity file only, so it stays fast however many days are logged, and
        on empty or malformed stdin it still prints today's totals and exits 0. In settings.json:

          "statusLine": {"type": "command", "command": "~/.local/bin/session-stats statusline"}

        """ + CommonOptions.help(for: groups)

    /// Parses the arguments after `statusline`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, accepting: groups)
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
            let stdin = StatusLineInput.parse(input())
            // A status line never fails: without a log directory or with bad rates it shows what it can.
            let directories = (try? options.common.logDirectories(variables: context.variables)) ?? []
            let pricing = (try? Pricing.from(variables: context.variables)) ?? Pricing()
            let summary = StatusLineSummary.make(
                input: stdin, directories: directories, today: context.clock.today,
                localDays: context.clock.dayResolver,
                pricing: pricing)
            context.output(summary.line + "\n")
            return .success
        }
    }

    /// Stdin's bytes, or nothing when it is a terminal; gives up after `stdinTimeoutMilliseconds`.
    static func readStandardInput() -> [UInt8] {
        guard isatty(0) == 0 else { return [] }
        return StandardInput.readAll(from: 0, timeoutMilliseconds: stdinTimeoutMilliseconds).bytes
    }
}
