import SessionLogCore

/// A day as typed after `--date`, `--since` or `--until` (and by any command that takes a day):
/// `today`, `yesterday`, `Nd` (N days ago), `Nw` (N weeks ago), `YYYY-MM-DD` or `YYYYMMDD`.
///
/// Relative days are kept relative and resolved against "today" when a command runs, so a parsed
/// command line does not depend on the clock.
public enum RelativeDate: Hashable, Sendable, CustomStringConvertible {
    /// A calendar day.
    case day(CivilDate)
    /// The day this many days before today; 0 is today.
    case daysAgo(Int)

    /// Why a text is not a day.
    public enum ParseError: Error, Equatable, Sendable {
        /// Not in any of the accepted forms.
        case notADate
        /// In the form of a date, but no such day exists (2026-02-30).
        case noSuchDay
    }

    /// The forms accepted, for help and error messages.
    public static let forms = "today, yesterday, Nd, Nw, YYYY-MM-DD or YYYYMMDD"

    /// The furthest back `Nd` and `Nw` may reach, so arithmetic stays far from overflow (about 2,700 years).
    public static let maximumDaysAgo = 1_000_000

    /// Parses one of the accepted forms.
    public static func parse(_ text: String) -> Result<RelativeDate, ParseError> {
        switch text {
        case "today": return .success(.daysAgo(0))
        case "yesterday": return .success(.daysAgo(1))
        default: break
        }
        let bytes = Array(text.utf8)
        guard let last = bytes.last else { return .failure(.notADate) }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if last == UInt8(ascii: "d") || last == UInt8(ascii: "w") {
            let digits = bytes.dropLast()
            guard !digits.isEmpty, digits.count <= 7, digits.allSatisfy(isDigit),
                let count = Int(String(decoding: digits, as: UTF8.self))
            else { return .failure(.notADate) }
            let days = last == UInt8(ascii: "w") ? count * 7 : count
            guard days <= maximumDaysAgo else { return .failure(.notADate) }
            return .success(.daysAgo(days))
        }
        let dashed: String
        if bytes.count == 8, bytes.allSatisfy(isDigit) {
            let compact = String(decoding: bytes, as: UTF8.self)
            dashed = compact.prefix(4) + "-" + compact.dropFirst(4).prefix(2) + "-" + compact.suffix(2)
        } else if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || isDigit($0.element) })
        {
            dashed = text
        } else {
            return .failure(.notADate)
        }
        guard let date = CivilDate(dashed) else { return .failure(.noSuchDay) }
        return .success(.day(date))
    }

    /// The calendar day this stands for when today is `today`.
    public func resolve(today: CivilDate) -> CivilDate {
        switch self {
        case .day(let date): date
        case .daysAgo(let days): today.adding(days: -days)
        }
    }

    /// `today`, `yesterday`, `Nd` or `YYYY-MM-DD` (weeks are shown in days).
    public var description: String {
        switch self {
        case .day(let date): date.description
        case .daysAgo(0): "today"
        case .daysAgo(1): "yesterday"
        case .daysAgo(let days): "\(days)d"
        }
    }
}
