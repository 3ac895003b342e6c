/// The shell line that resumes a Claude Code session: `cd 'DIR' && claude --resume ID`.
///
/// `claude --resume` only finds a session from the directory it ran in, so the line changes there
/// first; with no directory known it is just `claude --resume ID`. Words are quoted for a POSIX shell.
public enum ResumeCommand {
    /// The line for session `id`, run from `cwd` when known (nil or empty: not known).
    public static func line(sessionID id: String, cwd: String?) -> String {
        let resume = "claude --resume " + word(id)
        guard let cwd, !cwd.isEmpty else { return resume }
        return "cd " + singleQuoted(cwd) + " && " + resume
    }

    /// `text` in single quotes, each `'` inside written as `'\''`: the shell takes every other byte literally.
    public static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// `text` as one shell word: unchanged when it holds only letters, digits and `-._`, else single-quoted.
    public static func word(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "-._".unicodeScalars.contains(scalar))
            }
        return plain ? text : singleQuoted(text)
    }
}
