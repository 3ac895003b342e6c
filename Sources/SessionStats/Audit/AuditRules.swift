import SessionLogCore

/// The audit's matching: pure functions from a log entry to the risky actions it records.
///
/// Only calls that ran are audited (PostToolUse, PostToolUseFailure and legacy entries); rollups
/// keep no commands, files or URLs. Bash commands are read as the shell would split them (see
/// `ShellScript`), so `echo "rm -rf /"` is an echo, not a delete, while `bash -c "rm -rf /"`,
/// `$(…)` and backticks are looked into, since they run. Flags are compared as whole words, so
/// `git push --force-check` or `rm -rfx.txt`-like near misses are not read as `--force`.
public enum AuditRules {
    /// Tools whose `file` is read or written.
    public static let fileTools: Set<String> = ["Read", "Edit", "Write", "MultiEdit", "NotebookEdit"]
    /// Tools whose `file` is written.
    public static let writingTools: Set<String> = ["Edit", "Write", "MultiEdit", "NotebookEdit"]
    /// The optional log fields `findings` reads, with the cwd that tells a session's directory.
    public static let fields: LogFields = [.command, .url, .file, .cwd]
    /// How deep `bash -c`, `eval` and substitutions are followed.
    static let maximumDepth = 4
    /// The longest `match` text kept.
    static let matchLimit = 160

    /// The findings of one entry; `sessionCwd` is the session's working directory when known
    /// (the entry's own `cwd` stands in otherwise).
    public static func findings(in entry: LogEntry, sessionCwd: String? = nil) -> [AuditFinding] {
        guard entry.source != .rollup, entry.isOperation, let tool = entry.tool else { return [] }
        var matches: [Match] = []
        if fileTools.contains(tool), let file = entry.file, !file.isEmpty {
            if let kind = CredentialPath.kind(of: file) { matches.append(Match(.credentialFile, file, kind)) }
            if writingTools.contains(tool) && HomePath.isShellStartupFile(file) {
                matches.append(Match(.shellStartupWrite, file))
            }
            // Claude Code's own plans, todos and memory live in ~/.claude, whatever the project.
            if writingTools.contains(tool), let cwd = sessionCwd ?? entry.cwd, !cwd.isEmpty,
                !LexicalPath.isInside(file, directory: cwd), !HomePath.isClaudeCodeOwnFile(file)
            {
                matches.append(Match(.writeOutsideCwd, file, "cwd " + cwd))
            }
        }
        if tool == "Bash", let command = entry.command, !command.isEmpty {
            matches += commandMatches(command)
        }
        if tool == "WebFetch", let url = entry.url, !url.isEmpty {
            matches.append(Match(.webFetch, url, URLHost.host(of: url)))
        }
        return matches.map { match in
            AuditFinding(
                rule: match.rule, match: clipped(match.text), detail: match.detail,
                timestamp: entry.timestamp,
                sessionID: entry.sessionID, project: entry.project, tool: entry.tool, location: entry.location
            )
        }
    }

    /// One rule matching one piece of text.
    public struct Match: Equatable, Sendable {
        /// The rule.
        public var rule: AuditRule
        /// What matched.
        public var text: String
        /// More about it.
        public var detail: String?

        /// Creates a match.
        public init(_ rule: AuditRule, _ text: String, _ detail: String? = nil) {
            self.rule = rule
            self.text = text
            self.detail = detail
        }
    }

    /// What the rules find in a Bash command, each rule and text once, in the order found.
    public static func commandMatches(_ command: String) -> [Match] {
        var matches: [Match] = []
        inspect(ShellScript(parsing: command), depth: 0, into: &matches)
        var seen: [Match] = []
        for match in matches where !seen.contains(match) { seen.append(match) }
        return seen
    }

    private static func inspect(_ script: ShellScript, depth: Int, into matches: inout [Match]) {
        matches += downloadsRun(in: script)
        for pipeline in script.pipelines {
            let invocations = pipeline.commands.map(ShellInvocation.init)
            if let fetch = invocations.firstIndex(where: { $0.map(isDownload) ?? false }),
                invocations[(fetch + 1)...].contains(where: { $0.map(readsScriptFromInput) ?? false })
            {
                let text = invocations.compactMap { $0?.text }.joined(separator: " | ")
                matches.append(Match(.pipeToShell, text))
            }
            for (command, invocation) in zip(pipeline.commands, invocations) {
                for body in command.substitutions {
                    let inner = ShellScript(parsing: body)
                    if depth < maximumDepth { inspect(inner, depth: depth + 1, into: &matches) }
                    if let invocation, runsCode(invocation),
                        inner.commands.contains(where: { ShellInvocation($0).map(isDownload) ?? false })
                    {
                        matches.append(Match(.pipeToShell, invocation.text))
                    }
                }
                for target in command.outputTargets where HomePath.isShellStartupFile(target) {
                    let program = invocation?.text ?? command.words.joined(separator: " ")
                    matches.append(
                        Match(.shellStartupWrite, (program.isEmpty ? "" : program + " ") + "> " + target))
                }
                guard let invocation else { continue }
                inspect(invocation, redirections: command.redirectionTargets, depth: depth, into: &matches)
            }
        }
    }

    private static func inspect(
        _ invocation: ShellInvocation, redirections: [String], depth: Int, into matches: inout [Match]
    ) {
        let text = invocation.text
        if invocation.isPrivileged { matches.append(Match(.sudo, text)) }
        let arguments = invocation.arguments
        switch invocation.name {
        case "rm":
            if let rule = removeRule(arguments) { matches.append(Match(rule, text)) }
        case "git":
            if let rule = gitRule(arguments) { matches.append(Match(rule, text)) }
        case "find":
            if let rule = findRule(arguments) { matches.append(Match(rule, text)) }
        case "tee":
            if arguments.contains(where: { !$0.hasPrefix("-") && HomePath.isShellStartupFile($0) }) {
                matches.append(Match(.shellStartupWrite, text))
            }
        case "dd":
            if arguments.contains(where: writesToDevice) { matches.append(Match(.ddToDevice, text)) }
        case "mkfs", "mke2fs":
            matches.append(Match(.makeFilesystem, text))
        case "chmod":
            if isRecursiveWorldWritable(arguments) { matches.append(Match(.chmodWorldWritable, text)) }
        case "eval":
            if depth < maximumDepth {
                inspect(
                    ShellScript(parsing: arguments.joined(separator: " ")), depth: depth + 1, into: &matches)
            }
        default:
            if invocation.name.hasPrefix("mkfs.") { matches.append(Match(.makeFilesystem, text)) }
            if let script = invocation.inlineScript, depth < maximumDepth {
                inspect(ShellScript(parsing: script), depth: depth + 1, into: &matches)
            }
        }
        // A word starting with a backslash is a pattern (`grep '\.env'`), not a path.
        for word in arguments + redirections where !word.contains("://") && !word.hasPrefix("\\") {
            let value = word.firstIndex(of: "=").map { String(word[word.index(after: $0)...]) }
            if let candidate = [word, value].compactMap({ $0 }).first(where: {
                CredentialPath.kind(of: $0) != nil
            }) {
                matches.append(Match(.credentialInCommand, candidate, CredentialPath.kind(of: candidate)))
                break
            }
        }
    }

    /// `.removeRoot` for `rm -r` of a dangerous target (or `--no-preserve-root`), `.recursiveRemove`
    /// for any other `rm -rf`, nil otherwise.
    static func removeRule(_ arguments: [String]) -> AuditRule? {
        var recursive = false
        var force = false
        var noPreserveRoot = false
        var targets: [String] = []
        var optionsEnded = false
        for argument in arguments {
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                targets.append(argument)
            } else if argument == "--" {
                optionsEnded = true
            } else if argument.hasPrefix("--") {
                switch argument {
                case "--recursive": recursive = true
                case "--force": force = true
                case "--no-preserve-root": noPreserveRoot = true
                default: break
                }
            } else {
                for letter in argument.dropFirst() {
                    if letter == "r" || letter == "R" { recursive = true }
                    if letter == "f" { force = true }
                }
            }
        }
        guard recursive, !targets.isEmpty else { return nil }
        if noPreserveRoot || targets.contains(where: isDangerousTarget) { return .removeRoot }
        return force ? .recursiveRemove : nil
    }

    /// `.removeRoot` for `find` from a dangerous starting point that deletes what it finds
    /// (`-delete`, `-exec rm …`, `-execdir rm …`), `.recursiveRemove` from any other, nil otherwise.
    static func findRule(_ arguments: [String]) -> AuditRule? {
        // Starting points come before the first test, action or operator.
        let starts = arguments.prefix { !$0.hasPrefix("-") && $0 != "(" && $0 != "!" && $0 != "\\(" }
        var deletes = arguments.contains("-delete")
        for (index, argument) in arguments.enumerated()
        where (argument == "-exec" || argument == "-execdir" || argument == "-ok")
            && index + 1 < arguments.count
        {
            if ShellInvocation.baseName(arguments[index + 1]) == "rm" { deletes = true }
        }
        guard deletes else { return nil }
        // With no starting point find searches `.`.
        return starts.contains(where: isDangerousTarget) ? .removeRoot : .recursiveRemove
    }

    /// Directories whose recursive removal wrecks a system.
    static let systemDirectories: Set<String> = [
        "bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "opt", "proc", "root", "run", "sbin",
        "srv",
        "sys", "usr", "var", "Users", "System", "Library", "Applications",
    ]

    /// `/`, `/*`, a top-level system directory, `~`, `~/`, `~user`, `$HOME`, `${HOME}/*`, `..`, `../..`.
    static func isDangerousTarget(_ target: String) -> Bool {
        var text = Substring(target)
        while true {
            if text.hasSuffix("/*") || text.hasSuffix("/.") {
                text = text.dropLast(2)
            } else if text.hasSuffix("/") {
                text = text.dropLast()
            } else {
                break
            }
        }
        if text.isEmpty { return target.hasPrefix("/") }
        if text == "~" || text == "$HOME" || text == "${HOME}" { return true }
        if text.hasPrefix("~") && !text.contains("/") { return true }
        let components = text.split(separator: "/").filter { $0 != "." }
        if !components.isEmpty && components.allSatisfy({ $0 == ".." }) { return true }
        return text.hasPrefix("/") && components.count == 1
            && systemDirectories.contains(String(components[0]))
    }

    /// Global options of `git` that take the next word as their value.
    static let gitValuedOptions: Set<String> = [
        "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env",
    ]

    /// `.forcePush`, `.forceWithLease` or `.hardReset` for the arguments of `git`, or nil.
    static func gitRule(_ arguments: [String]) -> AuditRule? {
        var words = arguments[...]
        while let first = words.first, first.hasPrefix("-") {
            words = words.dropFirst()
            if gitValuedOptions.contains(first) { words = words.dropFirst() }
        }
        guard let subcommand = words.first else { return nil }
        let rest = words.dropFirst()
        switch subcommand {
        case "push":
            var lease = false
            for argument in rest {
                if argument == "--force" || argument == "-f" { return .forcePush }
                if argument == "--force-with-lease" || argument.hasPrefix("--force-with-lease=") {
                    lease = true
                } else if argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 1 {
                    let letters = argument.dropFirst()
                    if letters.allSatisfy({ $0.isASCII && $0.isLetter }) && letters.contains("f") {
                        return .forcePush
                    }
                } else if argument.hasPrefix("+") && argument.count > 1 {
                    return .forcePush
                }
            }
            return lease ? .forceWithLease : nil
        case "reset":
            return rest.contains("--hard") ? .hardReset : nil
        case "clean":
            var force = false
            for argument in rest {
                if argument == "-n" || argument == "--dry-run" { return nil }
                if argument == "--force" { force = true }
                if argument.hasPrefix("-") && !argument.hasPrefix("--") {
                    if argument.contains("n") { return nil }
                    if argument.contains("f") { force = true }
                }
            }
            return force ? .gitClean : nil
        default:
            return nil
        }
    }

    /// Device files dd may write to harmlessly.
    static let harmlessDevices: Set<String> = [
        "/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/tty",
    ]

    /// `of=/dev/…`, other than the harmless devices, `/dev/fd/…` and `/dev/shm/…`.
    static func writesToDevice(_ argument: String) -> Bool {
        guard argument.hasPrefix("of=/dev/") else { return false }
        let device = String(argument.dropFirst(3))
        return !harmlessDevices.contains(device) && !device.hasPrefix("/dev/fd/")
            && !device.hasPrefix("/dev/shm/")
    }

    /// Modes that let anyone write.
    static let worldWritableModes: Set<String> = ["777", "0777", "a+rwx", "ugo+rwx", "a=rwx", "ugo=rwx"]

    /// `chmod -R 777 …` in any order, `--recursive` included.
    static func isRecursiveWorldWritable(_ arguments: [String]) -> Bool {
        let recursive = arguments.contains { argument in
            argument == "--recursive"
                || (argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.contains("R"))
        }
        return recursive && arguments.contains(where: worldWritableModes.contains)
    }

    /// Each file a `curl` or `wget` of `script` saved that a later command of it runs: with a shell
    /// (`bash x.sh`), `source`/`.`, or as a program (`./x.sh`, `/tmp/x.sh`).
    static func downloadsRun(in script: ShellScript) -> [Match] {
        var downloads: [(file: String, text: String)] = []
        var matches: [Match] = []
        for command in script.commands {
            guard let invocation = ShellInvocation(command) else { continue }
            if isDownload(invocation) {
                for file in savedFiles(invocation) { downloads.append((file, invocation.text)) }
                continue
            }
            // A program run by path: `./x.sh`, `/tmp/x.sh`.
            let program = command.words.first {
                $0.contains("/") && ShellInvocation.baseName($0) == invocation.name
            }
            guard !downloads.isEmpty, let run = ranFile(invocation) ?? program else { continue }
            for download in downloads where sameFile(download.file, run) {
                matches.append(Match(.downloadThenRun, download.text + " … " + invocation.text))
                break
            }
        }
        return matches
    }

    /// The files a `curl` or `wget` invocation writes: `-o F`, `--output F`, `-O` (the URL's last
    /// component) for curl; `-O F`, `--output-document=F`, or the URL's last component for wget.
    static func savedFiles(_ invocation: ShellInvocation) -> [String] {
        let arguments = invocation.arguments
        let urls = arguments.filter { $0.contains("://") }
        let remoteNames = urls.compactMap { url -> String? in
            let path = url.split(separator: "?").first.map(String.init) ?? url
            guard let last = path.split(separator: "/").last, !path.hasSuffix("/"), last.contains(".") else {
                return nil
            }
            return String(last)
        }
        var files: [String] = []
        var named = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch invocation.name {
            case "curl":
                let isCluster = argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 2
                if argument == "-o" || argument == "--output" || (isCluster && argument.hasSuffix("o")),
                    let next
                {
                    files.append(next)
                    index += 1
                } else if argument.hasPrefix("--output=") {
                    files.append(String(argument.dropFirst(9)))
                } else if argument == "-O" || argument == "--remote-name" || argument == "--remote-name-all"
                    || (isCluster && argument.hasSuffix("O"))
                {
                    files += remoteNames
                } else if argument.hasPrefix("-o") && argument.count > 2 && !argument.hasPrefix("--") {
                    files.append(String(argument.dropFirst(2)))
                }
            default:
                if argument == "-O" || argument == "--output-document", let next {
                    files.append(next)
                    named = true
                    index += 1
                } else if argument.hasPrefix("--output-document=") {
                    files.append(String(argument.dropFirst(18)))
                    named = true
                } else if argument.hasPrefix("-O") && argument.count > 2 {
                    files.append(String(argument.dropFirst(2)))
                    named = true
                }
            }
            index += 1
        }
        if invocation.name == "wget" && !named { files += remoteNames }
        return files.filter { $0 != "-" && $0 != "/dev/null" }
    }

    /// The file an invocation runs as a script or program, or nil.
    private static func ranFile(_ invocation: ShellInvocation) -> String? {
        if ShellInvocation.shells.contains(invocation.name) {
            guard invocation.inlineScript == nil else { return nil }
            return invocation.arguments.first { !$0.hasPrefix("-") && !$0.hasPrefix("+") }
        }
        if invocation.name == "source" || invocation.name == "." { return invocation.arguments.first }
        return nil
    }

    /// Whether a saved file and a run file are the same, by path; a bare program name (`x.sh`,
    /// found on `PATH`) is not a run of `./x.sh`.
    private static func sameFile(_ saved: String, _ run: String) -> Bool {
        LexicalPath.components(saved) == LexicalPath.components(run)
    }

    /// Tools that download.
    static let downloaders: Set<String> = ["curl", "wget"]

    private static func isDownload(_ invocation: ShellInvocation) -> Bool {
        downloaders.contains(invocation.name)
    }

    /// A shell that reads its script from stdin: no `-c` and no script file, or `-s`.
    private static func readsScriptFromInput(_ invocation: ShellInvocation) -> Bool {
        guard ShellInvocation.shells.contains(invocation.name), invocation.inlineScript == nil else {
            return false
        }
        let operand = invocation.arguments.first { !$0.hasPrefix("-") && !$0.hasPrefix("+") }
        return operand == nil || invocation.arguments.contains("-s") || operand == "-"
    }

    /// A shell, `source`, `.` or `eval`: commands that run text as code.
    private static func runsCode(_ invocation: ShellInvocation) -> Bool {
        ShellInvocation.shells.contains(invocation.name) || ["source", ".", "eval"].contains(invocation.name)
    }

    private static func clipped(_ text: String) -> String {
        guard text.count > matchLimit else { return text }
        return String(text.prefix(matchLimit - 1)) + "…"
    }
}
