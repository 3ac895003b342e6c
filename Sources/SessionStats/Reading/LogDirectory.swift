import SessionLogCore

/// The dated activity and rollup files of one log directory; other names are ignored.
public struct LogDirectory: Sendable {
    /// The directory's path, as given.
    public let path: String
    /// The dates that have an `activity-YYYY-MM-DD.jsonl` file.
    public private(set) var activityDates: Set<CivilDate> = []
    /// The dates that have a `rollup-YYYY-MM-DD.jsonl` file.
    public private(set) var rollupDates: Set<CivilDate> = []

    /// Creates a listing from known dates, as `scan` finds them.
    public init(path: String, activityDates: Set<CivilDate>, rollupDates: Set<CivilDate>) {
        self.path = path
        self.activityDates = activityDates
        self.rollupDates = rollupDates
    }

    /// Lists the directory at `path`.
    public static func scan(_ path: String) throws(LogDirectoryError) -> LogDirectory {
        let names: [String]
        do throws(Errno) {
            names = try FileSystem.names(in: path)
        } catch {
            throw error == .noSuchFile ? .missing(path) : .unreadable(path, errno: error.code)
        }
        var directory = LogDirectory(path: path, activityDates: [], rollupDates: [])
        for name in names {
            if let date = LogFileName.date(of: name, prefix: LogFileName.activityPrefix) {
                directory.activityDates.insert(date)
            } else if let date = LogFileName.date(of: name, prefix: LogFileName.rollupPrefix) {
                directory.rollupDates.insert(date)
            }
        }
        return directory
    }

    /// The files to read for entries on `days` (nil: every day), in date order: for each date, the
    /// activity file (with the day's rollup, if any, to read along), else the rollup.
    ///
    /// An entry counts for the local day of its timestamp, which can differ from its file's date
    /// near midnight or when the time zone changed, so the files of the day before and after are read too.
    public func files(for days: ClosedRange<CivilDate>?) -> [LogFile] {
        var dates = activityDates.union(rollupDates)
        if let days {
            let low = days.lowerBound.adding(days: -1)
            let high = days.upperBound.adding(days: 1)
            dates = dates.filter { $0 >= low && $0 <= high }
        }
        return dates.sorted().map { date in
            activityDates.contains(date)
                ? LogFile(
                    path: join(LogFileName.activity(date)), date: date, kind: .activity,
                    rollupPath: rollupDates.contains(date) ? join(LogFileName.rollup(date)) : nil)
                : LogFile(path: join(LogFileName.rollup(date)), date: date, kind: .rollup)
        }
    }

    private func join(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }
}
