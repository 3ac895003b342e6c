import SessionLogCore

/// Rolls old activity files up into rollups and removes them, so that a run killed at any point
/// and run again neither loses nor double-counts anything.
///
/// For each day, oldest first: read the day's rollup if there is one (lines that reached
/// the activity file after an earlier rotate are merged into it, never replace it), read the bytes
/// of the activity file the rollup does not hold yet (its `RollupSource` markers say which), keep
/// the lines that cannot be read in `quarantine-D.jsonl`, write the merged rollup, with a marker
/// for the whole activity file, to a temporary file, sync it, rename it into place, sync the
/// directory; then, holding the activity file's exclusive `flock` (hooks append under a shared
/// one) only for this last step, merge the lines appended meanwhile the same way and remove the
/// activity file. Killed before the rename, the activity file
/// is intact and the old rollup too; killed after it, the new rollup's marker says it holds the whole
/// activity file, so reports and the next run read none of it twice. A directory lock keeps two
/// rotates apart.
public enum Rotation {
    /// What rolling up one day did.
    public struct DayOutcome: Equatable, Sendable {
        /// The day of the activity file.
        public var date: CivilDate
        /// The lines rolled up (every usable line, `invalid` hook lines included).
        public var lines: Int
        /// The rows written.
        public var rows: Int
        /// Records the reader could not use; their lines are kept in the day's quarantine file.
        public var skipped: Int
        /// Whether the lines were merged into a rollup that was there already.
        public var mergedRollup: Bool
        /// Lines added to `quarantine-D.jsonl`.
        public var quarantinedLines: Int = 0
    }

    /// One thing `run` did, reported as it happens.
    public enum Step: Equatable, Sendable {
        /// A temporary file of an interrupted run was removed.
        case removedLeftover(String)
        /// A day was rolled up and its activity file removed.
        case rolledUp(DayOutcome)
        /// `logger-errors.log` was trimmed; the bytes removed.
        case trimmedErrorLog(removedBytes: Int)
        /// A usage-ledger file was rolled up and removed.
        case rolledUpUsage(UsageRotation.DayOutcome)
        /// A status-line capture file was rolled up and removed.
        case rolledUpStatus(StatusRotation.DayOutcome)
        /// The usage files' requests were attributed into `attribution-rollup.jsonl`.
        case attributed(AttributionRotation.Outcome)
    }

    /// How many times an activity file that changed while it was read is read again.
    static let attempts = 3

    /// Locks `directory`, plans rotation to keep `keepDays` days up to `today`, and carries it out,
    /// calling `report` after each step; returns the plan. Stops at the first failure. Usage-ledger
    /// files are rolled up too when `usagePrices` (which decide long-context billing) is given.
    @discardableResult
    public static func run(
        directory: String, keepDays: Int, today: CivilDate, localDays: LocalDayResolver,
        usagePrices: PriceTable? = nil, report: (Step) -> Void = { _ in }
    ) throws(RotationError) -> RotationPlan {
        let descriptor = try lock(directory)
        defer { try? descriptor.close() }
        let plan = try RotationPlan.make(directory: directory, keepDays: keepDays, today: today)
        for name in plan.leftovers {
            let path = RotationPlan.join(directory, name)
            do throws(Errno) {
                try FileSystem.remove(path)
            } catch  where error != .noSuchFile {
                throw .remove(path, errno: error.code)
            } catch {}
            report(.removedLeftover(name))
        }
        if let usagePrices, !plan.usageDays.isEmpty,
            let outcome = try AttributionRotation.run(
                directory: directory, firstKept: plan.firstKept, table: usagePrices, localDays: localDays,
                directoryDescriptor: descriptor)
        {
            // Before any activity or usage file goes: attribution needs both.
            report(.attributed(outcome))
        }
        for date in plan.days {
            report(
                .rolledUp(
                    try rollUp(date, in: directory, descriptor: descriptor, localDays: localDays)))
        }
        if let usagePrices, !plan.usageDays.isEmpty {
            try UsageRotation.run(
                directory: directory, firstKept: plan.firstKept, table: usagePrices, localDays: localDays,
                directoryDescriptor: descriptor
            ) { report(.rolledUpUsage($0)) }
        }
        for date in plan.statusDays {
            report(
                .rolledUpStatus(
                    try StatusRotation.rollUp(date, in: directory, directoryDescriptor: descriptor)))
        }
        if plan.hasErrorLog {
            let path = RotationPlan.join(directory, LogFileName.loggerErrors)
            let temporary = RotationPlan.join(directory, RotationPlan.temporaryErrorLogName)
            if let removed = try ErrorLogTrim.trim(
                path, temporary: temporary, keeping: RotationPlan.errorLogLines, directory: descriptor)
            {
                report(.trimmedErrorLog(removedBytes: removed))
            }
        }
        return plan
    }

    /// Bytes `logger-errors.log` in `directory` would lose, or nil when it is absent or short enough.
    public static func errorLogExcess(in directory: String) -> Int? {
        let path = RotationPlan.join(directory, LogFileName.loggerErrors)
        guard let descriptor = try? FileDescriptor.open(path, .readOnly) else { return nil }
        defer { try? descriptor.close() }
        guard let info = try? descriptor.status() else { return nil }
        return ErrorLogTrim.cutOffset(descriptor, size: info.size, keeping: RotationPlan.errorLogLines)
    }

    /// Opens `directory` and takes its exclusive lock, without waiting.
    static func lock(_ directory: String) throws(RotationError) -> FileDescriptor {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(directory, .readOnly, options: .directory)
        } catch {
            throw error == .noSuchFile
                ? .missingDirectory(directory) : .unreadableDirectory(directory, errno: error.code)
        }
        guard (try? descriptor.lock(.exclusive, wait: false)) == true else {
            try? descriptor.close()
            throw .busy(directory)
        }
        return descriptor
    }

    /// Merges the lines of `date`'s activity file that its rollup does not hold yet into the rollup,
    /// keeps unreadable lines in quarantine, then removes the activity file.
    ///
    /// The file is read and the rollup written without a lock, so hooks keep appending meanwhile;
    /// only the final check-and-remove holds the file's exclusive lock: under it, the lines
    /// appended since (few, and the rollup's marker says which) are merged, and the file removed.
    /// So a hook waits for the lock only that long, well under its 1.5-second limit.
    static func rollUp(
        _ date: CivilDate, in directory: String, descriptor: FileDescriptor, localDays: LocalDayResolver,
        stop: (RollUpStep) -> Bool = { _ in false }
    ) throws(RotationError) -> DayOutcome {
        let name = LogFileName.activity(date)
        let activity = RotationPlan.join(directory, name)
        for _ in 0..<attempts {
            let file: FileDescriptor
            do throws(AppendError) {
                file = try SafeFile.openForUpdate(activity)
            } catch {
                throw .access(error)
            }
            defer { try? file.close() }
            let status: FileStatus
            do throws(Errno) {
                status = try file.status()
            } catch {
                throw .write(activity, errno: error.code)
            }
            guard AppendWriter.isAtName(status, name: name, in: descriptor) else { continue }
            // Up to the last newline: a hook may be writing the line after it right now.
            let complete = completeLines(file, size: status.size)
            var outcome = try writeRollup(
                date, activity: file, size: complete, in: directory, descriptor: descriptor,
                localDays: localDays, stop: stop)
            if stop(.renamed) { return outcome }
            let locked: FileStatus
            do throws(Errno) {
                _ = try file.lock(.exclusive)
                locked = try file.status()
            } catch {
                throw .write(activity, errno: error.code)
            }
            // Replaced meanwhile: the rollup holds the old file's bytes; start again with the new one.
            guard AppendWriter.isAtName(locked, name: name, in: descriptor) else { continue }
            if locked.size != complete {
                let late = try writeRollup(
                    date, activity: file, size: locked.size, in: directory, descriptor: descriptor,
                    localDays: localDays)
                outcome.lines += late.lines
                outcome.rows = late.rows
                outcome.skipped += late.skipped
                outcome.quarantinedLines += late.quarantinedLines
            }
            do throws(Errno) {
                try FileSystem.remove(activity)
            } catch {
                throw .remove(activity, errno: error.code)
            }
            try AtomicFile.syncDirectory(descriptor, path: activity)
            return outcome
        }
        throw .stillChanging(activity)
    }

    /// The length of the open file's first `size` bytes up to and including their last newline (0 when none).
    static func completeLines(_ file: FileDescriptor, size: Int) -> Int {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var end = size
        while end > 0 {
            let start = max(0, end - chunk.count)
            let count = chunk.withUnsafeMutableBytes {
                (try? file.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(end - start)]), at: start)) ?? -1
            }
            guard count == end - start else { return 0 }
            if let newline = chunk[..<count].lastIndex(of: UInt8(ascii: "\n")) { return start + newline + 1 }
            end = start
        }
        return 0
    }

    /// The points a rotate can be stopped at in tests, as a kill would stop it.
    enum RollUpStep: Equatable {
        /// The quarantine file was written; the rollup not yet.
        case quarantined
        /// The rollup was renamed into place; the activity file is not removed yet.
        case renamed
    }

    /// Reads `date`'s rollup and the first `size` bytes of the open, locked activity file beyond what
    /// the rollup holds, appends unreadable lines to the quarantine file, and renames the merged
    /// rollup into place; the activity file stays.
    static func writeRollup(
        _ date: CivilDate, activity file: FileDescriptor, size: Int, in directory: String,
        descriptor: FileDescriptor,
        localDays: LocalDayResolver, stop: (RollUpStep) -> Bool = { _ in false }
    ) throws(RotationError) -> DayOutcome {
        let name = LogFileName.activity(date)
        let activity = RotationPlan.join(directory, name)
        let rollupPath = RotationPlan.join(directory, LogFileName.rollup(date))
        var table = RollupTable()
        var sources: [RollupSource] = []
        var quarantine: [UInt8]? = []
        var buffer = ReadBuffer(
            capacity: LogFileReader.defaultChunkSize, limit: LogFileReader.defaultMaximumRecordBytes)
        var decoder = LogLineDecoder(localDays: localDays)
        var merged = false
        var rollupDiagnostics = ReadDiagnostics()
        do throws(AppendError) {
            let rollup = try SafeFile.openForUpdate(rollupPath)
            defer { try? rollup.close() }
            merged = true
            sources = RollupSource.read(rollup.rawValue)
            _ = LogFileReader.read(
                rollup, from: 0, path: rollupPath, kind: .rollup, buffer: &buffer, decoder: &decoder,
                diagnostics: &rollupDiagnostics, quarantine: &quarantine
            ) { entry in
                table.add(entry)
                return true
            }
        } catch {
            guard case .open(_, Errno.noSuchFile.code) = error else { throw .access(error) }
        }
        try requireRead(rollupPath, rollupDiagnostics)
        let covered = RollupSource.coveredPrefix(file.rawValue, size: size, sources: sources)
        var diagnostics = ReadDiagnostics()
        var lines = 0
        _ = LogFileReader.read(
            file, from: covered, to: size, path: activity, kind: .activity, buffer: &buffer,
            decoder: &decoder,
            diagnostics: &diagnostics, quarantine: &quarantine
        ) { entry in
            table.add(entry)
            lines += entry.events
            return true
        }
        try requireRead(activity, diagnostics)
        guard let hash = RollupSource.hash(file.rawValue, length: size) else {
            throw .unreadable(activity, reason: "read failed")
        }
        let source = RollupSource(file: name, bytes: size, hash: hash)
        sources.removeAll { $0 == source }
        sources.append(source)
        sources = Array(sources.suffix(RollupSource.maximumCount))

        let kept = quarantine ?? []
        if !kept.isEmpty {
            try keepInQuarantine(kept, path: RotationPlan.join(directory, LogFileName.quarantine(date)))
        }
        if stop(.quarantined) {
            throw .unreadable(activity, reason: "stopped for a test")
        }
        let records = table.records
        var bytes: [UInt8] = []
        for source in sources { bytes += source.jsonLine }
        for record in records { bytes += record.jsonLine }
        try AtomicFile.replace(
            rollupPath, with: bytes,
            temporary: RotationPlan.join(directory, RotationPlan.temporaryName(forRollupOf: date)),
            directory: descriptor)
        return DayOutcome(
            date: date, lines: lines, rows: records.count,
            skipped: diagnostics.skipped + rollupDiagnostics.skipped, mergedRollup: merged,
            quarantinedLines: kept.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
    }

    /// Throws when reading `path` stopped before its end.
    private static func requireRead(_ path: String, _ diagnostics: ReadDiagnostics) throws(RotationError) {
        guard diagnostics.unreadablePaths == 0 else {
            let warning = diagnostics.warnings.first ?? ""
            let reason = warning.hasPrefix(path + ": ") ? String(warning.dropFirst(path.count + 2)) : warning
            throw .unreadable(path, reason: reason)
        }
    }

    /// Appends `bytes` to the quarantine file at `path` and syncs it, before the rollup that leaves
    /// those lines out is renamed into place.
    static func keepInQuarantine(_ bytes: [UInt8], path: String) throws(RotationError) {
        do throws(AppendError) {
            try AppendWriter.append(bytes, to: path)
            let descriptor = try SafeFile.openForUpdate(path)
            defer { try? descriptor.close() }
            do throws(Errno) {
                try descriptor.sync()
            } catch {
                throw AppendError.write(path: path, errno: error.code)
            }
        } catch {
            throw .access(error)
        }
    }
}
