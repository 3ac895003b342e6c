import SessionLogCore

/// Pure edits of a Claude Code settings document: add, find and remove session-logger's hook entries.
///
/// An entry is ours when the program its command runs is named `session-logger`, wherever it lives,
/// so installing again, or from another prefix, replaces the old entry instead of adding a second.
public enum HookRegistration {
    /// The hook binary's file name.
    public static let loggerName = "session-logger"
    /// The seconds Claude Code gives the hook before cancelling it.
    public static let timeoutSeconds = 5
    /// The events the hook is registered for, in order, with the matcher each takes (nil: none).
    public static let events: [(name: String, matcher: String?)] = [
        (HookEvent.postToolUse.name, "*"),
        (HookEvent.postToolUseFailure.name, "*"),
        (HookEvent.sessionStart.name, nil),
        (HookEvent.sessionEnd.name, nil),
        (HookEvent.userPromptSubmit.name, nil),
    ]

    /// How Claude Code starts a command hook.
    public enum Form: String, Equatable, Sendable {
        /// `"args": []` present: `command` is the program's path, run directly, without a shell.
        case exec
        /// No `args`: `command` is a shell command line, run through `sh -c`, so `~/` expands.
        case shell
    }

    /// One of our entries found in a settings document.
    public struct Found: Equatable, Sendable {
        /// The hook event it is registered under.
        public var event: String
        /// Its group's matcher, if the group has one.
        public var matcher: String?
        /// Its command.
        public var command: String
        /// How Claude Code runs it.
        public var form: Form = .shell
    }

    /// The hook object Claude Code runs: `{"type": "command", "command": …, "timeout": 5}`, with
    /// `"args": []` in exec form, where `command` is the binary's path rather than a command line.
    public static func entry(command: String, form: Form = .shell) -> JSONDocument {
        var members: [JSONDocument.Member] = [
            .init("type", .string("command")),
            .init("command", .string(command)),
        ]
        if form == .exec { members.append(.init("args", .array([]))) }
        members.append(.init("timeout", .number(String(timeoutSeconds))))
        return .object(members)
    }

    /// Whether a hook command runs our binary.
    public static func isLoggerCommand(_ command: String) -> Bool {
        ShellWords.programName(of: command) == loggerName
    }

    /// The form of a hook object: exec when it has an `args` array.
    static func form(of hook: JSONDocument) -> Form {
        hook["args"]?.elements == nil ? .shell : .exec
    }

    /// `document` with exactly one entry running `command` for each of `events`.
    ///
    /// Old entries of ours are removed wherever they are; the first one found in a group that
    /// matches every tool is replaced in place, otherwise a new group goes at the end of the event.
    /// A longer `timeout` than ours is carried over. An event with an entry of ours the user
    /// customised (see ``customisations(of:)``) is left exactly as it is. Everything else keeps its
    /// content and order.
    public static func install(command: String, form: Form = .shell, in document: JSONDocument)
        throws(SettingsShapeError) -> JSONDocument
    {
        var document = document
        var hooks = try hooksObject(of: document) ?? .object([])
        for event in events {
            var groups: [JSONDocument] = []
            if let existing = hooks[event.name] {
                guard let elements = existing.elements else { throw .eventNotArray(event.name) }
                groups = elements
            }
            let ours = groups.flatMap { ($0["hooks"]?.elements ?? []).filter(isOurs) }
            if ours.contains(where: { !customisations(of: $0).isEmpty }) { continue }
            var replacement = entry(command: command, form: form)
            if let longest = ours.compactMap({ longerTimeout(of: $0) }).max(by: { $0.seconds < $1.seconds }) {
                replacement["timeout"] = .number(longest.text)
            }
            var slot: (group: Int, hook: Int)?
            var kept: [JSONDocument] = []
            for group in groups {
                guard let entries = group["hooks"]?.elements else {
                    kept.append(group)
                    continue
                }
                var remaining: [JSONDocument] = []
                for hook in entries {
                    if isOurs(hook) {
                        if slot == nil && matchesEverything(group) { slot = (kept.count, remaining.count) }
                    } else {
                        remaining.append(hook)
                    }
                }
                if remaining.count == entries.count {
                    kept.append(group)
                } else if !remaining.isEmpty || slot?.group == kept.count {
                    var edited = group
                    edited["hooks"] = .array(remaining)
                    kept.append(edited)
                }
            }
            if let slot, var entries = kept[slot.group]["hooks"]?.elements {
                entries.insert(replacement, at: slot.hook)
                kept[slot.group]["hooks"] = .array(entries)
            } else {
                var group: [JSONDocument.Member] = []
                if let matcher = event.matcher { group.append(.init("matcher", .string(matcher))) }
                group.append(.init("hooks", .array([replacement])))
                kept.append(.object(group))
            }
            hooks[event.name] = .array(kept)
        }
        document["hooks"] = hooks
        return document
    }

    /// An entry of ours that `install` leaves alone, with what the user added to it.
    public struct Kept: Equatable, Sendable {
        /// The hook event it is registered under.
        public var event: String
        /// What makes it the user's own, e.g. `a command prefix (CLAUDE_LOG_DIR=/srv/logs)`.
        public var reasons: [String]
    }

    /// The entries of ours under `events` that `install` leaves alone, one per event, in event order.
    public static func keptEntries(in document: JSONDocument) throws(SettingsShapeError) -> [Kept] {
        guard let hooks = try hooksObject(of: document) else { return [] }
        var kept: [Kept] = []
        for event in events {
            let ours = (hooks[event.name]?.elements ?? []).flatMap {
                ($0["hooks"]?.elements ?? []).filter(isOurs)
            }
            if let reasons = ours.lazy.map(customisations(of:)).first(where: { !$0.isEmpty }) {
                kept.append(Kept(event: event.name, reasons: reasons))
            }
        }
        return kept
    }

    /// What the user added to an entry of ours that `install` would lose by rewriting it: a command
    /// prefix such as `CLAUDE_LOG_DIR=…`, words or commands after the program, arguments, or keys
    /// other than `type`, `command`, `args` and `timeout`; empty for an entry install could have written.
    static func customisations(of hook: JSONDocument) -> [String] {
        var reasons: [String] = []
        let command = hook["command"]?.stringValue ?? ""
        if form(of: hook) == .shell {
            let words = ShellWords.words(of: command)
            let program = words.firstIndex { !ShellWords.isAssignment($0.raw) } ?? words.count
            if program > 0 {
                reasons.append("a command prefix (\(words[..<program].map(\.raw).joined(separator: " ")))")
            }
            // Words after the program, or a `;`, `|` or `&` the word splitter stopped at.
            let spaced = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            if program + 1 < words.count || spaced != words.map(\.raw).joined(separator: " ") {
                reasons.append("more after the program")
            }
        } else if let arguments = hook["args"]?.elements, !arguments.isEmpty {
            reasons.append("arguments")
        }
        let extra = (hook.members ?? []).map(\.key).filter {
            !["type", "command", "args", "timeout"].contains($0)
        }
        if !extra.isEmpty { reasons.append("extra keys (\(extra.joined(separator: ", ")))") }
        return reasons
    }

    // The entry's timeout, as written, when it gives the hook longer than ours.
    private static func longerTimeout(of hook: JSONDocument) -> (text: String, seconds: Double)? {
        guard case .number(let text) = hook["timeout"], let seconds = Double(text),
            seconds > Double(timeoutSeconds)
        else { return nil }
        return (text, seconds)
    }

    /// `document` without any entry of ours under any event, and the events they were removed from.
    ///
    /// Groups, event lists and the `hooks` object are dropped when removing our entries empties them.
    public static func uninstall(from document: JSONDocument) throws(SettingsShapeError)
        -> (document: JSONDocument, events: [String])
    {
        guard let hooks = try hooksObject(of: document), let members = hooks.members else {
            return (document, [])
        }
        var removedFrom: [String] = []
        var keptMembers: [JSONDocument.Member] = []
        for member in members {
            guard let groups = member.value.elements else {
                keptMembers.append(member)
                continue
            }
            var keptGroups: [JSONDocument] = []
            for group in groups {
                guard let entries = group["hooks"]?.elements else {
                    keptGroups.append(group)
                    continue
                }
                let remaining = entries.filter { !isOurs($0) }
                if remaining.count == entries.count {
                    keptGroups.append(group)
                } else if !remaining.isEmpty {
                    var edited = group
                    edited["hooks"] = .array(remaining)
                    keptGroups.append(edited)
                }
            }
            if keptGroups == groups {
                keptMembers.append(member)
                continue
            }
            if !removedFrom.contains(member.key) { removedFrom.append(member.key) }
            if !keptGroups.isEmpty { keptMembers.append(.init(member.key, .array(keptGroups))) }
        }
        guard !removedFrom.isEmpty else { return (document, []) }
        var document = document
        document["hooks"] = keptMembers.isEmpty ? nil : .object(keptMembers)
        return (document, removedFrom)
    }

    /// Every entry of ours in `document`, in file order, under any event.
    public static func registrations(in document: JSONDocument) throws(SettingsShapeError) -> [Found] {
        guard let members = try hooksObject(of: document)?.members else { return [] }
        var found: [Found] = []
        for member in members {
            for group in member.value.elements ?? [] {
                for hook in group["hooks"]?.elements ?? [] where isOurs(hook) {
                    found.append(
                        Found(
                            event: member.key, matcher: group["matcher"]?.stringValue,
                            command: hook["command"]?.stringValue ?? "", form: form(of: hook)))
                }
            }
        }
        return found
    }

    /// The events under which the old bash logger, `session-logger.sh`, is still registered.
    public static func legacyEvents(in document: JSONDocument) -> [String] {
        guard let members = document["hooks"]?.members else { return [] }
        return members.filter { member in
            (member.value.elements ?? []).contains { group in
                (group["hooks"]?.elements ?? []).contains { hook in
                    hook["command"]?.stringValue.flatMap(ShellWords.programName(of:)) == "session-logger.sh"
                }
            }
        }.map(\.key)
    }

    /// The `hooks` object, nil when there is none, after checking the shape: an object of arrays.
    static func hooksObject(of document: JSONDocument) throws(SettingsShapeError) -> JSONDocument? {
        guard document.members != nil else { throw .topLevelNotObject }
        guard let hooks = document["hooks"], hooks != .null else { return nil }
        guard let members = hooks.members else { throw .hooksNotObject }
        if let odd = members.first(where: { $0.value.elements == nil }) { throw .eventNotArray(odd.key) }
        return hooks
    }

    private static func isOurs(_ hook: JSONDocument) -> Bool {
        guard let command = hook["command"]?.stringValue else { return false }
        guard form(of: hook) == .exec else { return isLoggerCommand(command) }
        // In exec form the command is a path taken as it is, spaces and quotes included.
        return command.split(separator: "/", omittingEmptySubsequences: false).last == Substring(loggerName)
    }

    // A group without a matcher, or with "" or "*", runs for every tool or source.
    private static func matchesEverything(_ group: JSONDocument) -> Bool {
        guard let matcher = group["matcher"] else { return true }
        return matcher == .string("") || matcher == .string("*") || matcher == .null
    }
}
