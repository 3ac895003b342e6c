/// The version `--version` prints.
public enum StatsVersion {
    /// The version number.
    public static let number = "0.1.0"
    /// The line `--version` prints.
    public static let line = "session-stats " + number + "\n"
}
