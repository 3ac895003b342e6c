import SessionLogCore

/// Sessions from the hook log and the usage ledger, so a session whose transcript Claude Code has
/// deleted can still be found by project and date. Only the days whose files changed since the last
/// refresh are read.
extension SessionIndex {
    /// A hook-log or ledger file of a log directory and what `stat` said of it.
    struct LogFileEntry: Sendable {
        /// The directory it is in.
        var directory: String
        /// Its path.
        var path: String
        /// Its local day.
        var date: CivilDate
        /// What it holds: hook-log lines, ledger requests, or roll-up rows (marked, never read here).
        var kind: Kind
        /// Its size, device and inode.
        var mark: LogFileMark

        /// What a log file holds.
        enum Kind: Sendable { case hookLog, ledger, usageRollup }
    }

    /// The hook-log, ledger and usage roll-up files of `directories`, one `stat` each.
    static func logFiles(in directories: [String]) -> [LogFileEntry] {
        var found: [LogFileEntry] = []
        for directory in directories {
            for entry in FileAccess.entries(of: directory) ?? [] where entry.kind == .file {
                let name = entry.name
                let kind: LogFileEntry.Kind
                let date: CivilDate
                if let day = LogFileName.date(of: name, prefix: LogFileName.activityPrefix)
                    ?? LogFileName.date(of: name, prefix: LogFileName.rollupPrefix)
                {
                    (kind, date) = (.hookLog, day)
                } else if let day = LogFileName.date(of: name, prefix: LogFileName.usageRollupPrefix) {
                    (kind, date) = (.usageRollup, day)
                } else if let day = LogFileName.date(of: name, prefix: LogFileName.usagePrefix) {
                    (kind, date) = (.ledger, day)
                } else {
                    continue
                }
                let path = TranscriptRoots.join(directory, name)
                guard let status = FileAccess.status(path, followLink: false) else { continue }
                let mark = LogFileMark(size: status.size, device: status.device, inode: status.inode)
                found.append(
                    LogFileEntry(directory: directory, path: path, date: date, kind: kind, mark: mark))
            }
        }
        return found
    }

    /// Reads the hook-log and ledger days of `directories` whose files are new or changed; whether
    /// the index changed.
    mutating func refreshLogs(directories: [String], source: LogSource, localDays: LocalDayResolver) -> Bool {
        refreshLogs(Self.logFiles(in: directories), source: source, localDays: localDays)
    }

    /// Reads the days of `files` (from `logFiles(in:)`) that are new or changed; whether the index changed.
    mutating func refreshLogs(_ files: [LogFileEntry], source: LogSource, localDays: LocalDayResolver) -> Bool
    {
        var changed = false
        var seen = Set<String>()
        var logDays: [String: Set<CivilDate>] = [:]
        var ledgerDays: [String: Set<CivilDate>] = [:]
        var directories: [String] = []
        for file in files {
            if directories.last != file.directory { directories.append(file.directory) }
            seen.insert(file.path)
            if logFiles[file.path] == file.mark { continue }
            logFiles[file.path] = file.mark
            changed = true
            switch file.kind {
            case .hookLog: logDays[file.directory, default: []].insert(file.date)
            case .ledger: ledgerDays[file.directory, default: []].insert(file.date)
            case .usageRollup: break
            }
        }
        for directory in directories {
            let logDays = logDays[directory] ?? []
            let ledgerDays = ledgerDays[directory] ?? []
            for day in logDays {
                _ = source.read([directory], day...day, localDays, fields: .cwd) { entry in
                    guard !entry.sessionID.isEmpty else { return }
                    var session = sessions[entry.sessionID] ?? IndexedSession(id: entry.sessionID)
                    session.noteTime(entry.timestamp)
                    session.noteTime(entry.lastTimestamp)
                    // The hook's own project, as `sessions` shows it, not the base name of its cwd.
                    session.noteFolder(entry.cwd ?? "", project: entry.project)
                    if session.project.isEmpty, let project = entry.project { session.project = project }
                    sessions[entry.sessionID] = session
                }
            }
            if !ledgerDays.isEmpty {
                // A request counts for its local day, which may be the file's day before or after.
                // Runs of changed days are read at once: a first index reads every file once, not three times.
                var reader = UsageLedgerReader(directories: [directory], localDays: localDays)
                var runs: [ClosedRange<CivilDate>] = []
                for day in ledgerDays.sorted() {
                    if let last = runs.last, last.upperBound.adding(days: 1) == day {
                        runs[runs.count - 1] = last.lowerBound...day
                    } else {
                        runs.append(day...day)
                    }
                }
                for run in runs {
                    _ = reader.read(days: run.lowerBound.adding(days: -1)...run.upperBound.adding(days: 1)) {
                        record in
                        guard !record.sessionID.isEmpty else { return }
                        var session = sessions[record.sessionID] ?? IndexedSession(id: record.sessionID)
                        session.noteTime(record.timestamp)
                        session.noteFolder(record.cwd, project: record.project)
                        if session.project.isEmpty { session.project = record.project }
                        sessions[record.sessionID] = session
                    }
                }
            }
        }
        for path in logFiles.keys where !seen.contains(path) {
            logFiles[path] = nil
            changed = true
        }
        return changed
    }
}
