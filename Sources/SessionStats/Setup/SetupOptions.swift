/// The parsed command line of `session-stats hooks`.
public struct SetupOptions: Equatable, Sendable {
    /// What to do.
    public enum Action: String, Equatable, Sendable {
        /// Register the hook (and optionally the status line).
        case install
        /// Remove our registrations.
        case uninstall
        /// Report which events are registered.
        case status
        /// Print the usage text.
        case help
        /// Print the version.
        case version
    }

    /// What to do.
    public var action: Action
    /// The settings file to edit.
    public var settingsPath: String
    /// The path of the `session-logger` binary to register (install only): absolute in exec form,
    /// `~/…` when it lies under the home directory in shell form.
    public var loggerPath: String
    /// Whether to set the status line when none is set (install only).
    public var statusLine: Bool
    /// How Claude Code is to run the hook (install only).
    public var form: HookRegistration.Form

    /// The logger path registered when `--command` is not given, before `~/` is expanded.
    public static let defaultLoggerPath = "~/.local/bin/session-logger"

    /// Creates options.
    public init(
        action: Action, settingsPath: String, loggerPath: String = defaultLoggerPath,
        statusLine: Bool = false,
        form: HookRegistration.Form = .exec
    ) {
        self.action = action
        self.settingsPath = settingsPath
        self.loggerPath = loggerPath
        self.statusLine = statusLine
        self.form = form
    }

    /// Parses the arguments after `hooks`; `home` ($HOME) supplies the default `--settings`
    /// (`~/.claude/settings.json`) and expands a quoted leading `~/` in it.
    public static func parse(_ arguments: [String], home: String?) throws(SetupError) -> SetupOptions {
        guard let first = arguments.first else {
            throw .usage("missing command: install, uninstall or status")
        }
        if first == "-h" || first == "--help" || first == "help" {
            return SetupOptions(action: .help, settingsPath: "")
        }
        if first == "--version" { return SetupOptions(action: .version, settingsPath: "") }
        guard let action = Action(rawValue: first), action != .help, action != .version else {
            throw .usage("unknown hooks command '\(first)': use install, uninstall or status")
        }
        var settings: String?
        var command: String?
        var statusLine = false
        var form = HookRegistration.Form.exec
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(SetupError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = rest.popFirst() else { throw .usage("\(name) needs a value") }
                return next
            }
            switch name {
            case "-h", "--help":
                return SetupOptions(action: .help, settingsPath: "")
            case "--version":
                return SetupOptions(action: .version, settingsPath: "")
            case "--settings":
                settings = try value()
                guard settings != "" else { throw .usage("--settings needs a value") }
            case "--command":
                guard action == .install else { throw .usage("--command applies only to install") }
                command = try value()
            case "--statusline":
                guard action == .install else { throw .usage("--statusline applies only to install") }
                guard inlineValue == nil else { throw .usage("--statusline takes no value") }
                statusLine = true
            case "--portable-path":
                guard action == .install else { throw .usage("--portable-path applies only to install") }
                guard inlineValue == nil else { throw .usage("--portable-path takes no value") }
                form = .shell
            default:
                throw .usage(
                    argument.hasPrefix("-")
                        ? "unknown option '\(argument)'" : "unexpected argument '\(argument)'")
            }
        }
        var loggerPath = command ?? defaultLoggerPath
        guard loggerPath.hasPrefix("/") || loggerPath.hasPrefix("~/") else {
            throw .usage("--command must be an absolute path (or start with ~/): \(loggerPath)")
        }
        guard loggerPath.split(separator: "/").last == Substring(HookRegistration.loggerName) else {
            throw .usage("--command must name the \(HookRegistration.loggerName) binary: \(loggerPath)")
        }
        let homePrefix = home.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        if action == .install && form == .exec && loggerPath.hasPrefix("~/") {
            // Exec form runs no shell, so nothing would expand `~`: register the real path.
            guard let homePrefix, homePrefix != "/" else {
                throw .usage("HOME is not set: give --command an absolute path, or use --portable-path")
            }
            loggerPath = homePrefix + loggerPath.dropFirst(2)
        } else if form == .shell, let homePrefix, homePrefix != "/", loggerPath.hasPrefix(homePrefix) {
            // The shell expands `~` on each machine, so a synced settings.json works under any home.
            loggerPath = "~/" + loggerPath.dropFirst(homePrefix.count)
        }
        let path: String
        if let settings {
            if settings.hasPrefix("~/"), let home, !home.isEmpty {
                path = home + settings.dropFirst(1)
            } else {
                path = settings
            }
        } else {
            guard let home, !home.isEmpty else { throw .usage("--settings is needed when HOME is not set") }
            path = home + "/.claude/settings.json"
        }
        return SetupOptions(
            action: action, settingsPath: path, loggerPath: loggerPath, statusLine: statusLine, form: form)
    }
}
