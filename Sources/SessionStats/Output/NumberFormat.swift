/// Formats numbers for people: thousands separators, fixed decimals and durations, never from the locale.
///
/// Everything is integer arithmetic on purpose: `printf` and `String(format:)` follow `LC_NUMERIC`,
/// which turned the bash tool's `%'d` into `1.234` under a German locale.
public enum NumberFormat {
    /// `1234567` as `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        result.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
        let count = digits.utf8.count
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// `count` grouped, then the `singular` or `plural` noun: `1 line`, `1,234 lines`.
    public static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        grouped(count) + " " + (count == 1 ? singular : plural)
    }

    /// `scaled` divided by 10^`decimals`, with exactly that many decimals, e.g. (12345, 2) as `123.45`.
    ///
    /// The integer part is grouped with commas when `grouping` is true.
    public static func fixed(_ scaled: Int128, decimals: Int, grouping: Bool = false) -> String {
        var divisor: Int128 = 1
        for _ in 0..<decimals { divisor *= 10 }
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt128(divisor)
        let fraction = magnitude % UInt128(divisor)
        var result = scaled < 0 ? "-" : ""
        if grouping, let small = Int(exactly: whole) {
            result += grouped(small)
        } else {
            result += String(whole)
        }
        guard decimals > 0 else { return result }
        let fractionDigits = String(fraction)
        result += "." + String(repeating: "0", count: decimals - fractionDigits.utf8.count) + fractionDigits
        return result
    }

    /// `part` as a percentage of `whole` with one decimal, rounded half up: `12.5%`; `0.0%` when `whole` is 0.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0%" }
        let tenths = (Int128(part) * 2000 + Int128(whole)) / (Int128(whole) * 2)
        return fixed(tenths, decimals: 1) + "%"
    }

    /// `numerator / denominator` with one decimal, rounded half up; `0.0` when `denominator` is 0.
    public static func ratio(_ numerator: Int, _ denominator: Int) -> String {
        guard denominator > 0 else { return "0.0" }
        let tenths = (Int128(numerator) * 20 + Int128(denominator)) / (Int128(denominator) * 2)
        return fixed(tenths, decimals: 1, grouping: true)
    }

    /// A call's duration: `41 ms`, `1.2 s`, `2m 05s`, `1h 03m`.
    public static func milliseconds(_ value: Int) -> String {
        if value < 1000 { return "\(value) ms" }
        if value < 60_000 {
            // Tenths of a second, rounded half up.
            return fixed(Int128((value + 50) / 100), decimals: 1) + " s"
        }
        return span(seconds: (value + 500) / 1000)
    }

    /// A span of time such as a session's length: `45s`, `2m 05s`, `1h 03m`, `3d 04h`.
    public static func span(seconds: Int) -> String {
        let seconds = max(0, seconds)
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m " + twoDigits(seconds % 60) + "s" }
        if seconds < 86_400 { return "\(seconds / 3600)h " + twoDigits(seconds / 60 % 60) + "m" }
        return "\(seconds / 86_400)d " + twoDigits(seconds / 3600 % 24) + "h"
    }

    /// `value` as at least two digits.
    public static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension NumberFormat {
    /// `scaled` / 10^`decimals` with trailing zeros dropped down to `minimumDecimals`: (800_000, 6, 2) as `0.80`.
    public static func trimmed(_ scaled: Int128, decimals: Int, minimumDecimals: Int) -> String {
        var text = fixed(scaled, decimals: decimals)
        var dropped = 0
        while dropped < decimals - minimumDecimals, text.hasSuffix("0") {
            text.removeLast()
            dropped += 1
        }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A bar of `width` cells scaled so that `maximum` fills it; any non-zero value shows at least one cell.
    public static func bar(_ value: Int, maximum: Int, width: Int) -> String {
        guard value > 0, maximum > 0 else { return "" }
        let cells = max(1, Int((Int128(value) * Int128(width) * 2 + Int128(maximum)) / (Int128(maximum) * 2)))
        return String(repeating: "█", count: min(cells, width))
    }
}
