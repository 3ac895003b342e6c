/// Reads budget limits: plain decimal amounts of US dollars.
public enum BudgetAmount {
    /// `12`, `12.50`, `.5` or `$12.50` as an exact amount; nil for anything else (negative, `1e3`, `1,000`).
    ///
    /// Up to 12 decimals (picodollars) and 15 whole digits are accepted.
    public static func parse(_ text: String) -> USD? {
        var text = Substring(text)
        if text.hasPrefix("$") { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.utf8.count <= 15, fraction.utf8.count <= 12,
            whole.utf8.allSatisfy(isDigit), fraction.utf8.allSatisfy(isDigit)
        else { return nil }
        var picodollars = Int128(Int(whole) ?? 0) * 1_000_000_000_000
        var scale: Int128 = 100_000_000_000
        for digit in fraction.utf8 {
            picodollars += Int128(digit - 0x30) * scale
            scale /= 10
        }
        return USD(picodollars: picodollars)
    }

    /// A limit as people write it: `$10.00`, `$12.5`, `$0.125`.
    public static func display(_ amount: USD) -> String {
        "$" + NumberFormat.trimmed(amount.tenThousandths, decimals: 4, minimumDecimals: 2)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}
