import SessionLogCore

/// Everything a command takes from the process: clock, environment, terminal, logs and output streams.
///
/// `StatsContext.live()` is the real process; tests build one with a fixed clock, in-memory entries
/// and captured output, and run commands in-process.
public struct StatsContext {
    /// "Now" and the local time zone.
    public var clock: LocalClock
    /// Environment variables; nil for unset or empty ones.
    public var variables: (String) -> String?
    /// Whether stdout is a terminal.
    public var isTerminal: Bool
    /// The terminal's width in columns when stdout is one (`COLUMNS` overrides it, see `tableWidth`).
    public var terminalColumns: Int?
    /// Where log entries come from.
    public var source: LogSource
    /// Writes to stdout.
    public var output: (String) -> Void
    /// Writes to stderr.
    public var errorOutput: (String) -> Void

    /// Creates a context from its parts.
    public init(
        clock: LocalClock, variables: @escaping (String) -> String?, isTerminal: Bool, source: LogSource,
        output: @escaping (String) -> Void, errorOutput: @escaping (String) -> Void
    ) {
        self.clock = clock
        self.variables = variables
        self.isTerminal = isTerminal
        self.source = source
        self.output = output
        self.errorOutput = errorOutput
    }

    /// The running process: real clock and `TZ`, its environment, the log files, fds 1 and 2.
    public static func live() -> StatsContext {
        let isTerminal = FileDescriptor.standardOutput.isTerminal
        var context = StatsContext(
            clock: .system(), variables: HookEnvironment.variable,
            isTerminal: isTerminal, source: .files,
            output: { StatsContext.write($0, to: 1) }, errorOutput: { StatsContext.write($0, to: 2) })
        if isTerminal { context.terminalColumns = FileDescriptor.standardOutput.terminalColumns }
        return context
    }

    /// The width tables must fit: `COLUMNS` when set to a positive number, else the terminal's
    /// width, else none (a pipe or file gets whole lines).
    public var tableWidth: Int? {
        if let text = variables("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
        return terminalColumns
    }

    /// Whether to colour output: on a terminal, without `NO_COLOR`, `--no-color` or `TERM=dumb`.
    public func useColor(noColorFlag: Bool) -> Bool {
        isTerminal && !noColorFlag && variables("NO_COLOR") == nil && variables("TERM") != "dumb"
    }

    /// Prints `error: message` and a pointer to the command's help on stderr; returns exit code 64.
    /// `candidates` are the spellings a mistyped command or option is compared with for a "did you mean".
    public func fail(_ error: UsageError, command: String?, candidates: [String] = []) -> ExitCode {
        let helpCommand = ["session-stats", command, "--help"].compactMap { $0 }.joined(separator: " ")
        // The message may quote arguments and session ids: each of its lines is made visible.
        var message = error.message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { VisibleText.escape(String($0)) }.joined(separator: "\n")
        if let suggestion = error.suggestion(among: candidates) {
            message += "\ndid you mean '\(VisibleText.escape(suggestion))'?"
        }
        errorOutput("error: \(message)\nrun '\(helpCommand)' for usage\n")
        return .usage
    }

    /// Writes all of `text` to a file descriptor, retrying after interrupts and short writes.
    /// Stdout closed by its reader (`session-stats report | head -1`) ends the process quietly with 0.
    static func write(_ text: String, to descriptor: Int32) {
        do throws(Errno) {
            try FileDescriptor(rawValue: descriptor).writeAll(text)
        } catch {
            // The reader has all it wanted: stop like `cat` would under an ignored SIGPIPE, without an error.
            if error == .brokenPipe && descriptor == 1 { CurrentProcess.exit(ExitCode.success.rawValue) }
        }
    }
}
