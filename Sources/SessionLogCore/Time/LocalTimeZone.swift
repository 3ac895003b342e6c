/// The local time zone read straight from the zone file the C library would use when `TZ` is unset
/// (`/etc/localtime`), in three system calls where `localtime_r` makes seven; the C library answers
/// whenever the file cannot (`TZ` set, a time past the file's last transition in a zone with daylight
/// saving rules, leap seconds, an unreadable or unusual file).
public enum LocalTimeZone {
    /// The zone file the C library reads when `TZ` is unset.
    public static let defaultPath = "/etc/localtime"
    /// The largest zone file read; real ones are under 4 KB.
    static let fileLimit = 16 << 10

    /// The local calendar date of `timestamp`, the same as `timestamp.local.date`.
    public static func date(of timestamp: Timestamp) -> CivilDate {
        let seconds = timestamp.seconds
        let offset =
            CurrentProcess.variable("TZ") == nil
            ? utcOffset(atSeconds: seconds, file: defaultPath) : nil
        guard let offset else { return timestamp.local.date }
        return date(seconds: seconds, utcOffset: offset)
    }

    /// The calendar date `utcOffset` seconds east of UTC at `seconds` since the epoch.
    static func date(seconds: Int, utcOffset: Int) -> CivilDate {
        let local = seconds + utcOffset
        let secondsOfDay = ((local % 86_400) + 86_400) % 86_400
        return CivilDate(daysSinceEpoch: (local - secondsOfDay) / 86_400)
    }

    /// The UTC offset at `seconds` per the zone file at `path`, or nil when it cannot say.
    public static func utcOffset(atSeconds seconds: Int, file path: String) -> Int? {
        guard let file = try? FileDescriptor.open(path, .readOnly) else { return nil }
        defer { try? file.close() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: fileLimit, alignment: 8)
        defer { buffer.deallocate() }
        // A regular file reads whole in one call; a full buffer means a file too large to trust.
        guard let count = try? file.read(into: buffer), count < fileLimit else { return nil }
        return utcOffset(atSeconds: seconds, tzif: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }

    /// The UTC offset at `seconds` per the TZif bytes (RFC 8536, version 2 or later), or nil when
    /// they cannot say without the C library.
    public static func utcOffset(atSeconds seconds: Int, tzif bytes: UnsafeRawBufferPointer) -> Int? {
        // The version 1 block, with 4-byte times, comes first; only the version 2 block that follows is read.
        guard let first = Header(bytes, at: 0), first.version >= 2 else { return nil }
        let secondStart = 44 + first.dataSize(timeSize: 4)
        guard let header = Header(bytes, at: secondStart), header.version >= 2, header.leapCount == 0,
            header.typeCount > 0
        else { return nil }
        let times = secondStart + 44
        let indices = times + header.timeCount * 8
        let types = indices + header.timeCount
        let footer = secondStart + 44 + header.dataSize(timeSize: 8)
        guard footer < bytes.count, bytes[footer] == UInt8(ascii: "\n") else { return nil }
        // Binary search for the last transition at or before `seconds`.
        var low = 0
        var high = header.timeCount
        while low < high {
            let middle = (low + high) / 2
            if Int(bigEndianAt: times + middle * 8, in: bytes, size: 8) <= seconds {
                low = middle + 1
            } else {
                high = middle
            }
        }
        let type: Int
        if low == 0 {
            // Before the first transition, or no transitions at all: the C library's rules for this
            // differ between versions, so only a file without transitions is answered here.
            guard header.timeCount == 0, !footerHasRules(bytes, from: footer) else { return nil }
            type = 0
        } else {
            // Past the last transition the footer's rule applies; without daylight saving rules it
            // agrees with the last transition's type (RFC 8536, section 3.3).
            if low == header.timeCount && footerHasRules(bytes, from: footer) { return nil }
            type = Int(bytes[indices + low - 1])
        }
        guard type < header.typeCount else { return nil }
        return Int(bigEndianAt: types + type * 6, in: bytes, size: 4)
    }

    /// Whether the footer's POSIX TZ string has daylight saving rules (a comma, as in
    /// `CET-1CEST,M3.5.0,M10.5.0/3`), or is missing its closing newline.
    private static func footerHasRules(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): return false
            case UInt8(ascii: ","): return true
            default: index += 1
            }
        }
        return true
    }

    /// The counts of a TZif header.
    private struct Header {
        var version: Int
        var utIndicatorCount: Int
        var standardIndicatorCount: Int
        var leapCount: Int
        var timeCount: Int
        var typeCount: Int
        var characterCount: Int

        init?(_ bytes: UnsafeRawBufferPointer, at start: Int) {
            guard start >= 0, start + 44 <= bytes.count, bytes[start] == UInt8(ascii: "T"),
                bytes[start + 1] == UInt8(ascii: "Z"), bytes[start + 2] == UInt8(ascii: "i"),
                bytes[start + 3] == UInt8(ascii: "f")
            else { return nil }
            let versionByte = bytes[start + 4]
            version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
            func count(_ index: Int) -> Int { Int(bigEndianAt: start + 20 + index * 4, in: bytes, size: 4) }
            utIndicatorCount = count(0)
            standardIndicatorCount = count(1)
            leapCount = count(2)
            timeCount = count(3)
            typeCount = count(4)
            characterCount = count(5)
            // Negative or absurd counts would make offsets run outside the buffer: refuse them.
            // (One test per count: an array here would cost the hook a metadata instantiation.)
            let limit = 1 << 16
            guard (0..<limit).contains(utIndicatorCount), (0..<limit).contains(standardIndicatorCount),
                (0..<limit).contains(leapCount), (0..<limit).contains(timeCount),
                (0..<limit).contains(typeCount), (0..<limit).contains(characterCount)
            else { return nil }
        }

        /// The bytes of the data block that follows the header, for times of `timeSize` bytes.
        func dataSize(timeSize: Int) -> Int {
            timeCount * (timeSize + 1) + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
                + standardIndicatorCount + utIndicatorCount
        }
    }
}

extension Int {
    /// The signed big-endian integer of `size` bytes (4 or 8) at `offset` in `bytes`, or 0 outside them.
    fileprivate init(bigEndianAt offset: Int, in bytes: UnsafeRawBufferPointer, size: Int) {
        guard offset >= 0, offset + size <= bytes.count else {
            self = 0
            return
        }
        var value: UInt64 = 0
        for index in 0..<size { value = value << 8 | UInt64(bytes[offset + index]) }
        self = size == 4 ? Int(Int32(truncatingIfNeeded: value)) : Int(Int64(bitPattern: value))
    }
}
