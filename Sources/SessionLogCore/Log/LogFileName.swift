/// The names of the files in a log directory, and the dates they carry.
public enum LogFileName {
    /// The prefix of a day's activity log.
    public static let activityPrefix = "activity-"
    /// The prefix of a day's rollup, written when the activity log is rotated away.
    public static let rollupPrefix = "rollup-"
    /// The suffix of both.
    public static let suffix = ".jsonl"
    /// The hook's own error log.
    public static let loggerErrors = "logger-errors.log"

    /// `activity-YYYY-MM-DD.jsonl`.
    public static func activity(_ date: CivilDate) -> String { activityPrefix + date.description + suffix }

    /// `rollup-YYYY-MM-DD.jsonl`.
    public static func rollup(_ date: CivilDate) -> String { rollupPrefix + date.description + suffix }

    /// The date of a file named exactly `<prefix>YYYY-MM-DD.jsonl`, or nil.
    public static func date(of name: String, prefix: String) -> CivilDate? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix),
            name.utf8.count == prefix.utf8.count + 10 + suffix.utf8.count
        else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
        return CivilDate(middle)
    }
}
