/// Where the logs go: `CLAUDE_LOG_DIR`, else `$HOME/.claude/logs`, as both binaries resolve it.
///
/// settings.json's `env` does not expand `~`, so a leading `~/` is expanded here. A relative
/// `CLAUDE_LOG_DIR` would scatter logs into every project Claude Code runs in: it is refused, with
/// `problem` saying so, and the default directory is used instead.
public struct LogDirectoryPath: Equatable, Sendable {
    /// The directory to use, or nil when neither a usable `CLAUDE_LOG_DIR` nor `HOME` is set.
    public var path: String?
    /// Why `CLAUDE_LOG_DIR` was not used as given, if it was not.
    public var problem: String?

    /// Resolves the directory from the values of `CLAUDE_LOG_DIR` and `HOME` (nil when unset or empty).
    public static func resolve(logDirectory: String?, home: String?) -> LogDirectoryPath {
        let standard = home.map { joined($0, ".claude/logs") }
        guard let value = logDirectory else { return LogDirectoryPath(path: standard, problem: nil) }
        if value.hasPrefix("/") { return LogDirectoryPath(path: value, problem: nil) }
        if value == "~" || value.hasPrefix("~/") {
            guard let home else {
                return LogDirectoryPath(
                    path: nil, problem: "CLAUDE_LOG_DIR is \(value) but HOME is not set; nothing logged")
            }
            return LogDirectoryPath(path: joined(home, String(value.dropFirst(2))), problem: nil)
        }
        let fallback = standard.map { "using \($0)" } ?? "nothing logged"
        return LogDirectoryPath(
            path: standard,
            problem: "CLAUDE_LOG_DIR must be an absolute path or start with ~/, not \(value); \(fallback)")
    }

    /// Reads `CLAUDE_LOG_DIR` and `HOME` through `variable`, which returns nil for unset or empty ones.
    public static func resolve(_ variable: (String) -> String?) -> LogDirectoryPath {
        resolve(logDirectory: variable("CLAUDE_LOG_DIR"), home: variable("HOME"))
    }

    private static func joined(_ directory: String, _ name: String) -> String {
        if name.isEmpty { return directory }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
