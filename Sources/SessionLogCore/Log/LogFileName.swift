/// The names of the files in a log directory, and the dates they carry.
public enum LogFileName {
    /// The prefix of a day's activity log.
    public static let activityPrefix = "activity-"
    /// The prefix of a day's rollup, written when the activity log is rotated away.
    public static let rollupPrefix = "rollup-"
    /// The prefix of a day's usage ledger: the exact usage of the API requests made that day.
    public static let usagePrefix = "usage-"
    /// The prefix of a day's usage rollup, written when the usage ledger is rotated away.
    public static let usageRollupPrefix = "usage-rollup-"
    /// The suffix of both.
    public static let suffix = ".jsonl"
    /// The prefix of a day's quarantine: the lines `rotate` could not read, kept byte for byte.
    public static let quarantinePrefix = "quarantine-"
    /// The prefix of a day's usage quarantine: the usage-ledger lines `rotate` could not read.
    public static let usageQuarantinePrefix = "usage-quarantine-"
    /// The hook's own error log.
    public static let loggerErrors = "logger-errors.log"

    /// `activity-YYYY-MM-DD.jsonl`.
    public static func activity(_ date: CivilDate) -> String { activityPrefix + date.description + suffix }

    /// `rollup-YYYY-MM-DD.jsonl`.
    public static func rollup(_ date: CivilDate) -> String { rollupPrefix + date.description + suffix }

    /// `usage-YYYY-MM-DD.jsonl`.
    public static func usage(_ date: CivilDate) -> String { usagePrefix + date.description + suffix }

    /// `usage-rollup-YYYY-MM-DD.jsonl`.
    public static func usageRollup(_ date: CivilDate) -> String {
        usageRollupPrefix + date.description + suffix
    }

    /// `quarantine-YYYY-MM-DD.jsonl`.
    public static func quarantine(_ date: CivilDate) -> String {
        quarantinePrefix + date.description + suffix
    }

    /// `usage-quarantine-YYYY-MM-DD.jsonl`.
    public static func usageQuarantine(_ date: CivilDate) -> String {
        usageQuarantinePrefix + date.description + suffix
    }

    /// The date of a file named exactly `<prefix>YYYY-MM-DD.jsonl`, or nil.
    public static func date(of name: String, prefix: String) -> CivilDate? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix),
            name.utf8.count == prefix.utf8.count + 10 + suffix.utf8.count
        else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
        return CivilDate(middle)
    }
}
