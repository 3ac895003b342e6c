/// An exact amount of US dollars, held in picodollars (10⁻¹² USD) so sums never drift.
///
/// Every rate in the table is a whole number of picodollars per token, so a cost is an exact
/// integer and a total is exactly the sum of its parts; rounding happens once, when it is shown.
public struct USD: Hashable, Comparable, Sendable, AdditiveArithmetic {
    /// The amount in picodollars.
    public var picodollars: Int128

    /// Creates an amount from picodollars.
    public init(picodollars: Int128) { self.picodollars = picodollars }

    /// No money.
    public static let zero = USD(picodollars: 0)

    /// Picodollars in one ten-thousandth of a dollar, the precision reports show.
    static let picodollarsPerDisplayUnit: Int128 = 100_000_000

    /// The amount in ten-thousandths of a dollar, rounded half away from zero (never truncated).
    public var tenThousandths: Int128 {
        let unit = USD.picodollarsPerDisplayUnit
        let half = unit / 2
        return picodollars >= 0 ? (picodollars + half) / unit : -((-picodollars + half) / unit)
    }

    /// The amount rounded to 4 decimals, as JSON number text: `0.1234`.
    public var fixed4: String { NumberFormat.fixed(tenThousandths, decimals: 4) }

    /// The amount for people: `$1,234.5678`.
    public var display: String { "$" + NumberFormat.fixed(tenThousandths, decimals: 4, grouping: true) }

    public static func + (lhs: USD, rhs: USD) -> USD { USD(picodollars: lhs.picodollars + rhs.picodollars) }

    public static func - (lhs: USD, rhs: USD) -> USD { USD(picodollars: lhs.picodollars - rhs.picodollars) }

    public static func < (lhs: USD, rhs: USD) -> Bool { lhs.picodollars < rhs.picodollars }
}
