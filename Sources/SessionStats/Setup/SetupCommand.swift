import SessionLogCore

/// The work of `session-stats hooks install|uninstall|status` (`HooksCommand`) on Claude Code's settings file.
public enum SetupCommand {
    /// The help text.
    public static var usage: String { HooksCommand.help }

    /// What a run printed and how it exits.
    public struct Outcome: Equatable, Sendable {
        /// The lines for stdout.
        public var lines: [String]
        /// The exit code.
        public var exitCode: ExitCode
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
        let problems = checks(found, document: document, options: options)
        lines += problems.lines
        return Outcome(lines: lines, exitCode: missing || problems.failed ? .finding : .success)
    }

    // What can stop the registered hook from running: a missing or non-executable binary,
    // `disableAllHooks`, and project settings that register session-logger as well.
    private static func checks(
        _ found: [HookRegistration.Found], document: JSONDocument, options: SetupOptions
    )
        -> (lines: [String], failed: Bool)
    {
        var lines: [String] = []
        var failed = false
        var checked: Set<String> = []
        for entry in found {
            guard let program = programPath(of: entry, home: options.home), checked.insert(program).inserted
            else { continue }
            if (try? FileSystem.status(of: program)) == nil {
                lines.append(
                    "warning: \(program) does not exist: every hook call fails; run hooks/install.sh")
                failed = true
            } else if !FileSystem.isExecutable(program) {
                lines.append("warning: \(program) is not executable: every hook call fails; chmod +x it")
                failed = true
            }
        }
        if document["disableAllHooks"] == .bool(true) {
            lines.append(
                "warning: \(options.settingsPath) sets disableAllHooks: Claude Code runs no hooks at all")
            failed = true
        }
        guard let project = options.projectDirectory else { return (lines, failed) }
        let ours = Set(found.map(\.command))
        for name in [".claude/settings.json", ".claude/settings.local.json"] {
            let path = (project.hasSuffix("/") ? project : project + "/") + name
            guard path != options.settingsPath,
                let bytes = try? SettingsFile.read(path),
                let projectDocument = try? JSONDocument(parsing: bytes)
            else { continue }
            if projectDocument["disableAllHooks"] == .bool(true) {
                lines.append("warning: \(path) sets disableAllHooks: no hooks run in this project")
                failed = true
            }
            let there = (try? HookRegistration.registrations(in: projectDocument)) ?? []
            guard !there.isEmpty else { continue }
            let events = Array(Set(there.map(\.event))).sorted().joined(separator: ", ")
            if there.allSatisfy({ ours.contains($0.command) }) {
                lines.append(
                    "note: \(path) also registers session-logger for \(events), with the same command;"
                        + " Claude Code runs identical commands once")
            } else {
                lines.append(
                    "warning: \(path) also registers session-logger for \(events) with another command:"
                        + " in this project each call is logged twice")
                failed = true
            }
        }
        return (lines, failed)
    }

    // The binary an entry runs: its command in exec form, else the shell command's program word,
    // with a leading `~/` expanded as the shell would.
    private static func programPath(of entry: HookRegistration.Found, home: String?) -> String? {
        let program: String
        if entry.form == .exec {
            program = entry.command
        } else {
            guard
                let word = ShellWords.words(of: entry.command).first(where: {
                    !ShellWords.isAssignment($0.raw)
                })
            else { return nil }
            program = word.raw.hasPrefix("~/") ? "~/" + word.text.dropFirst(2) : word.text
        }
        // A bare name is looked up in the PATH of Claude Code's shell, which this process cannot know.
        guard program.contains("/") else { return nil }
        if program.hasPrefix("~/") {
            guard let home, !home.isEmpty else { return nil }
            return (home.hasSuffix("/") ? String(home.dropLast()) : home) + program.dropFirst(1)
        }
        return program
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
