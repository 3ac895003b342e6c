import SessionLogCore

/// Finds the local calendar day of a timestamp, per `TZ` or at a fixed offset, cheaply enough for every line.
///
/// With `TZ`, the offset is looked up once per UTC hour (at its first and last second, so an hour holding
/// a clock change is noticed and resolved line by line instead); `localtime_r` per line would be too slow.
public struct LocalDayResolver: Sendable {
    private let fixedOffset: Int?
    // The UTC hour whose offset is cached, and that offset; nil offset: the hour holds a clock change.
    private var cachedHour = Int.min
    private var cachedOffset: Int? = 0
    // The last day number resolved, and its date.
    private var cachedDayNumber = Int.min
    private var cachedDate = CivilDate(year: 1970, month: 1, day: 1)

    /// Resolves days in the time zone of `TZ`, as the hook names its files.
    public init() { fixedOffset = nil }

    /// Resolves days at a fixed offset from UTC, in seconds (east positive).
    public init(utcOffsetSeconds: Int) { fixedOffset = utcOffsetSeconds }

    /// The local calendar day `timestamp` falls on.
    public mutating func day(of timestamp: Timestamp) -> CivilDate {
        let seconds = timestamp.seconds
        let offset: Int
        if let fixedOffset {
            offset = fixedOffset
        } else {
            let hour = LocalDayResolver.floorDivide(seconds, 3600)
            if hour != cachedHour {
                cachedHour = hour
                let first = Timestamp(milliseconds: hour * 3_600_000).local.utcOffset
                let last = Timestamp(milliseconds: hour * 3_600_000 + 3_599_000).local.utcOffset
                cachedOffset = first == last ? first : nil
            }
            guard let hourOffset = cachedOffset else { return timestamp.local.date }
            offset = hourOffset
        }
        let dayNumber = LocalDayResolver.floorDivide(seconds + offset, 86_400)
        if dayNumber != cachedDayNumber {
            cachedDayNumber = dayNumber
            cachedDate = CivilDate(daysSinceEpoch: dayNumber)
        }
        return cachedDate
    }

    @inline(__always)
    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }
}
