import SessionLogCore

/// Sessions from the hook log and the usage ledger, so a session whose transcript Claude Code has
/// deleted can still be found by project and date. Only the days whose files changed since the last
/// refresh are read.
extension SessionIndex {
    /// Reads the hook-log and ledger days of `directories` whose files are new or changed; whether
    /// the index changed.
    mutating func refreshLogs(directories: [String], source: LogSource, localDays: LocalDayResolver) -> Bool {
        var changed = false
        var seen = Set<String>()
        for directory in directories {
            var logDays = Set<CivilDate>()
            var ledgerDays = Set<CivilDate>()
            for entry in FileAccess.entries(of: directory) ?? [] where entry.kind == .file {
                let name = entry.name
                let isLedger: Bool
                let date: CivilDate
                if let day = LogFileName.date(of: name, prefix: LogFileName.activityPrefix)
                    ?? LogFileName.date(of: name, prefix: LogFileName.rollupPrefix)
                {
                    (isLedger, date) = (false, day)
                } else if LogFileName.date(of: name, prefix: LogFileName.usageRollupPrefix) == nil,
                    let day = LogFileName.date(of: name, prefix: LogFileName.usagePrefix)
                {
                    (isLedger, date) = (true, day)
                } else {
                    continue
                }
                let path = TranscriptRoots.join(directory, name)
                seen.insert(path)
                guard let status = FileAccess.status(path, followLink: false) else { continue }
                let mark = LogFileMark(size: status.size, device: status.device, inode: status.inode)
                if logFiles[path] == mark { continue }
                logFiles[path] = mark
                changed = true
                if isLedger { ledgerDays.insert(date) } else { logDays.insert(date) }
            }
            for day in logDays {
                _ = source.read([directory], day...day, localDays, fields: .cwd) { entry in
                    guard !entry.sessionID.isEmpty else { return }
                    var session = sessions[entry.sessionID] ?? IndexedSession(id: entry.sessionID)
                    session.noteTime(entry.timestamp)
                    session.noteTime(entry.lastTimestamp)
                    session.noteFolder(entry.cwd ?? "")
                    if session.project.isEmpty, let project = entry.project { session.project = project }
                    sessions[entry.sessionID] = session
                }
            }
            if !ledgerDays.isEmpty {
                // A request counts for its local day, which may be the file's day before or after.
                var reader = UsageLedgerReader(directories: [directory], localDays: localDays)
                for day in ledgerDays {
                    _ = reader.read(days: day.adding(days: -1)...day.adding(days: 1)) { record in
                        guard !record.sessionID.isEmpty else { return }
                        var session = sessions[record.sessionID] ?? IndexedSession(id: record.sessionID)
                        session.noteTime(record.timestamp)
                        session.noteFolder(record.cwd)
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
