import SessionLogCore

/// Steps every command takes: answering `--help` and `--version`, and reporting what reading skipped.
extension StatsContext {
    /// Prints the help or the version when `request` asks for one; returns whether it did.
    public func answer(_ request: CommonOptions.Request, help: String) -> Bool {
        switch request {
        case .run: return false
        case .help: output(help)
        case .version: output(StatsVersion.line)
        }
        return true
    }

    /// The directories `options` name (see `CommonOptions.logDirectories`); a relative `CLAUDE_LOG_DIR`
    /// is reported on stderr and in the default directory's `logger-errors.log`, as the hook does.
    public func logDirectories(_ options: CommonOptions) throws(UsageError) -> [String] {
        let directories = try options.logDirectories(variables: variables)
        if let problem = options.logDirectoryProblem(variables: variables) {
            errorOutput("error: " + problem + "\n")
            if let directory = directories.first {
                let line = Timestamp.now().iso8601 + " session-stats: error: " + problem + "\n"
                try? AppendWriter.append(Array(line.utf8), to: directory + "/" + LogFileName.loggerErrors)
            }
        }
        return directories
    }

    /// Warns on stderr about skipped lines (with file:line for the first few), unreadable paths and,
    /// unless every directory is missing (the report says so itself), missing directories.
    public func warn(about diagnostics: ReadDiagnostics, directoryCount: Int) {
        var text = ""
        // Warnings name files and quote what the lines held: made visible like the reports.
        for warning in diagnostics.warnings { text += "warning: " + VisibleText.escape(warning) + "\n" }
        if diagnostics.suppressedWarnings > 0 {
            let more = diagnostics.suppressedWarnings
            let skipped = diagnostics.skipped
            text +=
                "warning: \(NumberFormat.grouped(more)) more \(more == 1 ? "problem" : "problems") not shown; "
            text += "\(NumberFormat.grouped(skipped)) \(skipped == 1 ? "record" : "records") skipped in all\n"
        }
        if diagnostics.missingDirectories.count < directoryCount {
            for directory in diagnostics.missingDirectories {
                text += "warning: no log directory at " + VisibleText.escape(directory) + "\n"
            }
        }
        if !text.isEmpty { errorOutput(text) }
    }

    /// The message for a range with nothing in it: where was looked, and what to do if nothing is logged yet.
    public func nothingFound(in directories: [String], diagnostics: ReadDiagnostics, what: String) -> String {
        if diagnostics.missingDirectories.count == directories.count {
            let names = VisibleText.escape(directories.joined(separator: ", "))
            let verb = directories.count == 1 ? "does not exist" : "do not exist"
            return "No logs found: \(names) \(verb).\n"
                + "Enable the session-logger hook to start collecting them: session-stats hooks install\n"
        }
        return "No \(what) in \(VisibleText.escape(directories.joined(separator: ", "))).\n"
    }
}
