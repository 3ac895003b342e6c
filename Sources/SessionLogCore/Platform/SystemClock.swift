#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// The wall clock, a monotonic clock and the local time zone (`TZ`).
public enum SystemClock {
    /// Milliseconds since 1970-01-01T00:00:00Z (`CLOCK_REALTIME`).
    public static func wallMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000
    }

    /// Milliseconds on a clock that never jumps, for timeouts (`CLOCK_MONOTONIC`).
    public static func monotonicMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000
    }

    /// A moment broken down in the local time zone.
    public struct LocalTime: Hashable, Sendable {
        /// The year, e.g. 2026.
        public var year: Int
        /// The month, 1 to 12.
        public var month: Int
        /// The day of the month, 1 to 31.
        public var day: Int
        /// The hour, 0 to 23.
        public var hour: Int
        /// The minute, 0 to 59.
        public var minute: Int
        /// The second, 0 to 60.
        public var second: Int
        /// The local offset from UTC in seconds, east positive.
        public var utcOffset: Int
    }

    /// `seconds` since the epoch in the local time zone (`localtime_r`, per `TZ`).
    public static func localTime(seconds: Int) -> LocalTime {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        return LocalTime(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec),
            utcOffset: Int(parts.tm_gmtoff))
    }

    /// Sleeps for about `milliseconds` (`nanosleep`); a signal may end it early.
    public static func sleep(milliseconds: Int) {
        var pause = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        nanosleep(&pause, nil)
    }

    /// Re-reads `TZ` after it changed in this process (`tzset`).
    public static func reloadTimeZone() { tzset() }
}
