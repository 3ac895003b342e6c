import SessionLogCore

/// Reads timestamps as `Timestamp(iso8601:start:end:)` does, the ledger's own form
/// (`YYYY-MM-DDTHH:MM:SS.mmmZ`) by a byte check, reusing the day of the previous one read with the
/// same date; any other text goes to that parser, so every text gives the same timestamp or none.
struct TimestampReader {
    // The `YYYY-MM-DD` of the last date read in the ledger's form, as loaded, and its days since the
    // epoch. Zero matches no text of that form (its fifth byte is `-`).
    private var dateHead: UInt64 = 0
    private var dateTail: UInt16 = 0
    private var days = 0

    /// The timestamp written in `bytes[start..<end]`, or nil when it is none.
    @inline(__always)
    mutating func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Timestamp? {
        if end - start == 24, let base = bytes.baseAddress, let timestamp = ledgerForm(base + start) {
            return timestamp
        }
        return Timestamp(iso8601: bytes, start: start, end: end)
    }

    // The 24 bytes at `text` read in the ledger's form; nil when they are not in it, or are no time.
    @inline(__always)
    private mutating func ledgerForm(_ text: UnsafePointer<UInt8>) -> Timestamp? {
        guard text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"), text[10] == UInt8(ascii: "T"),
            text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: "."),
            text[23] == UInt8(ascii: "Z")
        else { return nil }
        let raw = UnsafeRawPointer(text)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if head != dateHead || tail != dateTail {
            guard let year = Self.number(text, 0, 4), let month = Self.number(text, 5, 2),
                let day = Self.number(text, 8, 2), month >= 1, month <= 12, day >= 1,
                day <= CivilDate.daysIn(month: month, year: year)
            else { return nil }
            days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
            dateHead = head
            dateTail = tail
        }
        guard let hour = Self.number(text, 11, 2), let minute = Self.number(text, 14, 2),
            let second = Self.number(text, 17, 2), let millis = Self.number(text, 20, 3), hour < 24,
            minute < 60, second < 61
        else { return nil }
        return Timestamp(milliseconds: (days * 86_400 + hour * 3600 + minute * 60 + second) * 1000 + millis)
    }

    // The decimal number of the `count` digits at `text[at...]`; nil when one is no digit.
    @inline(__always)
    private static func number(_ text: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        var value = 0
        for index in at..<(at + count) {
            let digit = text[index] &- UInt8(ascii: "0")
            if digit >= 10 { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }
}
