/// A point in time as milliseconds since the Unix epoch, in UTC.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int

    /// Creates a timestamp from milliseconds since the epoch.
    public init(milliseconds: Int) { self.milliseconds = milliseconds }

    /// The current wall-clock time.
    public static func now() -> Timestamp {
        Timestamp(milliseconds: SystemClock.wallMilliseconds())
    }

    /// Seconds since the epoch, rounded down.
    public var seconds: Int { milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000 }

    /// `2026-11-22T23:26:01.123Z`.
    public var iso8601: String {
        let secondsOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let date = CivilDate(daysSinceEpoch: (seconds - secondsOfDay) / 86_400)
        // Written straight into the string: a scratch array would cost the hook's start-up (see ByteBuffer).
        return String(unsafeUninitializedCapacity: 24) { bytes in
            var end = CivilDate.writePadded(date.year, width: 4, into: bytes, at: 0)
            bytes[end] = ._minus
            end = CivilDate.writePadded(date.month, width: 2, into: bytes, at: end + 1)
            bytes[end] = ._minus
            end = CivilDate.writePadded(date.day, width: 2, into: bytes, at: end + 1)
            bytes[end] = UInt8(ascii: "T")
            end = CivilDate.writePadded(secondsOfDay / 3600, width: 2, into: bytes, at: end + 1)
            bytes[end] = ._colon
            end = CivilDate.writePadded(secondsOfDay / 60 % 60, width: 2, into: bytes, at: end + 1)
            bytes[end] = ._colon
            end = CivilDate.writePadded(secondsOfDay % 60, width: 2, into: bytes, at: end + 1)
            bytes[end] = ._period
            end = CivilDate.writePadded(milliseconds - seconds * 1000, width: 3, into: bytes, at: end + 1)
            bytes[end] = UInt8(ascii: "Z")
            return end + 1
        }
    }

    /// The local calendar date and the local offset from UTC in seconds, per `TZ`.
    public var local: (date: CivilDate, utcOffset: Int) {
        let time = SystemClock.localTime(seconds: seconds)
        return (CivilDate(year: time.year, month: time.month, day: time.day), time.utcOffset)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` with optional fraction and a `Z` or `±HH:MM` offset; an impossible
    /// date or time (`2026-02-30`, `25:00`, an offset of `+24:00`) is no timestamp.
    ///
    /// Accepts both the logger's millisecond form and the bash logger's whole seconds.
    public init?(iso8601 bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        guard end - start >= 19 else { return nil }
        @inline(__always) func digit(_ at: Int) -> Int? {
            let byte = bytes[start + at]
            return byte._isDigit ? Int(byte - UInt8(ascii: "0")) : nil
        }
        @inline(__always) func number(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for index in at..<(at + count) {
                guard let d = digit(index) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = number(0, 4), bytes[start + 4] == ._minus, let month = number(5, 2),
            bytes[start + 7] == ._minus, let day = number(8, 2),
            bytes[start + 10] == UInt8(ascii: "T") || bytes[start + 10] == ._space,
            let hour = number(11, 2), bytes[start + 13] == ._colon, let minute = number(14, 2),
            bytes[start + 16] == ._colon, let second = number(17, 2),
            month >= 1, month <= 12, day >= 1, day <= CivilDate.daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 61
        else { return nil }
        var index = 19
        var millis = 0
        if start + index < end && bytes[start + index] == ._period {
            index += 1
            var scale = 100
            let fractionStart = index
            while start + index < end, let d = digit(index) {
                millis += d * scale
                scale /= 10
                index += 1
            }
            guard index > fractionStart else { return nil }
        }
        var offset = 0
        if start + index < end {
            let marker = bytes[start + index]
            if marker == UInt8(ascii: "Z") {
                index += 1
            } else if marker == ._plus || marker == ._minus {
                guard end - start - index >= 6, let oh = number(index + 1, 2),
                    bytes[start + index + 3] == ._colon, let om = number(index + 4, 2), oh < 24, om < 60
                else { return nil }
                offset = (oh * 3600 + om * 60) * (marker == ._plus ? 1 : -1)
                index += 6
            } else {
                return nil
            }
        }
        guard start + index == end else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        self.init(milliseconds: seconds * 1000 + millis)
    }

    /// Parses an ISO 8601 timestamp held in a String.
    public init?(iso8601 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp(iso8601: $0, start: 0, end: $0.count) }) else {
            return nil
        }
        self = parsed
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }
}
