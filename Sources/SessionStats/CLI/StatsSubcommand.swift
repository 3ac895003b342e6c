import SessionLogCore

/// A `session-stats` command: its name, a one-line summary for the help, and how to run it.
public struct StatsSubcommand: Sendable {
    /// The name typed after `session-stats`.
    public var name: String
    /// What it does, in one line.
    public var summary: String
    /// Runs it with the arguments after its name.
    public var run: @Sendable (_ arguments: [String], _ context: StatsContext) -> ExitCode

    /// Creates a command.
    public init(
        name: String, summary: String,
        run: @escaping @Sendable (_ arguments: [String], _ context: StatsContext) -> ExitCode
    ) {
        self.name = name
        self.summary = summary
        self.run = run
    }
}
