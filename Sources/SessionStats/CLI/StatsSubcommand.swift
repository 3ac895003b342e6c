import SessionLogCore

/// A `session-stats` command: its name, a one-line summary for the help, and how to run it.
public struct StatsSubcommand: Sendable {
    /// The name typed after `session-stats`.
    public var name: String
    /// What it does, in one line.
    public var summary: String
    /// The options it accepts, which its help lists; options given before its name are checked against them.
    public var commandLine: CommandLineSpec?
    /// Runs it with the arguments after its name.
    public var run: @Sendable (_ arguments: [String], _ context: StatsContext) -> ExitCode

    /// Creates a command.
    public init(
        name: String, summary: String, commandLine: CommandLineSpec? = nil,
        run: @escaping @Sendable (_ arguments: [String], _ context: StatsContext) -> ExitCode
    ) {
        self.name = name
        self.summary = summary
        self.commandLine = commandLine
        self.run = run
    }
}
