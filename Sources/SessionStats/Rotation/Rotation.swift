import SessionLogCore

/// Rolls old activity files up into rollups and removes them, so that a run killed at any point
/// and run again neither loses nor double-counts anything.
///
/// For each day, oldest first: read the activity file, write its rollup to a temporary file, sync
/// it, rename it into place, sync the directory, and only then remove the activity file. Killed
/// before the rename, a temporary file is left (cleared next run) and the activity file is intact;
/// killed after it, both files exist, and reports read only the activity file until the next run
/// regenerates the rollup from it. A directory lock keeps two rotates apart. Hooks only append to
/// today's file, which is never rotated; an activity file that changes while it is read is read again.
public enum Rotation {
    /// What rolling up one day did.
    public struct DayOutcome: Equatable, Sendable {
        /// The day of the activity file.
        public var date: CivilDate
        /// The lines rolled up (every usable line, `invalid` hook lines included).
        public var lines: Int
        /// The rows written.
        public var rows: Int
        /// Records the reader could not use; they are gone with the file.
        public var skipped: Int
        /// Whether a rollup from an interrupted run was replaced.
        public var replacedRollup: Bool
    }

    /// One thing `run` did, reported as it happens.
    public enum Step: Equatable, Sendable {
        /// A temporary file of an interrupted run was removed.
        case removedLeftover(String)
        /// A day was rolled up and its activity file removed.
        case rolledUp(DayOutcome)
        /// `logger-errors.log` was trimmed; the bytes removed.
        case trimmedErrorLog(removedBytes: Int)
    }

    /// How many times an activity file that changed while it was read is read again.
    static let attempts = 3

    /// Locks `directory`, plans rotation to keep `keepDays` days up to `today`, and carries it out,
    /// calling `report` after each step; returns the plan. Stops at the first failure.
    @discardableResult
    public static func run(
        directory: String, keepDays: Int, today: CivilDate, localDays: LocalDayResolver,
        report: (Step) -> Void = { _ in }
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
        for date in plan.days {
            report(
                .rolledUp(
                    try rollUp(
                        date, in: directory, descriptor: descriptor, localDays: localDays,
                        replacing: plan.existingRollups.contains(date))))
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

    /// Writes the rollup of `date`'s activity file (replacing any rollup there), then removes the activity file.
    static func rollUp(
        _ date: CivilDate, in directory: String, descriptor: FileDescriptor, localDays: LocalDayResolver,
        replacing: Bool
    ) throws(RotationError) -> DayOutcome {
        let activity = RotationPlan.join(directory, LogFileName.activity(date))
        for _ in 0..<attempts {
            let before = identity(activity)
            var outcome = try writeRollup(date, in: directory, descriptor: descriptor, localDays: localDays)
            outcome.replacedRollup = replacing
            guard before != nil, identity(activity) == before else { continue }
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

    /// Reads `date`'s activity file and writes its rollup into place; the activity file stays.
    static func writeRollup(
        _ date: CivilDate, in directory: String, descriptor: FileDescriptor, localDays: LocalDayResolver
    ) throws(RotationError) -> DayOutcome {
        let activity = RotationPlan.join(directory, LogFileName.activity(date))
        var reader = LogFileReader(path: activity, kind: .activity, localDays: localDays)
        var table = RollupTable()
        var lines = 0
        func add(_ entry: LogEntry) {
            table.add(entry)
            lines +|= entry.events
        }
        reader.forEach(add)
        guard reader.diagnostics.unreadablePaths == 0 else {
            let warning = reader.diagnostics.warnings.last ?? ""
            let reason =
                warning.hasPrefix(activity + ": ") ? String(warning.dropFirst(activity.count + 2)) : warning
            throw .unreadable(activity, reason: reason)
        }
        let records = table.records
        var bytes: [UInt8] = []
        for record in records { bytes += record.jsonLine }
        try AtomicFile.replace(
            RotationPlan.join(directory, LogFileName.rollup(date)), with: bytes,
            temporary: RotationPlan.join(directory, RotationPlan.temporaryName(forRollupOf: date)),
            directory: descriptor)
        return DayOutcome(
            date: date, lines: lines, rows: records.count, skipped: reader.diagnostics.skipped,
            replacedRollup: false)
    }

    /// Device, inode, size and modification time: what changes when a file is replaced or written to.
    private static func identity(_ path: String) -> [UInt64]? {
        guard let info = try? FileSystem.status(of: path) else { return nil }
        return [
            info.device, info.inode, UInt64(info.size), UInt64(bitPattern: Int64(info.modifiedSeconds)),
            UInt64(info.modifiedNanoseconds),
        ]
    }
}
