/// What a search tells on stderr: files it could not read, lines it skipped, no transcripts at all.
extension SearchOutcome {
    /// Warnings and notes, one per line; empty when there is nothing to say.
    func notes(roots: [String]) -> String {
        var text = ""
        for warning in warnings { text += "warning: " + VisibleText.escape(warning) + "\n" }
        for path in unreadable { text += "warning: cannot read " + VisibleText.escape(path) + "\n" }
        if skippedLines > 0 {
            let lines =
                skippedLines == 1
                ? "1 transcript line that is"
                : "\(NumberFormat.grouped(skippedLines)) transcript lines that are"
            text += "note: skipped \(lines) not well-formed JSON or too long to read\n"
        }
        if refresh.transcriptsFound == 0 {
            let folders = roots.map(VisibleText.escape).joined(separator: ", ")
            text +=
                "note: no Claude Code transcripts in "
                + (folders.isEmpty ? "(no folder: HOME is not set)" : folders) + "\n"
        }
        return text
    }
}
