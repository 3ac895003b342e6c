/// Where Claude Code keeps its transcripts: the `projects` folders to read.
public enum TranscriptRoots {
    /// The folders to read: `explicit` (`--transcripts`, repeatable) when given; else the `projects`
    /// folder of each comma-separated entry of `CLAUDE_CONFIG_DIR`, as Claude Code takes it; else
    /// `~/.claude/projects` and `~/.config/claude/projects` (the newer default).
    public static func resolve(explicit: [String], variables: (String) -> String?) -> [String] {
        if !explicit.isEmpty { return explicit }
        if let configured = variables("CLAUDE_CONFIG_DIR") {
            let entries = configured.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            if !entries.isEmpty { return entries.map { join($0, "projects") } }
        }
        guard let home = variables("HOME") else { return [] }
        return [join(home, ".claude/projects"), join(home, ".config/claude/projects")]
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
