extension HookRegistration {
    /// The analyzer binary's file name.
    public static let statsName = "session-stats"

    /// What `setStatusLine` did.
    public enum StatusLineChange: Equatable, Sendable {
        /// There was no status line; ours was added.
        case added
        /// Ours was there with another command; its command was updated.
        case updated
        /// Ours was there already, as wanted.
        case unchanged
        /// The user's own status line was kept; the associated text describes it.
        case keptUsers(String)
    }

    /// The status line object: `{"type": "command", "command": …}`.
    public static func statusLine(command: String) -> JSONDocument {
        .object([.init("type", .string("command")), .init("command", .string(command))])
    }

    /// Whether a status line command runs our analyzer.
    public static func isStatsCommand(_ command: String) -> Bool {
        ShellWords.programName(of: command) == statsName
    }

    /// Whether `document`'s status line runs our analyzer.
    public static func hasOurStatusLine(_ document: JSONDocument) -> Bool {
        guard let command = document["statusLine"]?["command"]?.stringValue else { return false }
        return isStatsCommand(command)
    }

    /// `document` with a status line running `command`, unless the user already has another one.
    ///
    /// Our own status line is updated in place, keeping any other keys (such as `padding`) it has.
    public static func setStatusLine(command: String, in document: JSONDocument) throws(SettingsShapeError)
        -> (document: JSONDocument, change: StatusLineChange)
    {
        guard document.members != nil else { throw .topLevelNotObject }
        var document = document
        guard let existing = document["statusLine"], existing != .null else {
            document["statusLine"] = statusLine(command: command)
            return (document, .added)
        }
        guard hasOurStatusLine(document) else {
            let described = existing["command"]?.stringValue.map { "command \($0)" } ?? existing.jsonText
            return (document, .keptUsers(described))
        }
        var updated = existing
        updated["type"] = .string("command")
        updated["command"] = .string(command)
        guard updated != existing else { return (document, .unchanged) }
        document["statusLine"] = updated
        return (document, .updated)
    }

    /// `document` without its status line when that runs our analyzer, and whether it did.
    public static func removeStatusLine(from document: JSONDocument) -> (
        document: JSONDocument, removed: Bool
    ) {
        guard hasOurStatusLine(document) else { return (document, false) }
        var document = document
        document["statusLine"] = nil
        return (document, true)
    }
}
