import SessionLogCore

/// "Now" and the local time zone, injectable so that tests do not depend on the machine's date or `TZ`.
public struct LocalClock: Sendable {
    /// The current time.
    public var now: Timestamp
    /// A fixed offset from UTC in seconds (east positive); nil follows `TZ`, daylight saving included.
    public var fixedUTCOffset: Int?

    /// The real clock in the time zone of `TZ`.
    public static func system() -> LocalClock { LocalClock(now: .now(), fixedUTCOffset: nil) }

    /// Creates a clock stopped at `now`, in `TZ` or at a fixed offset.
    public init(now: Timestamp, fixedUTCOffset: Int? = nil) {
        self.now = now
        self.fixedUTCOffset = fixedUTCOffset
    }

    /// The offset from UTC in seconds at `timestamp`.
    public func utcOffset(at timestamp: Timestamp) -> Int { fixedUTCOffset ?? timestamp.local.utcOffset }

    /// Today's local date.
    public var today: CivilDate { date(of: now) }

    /// The local date of `timestamp`.
    public func date(of timestamp: Timestamp) -> CivilDate { wallClock(timestamp).date }

    /// The local date and seconds since local midnight of `timestamp`.
    public func wallClock(_ timestamp: Timestamp) -> (date: CivilDate, secondOfDay: Int) {
        let seconds = timestamp.seconds + utcOffset(at: timestamp)
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        return (CivilDate(daysSinceEpoch: (seconds - secondOfDay) / 86_400), secondOfDay)
    }

    /// A resolver of entry days that agrees with this clock.
    public var dayResolver: LocalDayResolver {
        fixedUTCOffset.map { LocalDayResolver(utcOffsetSeconds: $0) } ?? LocalDayResolver()
    }

    /// `HH:MM` of `timestamp`, local.
    public func hourMinute(_ timestamp: Timestamp) -> String {
        let second = wallClock(timestamp).secondOfDay
        return NumberFormat.twoDigits(second / 3600) + ":" + NumberFormat.twoDigits(second / 60 % 60)
    }

    /// `HH:MM:SS` of `timestamp`, local.
    public func time(_ timestamp: Timestamp) -> String {
        hourMinute(timestamp) + ":" + NumberFormat.twoDigits(wallClock(timestamp).secondOfDay % 60)
    }

    /// `YYYY-MM-DD HH:MM` of `timestamp`, local.
    public func dateTime(_ timestamp: Timestamp) -> String {
        date(of: timestamp).description + " " + hourMinute(timestamp)
    }
}
