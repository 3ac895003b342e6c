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
    /// $HOME, to find a registered `~/…` binary (status only).
    public var home: String?
    /// The directory whose `.claude/settings.json` and `.claude/settings.local.json` are also checked (status only).
    public var projectDirectory: String?

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

    /// Parses the arguments after `hooks` (see `HooksCommand.parse`); `home` ($HOME) supplies the
    /// default `--settings` (`~/.claude/settings.json`) and expands a quoted leading `~/` in it.
    public static func parse(_ arguments: [String], home: String?) throws(SetupError) -> SetupOptions {
        do throws(UsageError) {
            let options = try HooksCommand.parse(arguments).get()
            switch options.common.request {
            case .help: return SetupOptions(action: .help, settingsPath: "")
            case .version: return SetupOptions(action: .version, settingsPath: "")
            case .run: return try HooksCommand.setupOptions(options, home: home)
            }
        } catch {
            throw .usage(error.message)
        }
    }
}
