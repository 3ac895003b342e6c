/// Files in a home directory that the audit treats specially, recognised by their path's text:
/// shell start-up files (anything written there runs in every new shell) and the files Claude
/// Code keeps for itself under `~/.claude/`.
///
/// A home directory is `~`, `/Users/NAME`, `/home/NAME` or `/root`; the real one is not known here.
public enum HomePath {
    /// Start-up files of bash, zsh, sh and fish, relative to a home directory.
    static let shellStartupFiles: Set<String> = [
        ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zshenv",
        ".zprofile", ".zlogin", ".zlogout", ".kshrc", ".cshrc", ".tcshrc", ".config/fish/config.fish",
    ]

    /// Whether `path` names a shell start-up file in a home directory, such as `~/.bashrc`.
    public static func isShellStartupFile(_ path: String) -> Bool {
        guard let rest = insideHome(path) else { return false }
        return shellStartupFiles.contains(rest.joined(separator: "/"))
    }

    /// Whether `path` is a file Claude Code writes for itself: a plan (`~/.claude/plans/…`), a todo
    /// list (`~/.claude/todos/…`), auto memory (`~/.claude/projects/<project>/memory/…`) or the
    /// user's memory file `~/.claude/CLAUDE.md`.
    public static func isClaudeCodeOwnFile(_ path: String) -> Bool {
        guard let rest = insideHome(path), rest.count >= 2, rest[0] == ".claude" else { return false }
        switch rest[1] {
        case "plans", "todos": return rest.count >= 3
        case "CLAUDE.md": return rest.count == 2
        case "projects": return rest.count >= 5 && rest[3] == "memory"
        default: return false
        }
    }

    /// The components of `path` after its home directory, or nil when it is not in one.
    static func insideHome(_ path: String) -> [Substring]? {
        let components = LexicalPath.components(path)
        guard let first = components.first else { return nil }
        if path.hasPrefix("~/") && first == "~" { return Array(components.dropFirst()) }
        if path.hasPrefix("$HOME/") && first == "$HOME" { return Array(components.dropFirst()) }
        if path.hasPrefix("${HOME}/") && first == "${HOME}" { return Array(components.dropFirst()) }
        guard path.hasPrefix("/") else { return nil }
        if first == "root" { return Array(components.dropFirst()) }
        if (first == "Users" || first == "home") && components.count > 2 {
            return Array(components.dropFirst(2))
        }
        return nil
    }
}
