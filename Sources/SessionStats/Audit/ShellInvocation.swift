/// The program a simple command runs and its arguments, once assignments, reserved words and
/// wrappers such as `sudo`, `env`, `nohup` or `xargs` are taken off.
public struct ShellInvocation: Equatable, Sendable {
    /// The program's base name: `rm` for `/bin/rm`.
    public var name: String
    /// The words after the program.
    public var arguments: [String]
    /// The wrappers it ran under, in order, e.g. `["sudo", "env"]`.
    public var wrappers: [String]

    /// Whether it ran under `sudo` or `doas`.
    public var isPrivileged: Bool { wrappers.contains("sudo") || wrappers.contains("doas") }

    /// Shells that run a script from stdin or from `-c`.
    public static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "mksh", "fish"]

    /// Resolves `command`; nil when it runs no program (only assignments, say).
    public init?(_ command: ShellScript.SimpleCommand) {
        var words = command.words[...]
        var wrappers: [String] = []
        while let first = words.first {
            if ShellInvocation.reservedWords.contains(first) || ShellInvocation.isAssignment(first) {
                words = words.dropFirst()
                continue
            }
            let name = ShellInvocation.baseName(first)
            guard let valued = ShellInvocation.wrapperOptionsWithValues[name] else { break }
            wrappers.append(name)
            words = ShellInvocation.droppingOptions(of: words.dropFirst(), valued: valued, wrapper: name)
        }
        guard let program = words.first else { return nil }
        name = ShellInvocation.baseName(program)
        arguments = Array(words.dropFirst())
        self.wrappers = wrappers
    }

    /// The script a shell runs with `-c` (also `-ec`, `-lc`, …), or nil.
    public var inlineScript: String? {
        guard ShellInvocation.shells.contains(name) else { return nil }
        var sawC = false
        for argument in arguments {
            if argument.hasPrefix("-") || argument.hasPrefix("+"), argument != "-", argument != "--" {
                if !argument.hasPrefix("--") && argument.contains("c") { sawC = true }
                continue
            }
            return sawC ? argument : nil
        }
        return nil
    }

    /// The words as the command line shows them: wrappers, program and arguments.
    public var text: String { (wrappers + [name] + arguments).joined(separator: " ") }

    /// `rm` for `/usr/bin/rm`.
    static func baseName(_ word: String) -> String {
        guard let slash = word.lastIndex(of: "/"), word.index(after: slash) < word.endIndex else {
            return word
        }
        return String(word[word.index(after: slash)...])
    }

    /// `NAME=value`.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word.utf8[..<equals]
        guard let first = name.first, !isDigit(first) else { return false }
        return name.allSatisfy { isDigit($0) || $0 == UInt8(ascii: "_") || ($0 | 0x20) &- 0x61 < 26 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Words that start a command without being its program.
    static let reservedWords: Set<String> = [
        "!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until",
    ]

    /// Programs that run the command after their own options, and those options that take a value.
    static let wrapperOptionsWithValues: [String: Set<String>] = [
        "sudo": [
            "-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-T", "-U", "-R", "--user", "--group", "--host",
            "--prompt", "--close-from", "--chdir", "--role", "--type", "--command-timeout", "--other-user",
            "--chroot",
        ],
        "doas": ["-u", "-C"],
        "env": ["-u", "-C", "-S", "--unset", "--chdir", "--split-string"],
        "nohup": [],
        "exec": ["-a"],
        "command": [],
        "builtin": [],
        "time": ["-f", "-o", "--format", "--output"],
        "nice": ["-n", "--adjustment"],
        "ionice": ["-c", "-n", "-p", "--class", "--classdata"],
        "timeout": ["-k", "-s", "--kill-after", "--signal"],
        "stdbuf": ["-i", "-o", "-e", "--input", "--output", "--error"],
        "xargs": [
            "-I", "-i", "-n", "-P", "-L", "-l", "-d", "-E", "-e", "-s", "-a", "--max-args", "--max-procs",
            "--max-lines", "--delimiter", "--eof", "--max-chars", "--arg-file", "--replace",
        ],
        "watch": ["-n", "-d", "--interval"],
    ]

    /// `words` without the wrapper's options (and, for `env`, assignments; for `timeout`, the duration).
    private static func droppingOptions(
        of words: ArraySlice<String>, valued: Set<String>, wrapper: String
    ) -> ArraySlice<String> {
        var words = words
        while let word = words.first {
            if word == "--" {
                words = words.dropFirst()
                break
            }
            if wrapper == "env" && isAssignment(word) {
                words = words.dropFirst()
                continue
            }
            guard word.hasPrefix("-"), word != "-" else { break }
            words = words.dropFirst()
            if word.contains("=") { continue }
            if word.hasPrefix("--") || word.count == 2 {
                if valued.contains(word) { words = words.dropFirst() }
                continue
            }
            // `-n1` carries its value; a cluster ending in a valued option (`-iu root`) takes the next word.
            let letters = Array(word.dropFirst())
            if !valued.contains("-" + String(letters[0]))
                && valued.contains("-" + String(letters[letters.count - 1]))
            {
                words = words.dropFirst()
            }
        }
        if wrapper == "timeout", !words.isEmpty { words = words.dropFirst() }
        return words
    }
}
