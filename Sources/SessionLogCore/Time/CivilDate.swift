/// A calendar date with no time zone, as used in log file names and day tables.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31.
    public var day: Int

    /// Creates a date from its parts, without checking them.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == ._minus, utf8[7] == ._minus,
            let year = CivilDate.digits(utf8, 0, 4), let month = CivilDate.digits(utf8, 5, 2),
            let day = CivilDate.digits(utf8, 8, 2)
        else { return nil }
        guard month >= 1, month <= 12, day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date that is `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Days from 1970-01-01 to this date.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Written straight into the string: a scratch array would cost the hook's start-up (see ByteBuffer).
        String(unsafeUninitializedCapacity: 10) { bytes in
            var end = CivilDate.writePadded(year, width: 4, into: bytes, at: 0)
            bytes[end] = ._minus
            end = CivilDate.writePadded(month, width: 2, into: bytes, at: end + 1)
            bytes[end] = ._minus
            return CivilDate.writePadded(day, width: 2, into: bytes, at: end + 1)
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `count` ASCII digits at `start`.
    static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard bytes[index]._isDigit else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        }
        return value
    }

    /// Writes `value` zero-padded to `width` digits into `bytes` at `start`; returns where they end.
    static func writePadded(
        _ value: Int, width: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int
    ) -> Int {
        var place = 1
        for _ in 1..<max(width, 1) { place *= 10 }
        var end = start
        while width > 0 && place > 0 {
            bytes[end] = UInt8(ascii: "0") + UInt8(value / place % 10)
            end += 1
            place /= 10
        }
        return end
    }
}
