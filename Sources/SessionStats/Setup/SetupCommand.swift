import SessionLogCore

/// `session-stats hooks install|uninstall|status`: registers session-logger in Claude Code's settings.
public enum SetupCommand {
    /// The help text.
    public static let usage = """
        usage: session-stats hooks install [--settings FILE] [--command PATH] [--portable-path] [--statusline]
               session-stats hooks uninstall [--settings FILE]
               session-stats hooks status [--settings FILE]

        Registers session-logger as a Claude Code hook for PostToolUse, PostToolUseFailure,
        SessionStart, SessionEnd and UserPromptSubmit, keeping every other setting as it was.
        A changed file is first backed up to FILE.bak (the last three kept: .bak, .bak.1, .bak.2).

        commands:
          install     register the hook; run again, it replaces our entry instead of adding one,
                      but keeps one you customised (a command prefix, arguments or extra keys)
          uninstall   remove our entries and our status line; keep everything else
          status      show where the hook is registered; exit 1 when an event is missing

        options:
          --settings FILE   the settings file (default: ~/.claude/settings.json)
          --command PATH    the session-logger binary (default: ~/.local/bin/session-logger)
          --portable-path   register `~/…` run through a shell, for a settings.json shared between
                            machines with different home directories (costs a shell per call);
                            the default registers the absolute path run directly ("args": [])
          --statusline      also set the status line to session-stats statusline, unless one is set
          -h, --help        show this help
          --version         show the version
        """

    /// What a run printed and how it exits.
    public struct Outcome: Equatable, Sendable {
        /// The lines for stdout.
        public var lines: [String]
        /// The exit code.
        public var exitCode: ExitCode
    }

    /// Runs with the arguments after `hooks`, printing to stdout and stderr, and returns the exit code.
    public static func run(
        _ arguments: [String], output: (String) -> Void = { print($0) },
        errorOutput: (String) -> Void = { text in
            try? FileDescriptor.standardError.writeAll(text)
        }
    ) -> ExitCode {
        do throws(SetupError) {
            let options = try SetupOptions.parse(arguments, home: HookEnvironment.variable("HOME"))
            let outcome = try execute(options, now: Timestamp.now())
            for line in outcome.lines { output(line) }
            return outcome.exitCode
        } catch {
            errorOutput("error: " + error.message + "\n")
            return error.exitCode
        }
    }

    /// Carries out parsed options on the file system and returns what to print.
    public static func execute(_ options: SetupOptions, now: Timestamp) throws(SetupError) -> Outcome {
        switch options.action {
        case .help: Outcome(lines: [usage], exitCode: .success)
        case .version: Outcome(lines: [String(StatsVersion.line.dropLast())], exitCode: .success)
        case .install: try install(options, now: now)
        case .uninstall: try uninstall(options, now: now)
        case .status: try status(options)
        }
    }

    private static func install(_ options: SetupOptions, now: Timestamp) throws(SetupError) -> Outcome {
        let path = options.settingsPath
        let (bytes, document) = try load(path)
        let form = options.form
        let command = form == .exec ? options.loggerPath : ShellWords.quoted(options.loggerPath)
        let ourEvents = HookRegistration.events.map(\.name)
        let earlier = try shaped(path) { () throws(SettingsShapeError) in
            try HookRegistration.registrations(in: document)
        }
        let kept = try shaped(path) { () throws(SettingsShapeError) in
            try HookRegistration.keptEntries(in: document)
        }
        let withHooks = try shaped(path) { () throws(SettingsShapeError) in
            try HookRegistration.install(command: command, form: form, in: document)
        }
        var updated = withHooks
        var statusLine: String?
        if options.statusLine {
            let stats =
                String(options.loggerPath.dropLast(HookRegistration.loggerName.count))
                + HookRegistration.statsName
            let wanted = ShellWords.quoted(stats) + " statusline"
            let (withStatus, change) = try shaped(path) { () throws(SettingsShapeError) in
                try HookRegistration.setStatusLine(command: wanted, in: withHooks)
            }
            updated = withStatus
            switch change {
            case .added: statusLine = "status line set to: \(wanted)"
            case .updated: statusLine = "status line updated to: \(wanted)"
            case .unchanged: statusLine = nil
            case .keptUsers(let described):
                statusLine = "status line left as it is: you already have one (\(described))"
            }
        }
        let changed = bytes == nil || updated != document
        let backup = changed ? try save(updated, original: bytes, to: path, now: now) : nil
        let written = backup.map { "; backup: \($0)" } ?? (changed ? "; created the file" : "")
        var lines: [String] = []
        if bytes != nil && withHooks == document {
            lines.append(
                "session-logger is already registered in \(path) (\(command))"
                    + (changed ? "" : "; nothing changed"))
            if let line = statusLine { statusLine = line + written }
        } else {
            // Only entries that ran another path were really replaced; equal ones were just kept.
            let installed = ourEvents.filter { event in !kept.contains { $0.event == event } }
            let replaced = earlier.filter { entry in
                ourEvents.contains(entry.event) && !kept.contains { $0.event == entry.event }
                    && (entry.command != command || entry.form != form)
            }.count
            var line =
                "registered \(command) (\(form.rawValue) form) for \(installed.joined(separator: ", ")) in \(path)"
            if replaced > 0 {
                line += " (replacing \(replaced) earlier \(replaced == 1 ? "entry" : "entries"))"
            }
            lines.append(line + written)
        }
        for entry in kept {
            // Rewriting a customised entry would drop the user's prefix or keys, so it stays theirs.
            lines.append(
                "kept your registration for \(entry.event): it has \(entry.reasons.joined(separator: " and "));"
                    + " edit or remove it yourself to change it")
        }
        if let statusLine { lines.append(statusLine) }
        if changed, let warning = readOnlyWarning(path) { lines.append(warning) }
        let legacy = HookRegistration.legacyEvents(in: updated)
        if !legacy.isEmpty {
            lines.append(
                "note: the old session-logger.sh hook is still registered for \(legacy.joined(separator: ", "));"
                    + " remove it to avoid logging twice")
        }
        return Outcome(lines: lines, exitCode: .success)
    }

    private static func uninstall(_ options: SetupOptions, now: Timestamp) throws(SetupError) -> Outcome {
        let path = options.settingsPath
        let (bytes, document) = try load(path)
        guard bytes != nil else {
            return Outcome(lines: ["\(path) does not exist; nothing to remove"], exitCode: .success)
        }
        let (withoutHooks, events) = try shaped(path) { () throws(SettingsShapeError) in
            try HookRegistration.uninstall(from: document)
        }
        let (updated, removedStatusLine) = HookRegistration.removeStatusLine(from: withoutHooks)
        guard updated != document else {
            return Outcome(
                lines: ["session-logger is not registered in \(path); nothing changed"], exitCode: .success)
        }
        let backup = try save(updated, original: bytes, to: path, now: now).map { "; backup: \($0)" } ?? ""
        var lines: [String] = []
        if let warning = readOnlyWarning(path) { lines.append(warning) }
        if !events.isEmpty {
            lines.append("removed session-logger from \(events.joined(separator: ", ")) in \(path)\(backup)")
            if removedStatusLine { lines.append("removed the session-stats status line") }
        } else {
            lines.append("removed the session-stats status line from \(path)\(backup)")
        }
        return Outcome(lines: lines, exitCode: .success)
    }

    private static func status(_ options: SetupOptions) throws(SetupError) -> Outcome {
        let path = options.settingsPath
        let (bytes, document) = try load(path)
        guard bytes != nil else {
            return Outcome(
                lines: ["\(path) does not exist; session-logger is not registered"], exitCode: .finding)
        }
        let found = try shaped(path) { () throws(SettingsShapeError) in
            try HookRegistration.registrations(in: document)
        }
        var lines = ["\(path):"]
        var missing = false
        var events = HookRegistration.events.map(\.name)
        for entry in found where !events.contains(entry.event) { events.append(entry.event) }
        let width = events.map(\.count).max() ?? 0
        for event in events {
            let here = found.filter { $0.event == event }
            let label = "  " + event + String(repeating: " ", count: width - event.count + 2)
            if here.isEmpty {
                missing = true
                lines.append(label + "not registered")
                continue
            }
            for entry in here {
                var text = "registered: " + entry.command + " (\(entry.form.rawValue) form)"
                if let matcher = entry.matcher, matcher != "*", !matcher.isEmpty {
                    text += " (matcher \(matcher))"
                }
                if here.count > 1 { text += " (duplicate)" }
                lines.append(label + text)
            }
        }
        let label = "  statusLine" + String(repeating: " ", count: max(width - 10, 0) + 2)
        if let command = document["statusLine"]?["command"]?.stringValue {
            lines.append(
                label + (HookRegistration.isStatsCommand(command) ? "session-stats: " : "other: ") + command)
        } else {
            lines.append(label + "not set")
        }
        return Outcome(lines: lines, exitCode: missing ? .finding : .success)
    }

    // The file's bytes (nil when missing) and its document; an empty file reads as `{}`.
    private static func load(_ path: String) throws(SetupError) -> (bytes: [UInt8]?, document: JSONDocument) {
        guard let bytes = try SettingsFile.read(path) else { return (nil, .object([])) }
        try SettingsFile.requireUTF8(bytes, of: path)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return (bytes, .object([]))
        }
        let document: JSONDocument
        do throws(JSONDocumentError) {
            document = try JSONDocument(parsing: bytes)
        } catch {
            throw .cannotParse(path: path, reason: error.message)
        }
        _ = try shaped(path) { () throws(SettingsShapeError) in try HookRegistration.hooksObject(of: document)
        }
        return (bytes, document)
    }

    // Backs up the old bytes, if any, then writes the document; returns the backup's path.
    private static func save(_ document: JSONDocument, original: [UInt8]?, to path: String, now: Timestamp)
        throws(SetupError) -> String?
    {
        // Under the lock, the file must still be what was read: Claude Code or an editor may have
        // written it since, and that write must not be lost. It is checked again just before the rename.
        try SettingsFile.withLock(path) { () throws(SetupError) -> String? in
            try SettingsFile.requireUnchanged(path, expected: original)
            let mode = SettingsFile.mode(of: path) ?? SettingsFile.newFileMode
            var backup: String?
            if let original { backup = try SettingsFile.backUp(original, of: path, mode: mode, now: now) }
            let text = SettingsStyle(of: original).render(document)
            try SettingsFile.write(text, to: path, mode: mode, expecting: .some(original))
            return backup
        }
    }

    // A file nobody may write was still replaced (the directory allows it); say so, since the mode
    // was likely set on purpose.
    private static func readOnlyWarning(_ path: String) -> String? {
        guard SettingsFile.isReadOnly(path), let mode = SettingsFile.mode(of: path) else { return nil }
        return
            "warning: \(path) is read-only (mode \(String(mode, radix: 8))); it was replaced anyway and keeps that mode"
    }

    private static func shaped<T>(_ path: String, _ body: () throws(SettingsShapeError) -> T)
        throws(SetupError) -> T
    {
        do throws(SettingsShapeError) {
            return try body()
        } catch {
            throw .cannotParse(path: path, reason: error.message)
        }
    }
}
