/// The settings the hook reads from its environment.
public struct HookEnvironment: Sendable {
    /// `CLAUDE_LOG_DIR` (a leading `~/` expanded), else `$HOME/.claude/logs`; nil when neither is usable.
    public var logDirectory: String?
    /// Why `CLAUDE_LOG_DIR` was not used as given (a relative path), if it was not.
    public var logDirectoryProblem: String?
    /// False when `CLAUDE_LOG_TOKENS` is `false`, `0`, `no` or `off`.
    public var estimateTokens: Bool
    /// `CLAUDE_SESSION_ID`.
    public var sessionID: String?
    /// `CLAUDE_PROJECT_DIR`.
    public var projectDirectory: String?
    /// Parsed `CLAUDE_LOG_TAGS`.
    public var tags: [(key: String, value: String)]
    /// `USER`, else `LOGNAME`.
    public var user: String?
    /// The process's working directory, the last resort for the project name; from the process
    /// environment it is read on first use, as most payloads name their own `cwd`.
    public var workingDirectory: String? {
        get {
            readsProcess && workingDirectoryValue == nil
                ? HookEnvironment.processWorkingDirectory() : workingDirectoryValue
        }
        set {
            workingDirectoryValue = newValue
            readsProcess = false
        }
    }
    /// The machine's host name; from the process environment it is read on first use (only
    /// SessionStart lines carry it).
    public var host: String? {
        get { readsProcessHost && hostValue == nil ? HookEnvironment.processHost() : hostValue }
        set {
            hostValue = newValue
            readsProcessHost = false
        }
    }
    private var workingDirectoryValue: String?
    private var hostValue: String?
    // Set by `current()`: an unset value is then read from the process when asked for.
    private var readsProcess = false
    private var readsProcessHost = false

    /// Creates an environment from explicit values, for tests.
    public init(
        logDirectory: String?, estimateTokens: Bool = true, sessionID: String? = nil,
        projectDirectory: String? = nil, tags: [(key: String, value: String)] = [], user: String? = nil,
        workingDirectory: String? = nil, host: String? = nil
    ) {
        self.logDirectory = logDirectory
        self.estimateTokens = estimateTokens
        self.sessionID = sessionID
        self.projectDirectory = projectDirectory
        self.tags = tags
        self.user = user
        self.workingDirectoryValue = workingDirectory
        self.hostValue = host
    }

    /// Reads the process environment.
    public static func current() -> HookEnvironment {
        let resolved = LogDirectoryPath.resolve(variable)
        var environment = HookEnvironment(
            logDirectory: resolved.path,
            estimateTokens: !isFalse(variable("CLAUDE_LOG_TOKENS")),
            sessionID: variable("CLAUDE_SESSION_ID"),
            projectDirectory: variable("CLAUDE_PROJECT_DIR"),
            tags: parseTags(variable("CLAUDE_LOG_TAGS") ?? ""),
            user: variable("USER") ?? variable("LOGNAME")
        )
        environment.logDirectoryProblem = resolved.problem
        // getcwd and uname wait until a line needs them: each is a system call and a buffer.
        environment.readsProcess = true
        environment.readsProcessHost = true
        return environment
    }

    private static func processWorkingDirectory() -> String? {
        FileSystem.currentDirectory().flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func processHost() -> String? {
        CurrentProcess.hostName().flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A variable's value, or nil when it is unset or empty.
    public static func variable(_ name: String) -> String? {
        guard let text = CurrentProcess.variable(name) else { return nil }
        return text.isEmpty ? nil : text
    }

    /// Whether a setting says no.
    static func isFalse(_ value: String?) -> Bool {
        guard let value else { return false }
        switch value.lowercased() {
        case "false", "0", "no", "off": return true
        default: return false
        }
    }

    /// `team=core,env=ci` as ordered pairs; pairs without a key or `=` are dropped, a repeated key keeps its last value.
    public static func parseTags(_ text: String) -> [(key: String, value: String)] {
        var tags: [(key: String, value: String)] = []
        // Most hooks run without tags: skip the generic split, whose first use costs the hook's run.
        guard !text.isEmpty else { return tags }
        for item in text.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let key = trimmed(item[..<equals])
            let value = trimmed(item[item.index(after: equals)...])
            guard !key.isEmpty else { continue }
            tags.removeAll { $0.key == key }
            tags.append((key, value))
        }
        return tags
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
