/// Short numbers for the status line: `950`, `9.9k`, `140k`, `2.3M`, `1.2B`.
public enum CompactNumber {
    /// `value` in at most three digits and a suffix, rounded half up; one decimal below 10 of a unit.
    public static func format(_ value: Int) -> String {
        let value = max(0, value)
        let unit: Int
        let suffix: String
        // Thresholds sit where rounding would show 1000 of the smaller unit.
        if value >= 999_500_000 {
            (unit, suffix) = (1_000_000_000, "B")
        } else if value >= 999_500 {
            (unit, suffix) = (1_000_000, "M")
        } else if value >= 1000 {
            (unit, suffix) = (1000, "k")
        } else {
            return String(value)
        }
        // Int128: a saturated total (Int.max) must not overflow here.
        let wide = Int128(value)
        let tenths = (wide * 10 + Int128(unit / 2)) / Int128(unit)
        if tenths < 100 { return NumberFormat.fixed(tenths, decimals: 1) + suffix }
        return String((wide + Int128(unit / 2)) / Int128(unit)) + suffix
    }
}
