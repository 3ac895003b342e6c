import SessionLogCore

/// What `rotate` will do in one log directory: which activity files it rolls up, which rollups it
/// regenerates, and which leftovers of an interrupted run it clears.
///
/// Only names that match the patterns exactly are considered: `activity-YYYY-MM-DD.jsonl`,
/// `rollup-YYYY-MM-DD.jsonl`, `usage-YYYY-MM-DD.jsonl`, and the temporary `.rollup-…`,
/// `.usage-rollup-…`, `.status-rollup-YYYY-MM-DD.jsonl.tmp` and `.logger-errors.log.tmp` that
/// rotate itself writes.
public struct RotationPlan: Equatable, Sendable {
    /// The directory.
    public var directory: String
    /// The first day kept: today and the `keepDays - 1` days before are never rotated.
    public var firstKept: CivilDate
    /// The days whose activity file is rolled up and removed, oldest first.
    public var days: [CivilDate]
    /// Of `days`, those that already have a rollup (left by a rotate that stopped before removing
    /// the activity file); it is regenerated from the activity file, never added to.
    public var existingRollups: Set<CivilDate>
    /// Temporary files of an interrupted rotate, by name.
    public var leftovers: [String]
    /// The days whose usage-ledger file (`usage-D.jsonl`) is rolled up and removed, oldest first.
    public var usageDays: [CivilDate] = []
    /// The days whose status-line capture file (`status-D.jsonl`) is rolled up and removed, oldest first.
    public var statusDays: [CivilDate] = []
    /// Whether `logger-errors.log` exists (it is trimmed when longer than `RotationPlan.errorLogLines`).
    public var hasErrorLog: Bool

    /// How many lines of `logger-errors.log` are kept.
    public static let errorLogLines = 1000
    /// The suffix of rotate's temporary files.
    public static let temporarySuffix = ".tmp"

    /// Creates a plan from its parts.
    public init(
        directory: String, firstKept: CivilDate, days: [CivilDate], existingRollups: Set<CivilDate>,
        leftovers: [String], hasErrorLog: Bool
    ) {
        self.directory = directory
        self.firstKept = firstKept
        self.days = days
        self.existingRollups = existingRollups
        self.leftovers = leftovers
        self.hasErrorLog = hasErrorLog
    }

    /// Lists `directory` and plans to keep `keepDays` days (1 or more) up to `today`.
    public static func make(directory: String, keepDays: Int, today: CivilDate) throws(RotationError)
        -> RotationPlan
    {
        precondition(keepDays >= 1, "keepDays must be 1 or more")
        let names: [String]
        do throws(Errno) {
            names = try FileSystem.names(in: directory)
        } catch {
            throw error == .noSuchFile
                ? .missingDirectory(directory) : .unreadableDirectory(directory, errno: error.code)
        }
        let firstKept = today.adding(days: -(keepDays - 1))
        var activity: [CivilDate] = []
        var rollups: Set<CivilDate> = []
        var leftovers: [String] = []
        var hasErrorLog = false
        var usage: [CivilDate] = []
        var status: [CivilDate] = []
        for name in names {
            if let date = LogFileName.date(of: name, prefix: LogFileName.activityPrefix) {
                if date < firstKept && isRegularFile(join(directory, name)) { activity.append(date) }
            } else if let date = LogFileName.date(of: name, prefix: LogFileName.rollupPrefix) {
                rollups.insert(date)
            } else if let date = LogFileName.date(of: name, prefix: LogFileName.usagePrefix) {
                if date < firstKept && isRegularFile(join(directory, name)) { usage.append(date) }
            } else if let date = LogFileName.date(of: name, prefix: StatusRecord.filePrefix) {
                if date < firstKept && isRegularFile(join(directory, name)) { status.append(date) }
            } else if isLeftover(name) {
                leftovers.append(name)
            } else if name == LogFileName.loggerErrors {
                hasErrorLog = true
            }
        }
        activity.sort()
        var plan = RotationPlan(
            directory: directory, firstKept: firstKept, days: activity,
            existingRollups: rollups.intersection(activity), leftovers: leftovers.sorted(),
            hasErrorLog: hasErrorLog)
        plan.usageDays = usage.sorted()
        plan.statusDays = status.sorted()
        return plan
    }

    /// The temporary file a day's rollup is written to before it is renamed into place.
    public static func temporaryName(forRollupOf date: CivilDate) -> String {
        "." + LogFileName.rollup(date) + temporarySuffix
    }

    /// The temporary file a roll-up named `name` is written to before it is renamed into place.
    public static func temporaryName(for name: String) -> String { "." + name + temporarySuffix }

    /// The temporary file the trimmed error log is written to.
    public static let temporaryErrorLogName = "." + LogFileName.loggerErrors + temporarySuffix

    /// Whether `name` is one of rotate's own temporary files.
    public static func isLeftover(_ name: String) -> Bool {
        if name == temporaryErrorLogName || name == temporaryName(for: AttributionRollup.fileName) {
            return true
        }
        guard name.hasPrefix("."), name.hasSuffix(temporarySuffix) else { return false }
        let inner = String(name.dropFirst().dropLast(temporarySuffix.count))
        return [LogFileName.rollupPrefix, LogFileName.usageRollupPrefix, StatusRecord.rollupPrefix].contains {
            LogFileName.date(of: inner, prefix: $0) != nil
        }
    }

    /// `directory/name`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func isRegularFile(_ path: String) -> Bool {
        (try? FileSystem.status(of: path))?.kind == .regular
    }
}
