/// The exit codes of both binaries.
public enum ExitCode: Int32, Sendable {
    /// All went well.
    case success = 0
    /// A finding: a budget exceeded, a risky action at or above the threshold.
    case finding = 1
    /// The command line was wrong.
    case usage = 64
}
