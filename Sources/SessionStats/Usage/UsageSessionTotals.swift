import SessionLogCore

/// One session's exact usage in a summary, with when its requests ran and where the earliest ran:
/// enough to list a session the activity log does not have (synced from before the hook was
/// installed, or run with hooks off).
public struct UsageSessionTotals: Sendable {
    /// The project of the session's first request read.
    public var project: String
    /// Its requests, tokens and cost.
    public var totals = UsageTotals()
    /// Its earliest request's time.
    public var first: Timestamp
    /// Its latest request's time (a roll-up row's last request).
    public var last: Timestamp
    /// The working directory of its earliest request; empty when unknown (roll-up rows keep none).
    public var cwd: String

    /// A session first seen with `project`, spanning `first`...`last`, started in `cwd`.
    public init(project: String, first: Timestamp, last: Timestamp, cwd: String) {
        self.project = project
        self.first = first
        self.last = last
        self.cwd = cwd
    }

    /// Widens the span by requests from `first` to `last`, the earliest of them in `cwd`.
    mutating func widen(first other: Timestamp, last otherLast: Timestamp, cwd otherCwd: String) {
        if Self.startsEarlier(other, otherCwd, than: first, cwd) {
            first = other
            cwd = otherCwd
        }
        if last < otherLast { last = otherLast }
    }

    /// Whether a request at `time` in `cwd` gives the directory rather than one at `kept` in
    /// `keptCwd`: the earlier, and of two at the same time a known directory, then the smaller, so
    /// that the result does not depend on the order requests are read in (usage roll-up rows keep
    /// theirs by the same rule).
    static func startsEarlier(_ time: Timestamp, _ cwd: String, than kept: Timestamp, _ keptCwd: String)
        -> Bool
    {
        if time != kept { return time < kept }
        return keptCwd.isEmpty ? !cwd.isEmpty : !cwd.isEmpty && cwd < keptCwd
    }

    /// Adds the same session's totals over other requests.
    mutating func merge(_ other: UsageSessionTotals) {
        totals.add(other.totals)
        widen(first: other.first, last: other.last, cwd: other.cwd)
    }
}
