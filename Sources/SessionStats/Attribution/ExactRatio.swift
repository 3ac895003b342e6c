/// The ratio `amount / total` as a fixed-point number, so that a split's every share
/// ⌊`amount` · `size` / `total`⌋ is two multiplications and an addition instead of a 64-bit
/// division: the same floor, exactly, for every `size` from 0 to `total` (`ContextChain` shares each
/// request's cost over every piece in context with one `total`).
///
/// Why it is exact. Let M = ⌈`amount` · 2⁶⁴ / `total`⌉ (kept as `high` · 2⁶⁴ + `low`) and
/// e = M · `total` − `amount` · 2⁶⁴, so 0 ≤ e < `total`. For a size v, write `amount` · v =
/// q · `total` + r with 0 ≤ r < `total`. Then v · M = (`amount` · v · 2⁶⁴ + v · e) / `total`
/// = q · 2⁶⁴ + (r · 2⁶⁴ + v · e) / `total`, and ⌊v · M / 2⁶⁴⌋ = q exactly when
/// r · 2⁶⁴ + v · e < `total` · 2⁶⁴, that is when v · e < (`total` − r) · 2⁶⁴; as `total` − r ≥ 1 it
/// is enough that v · e < 2⁶⁴, which holds when v ≤ `total` ≤ 2³² (v · e < `total`² ≤ 2⁶⁴).
/// ⌊v · M / 2⁶⁴⌋ is v · `high` + the high word of v · `low`, with nothing dropped; neither term nor
/// their sum exceeds q ≤ `amount`, so nothing overflows.
struct ExactRatio {
    /// ⌊M / 2⁶⁴⌋: the ratio's integer part.
    let high: UInt64
    /// M mod 2⁶⁴: the ratio's fraction, rounded up.
    let low: UInt64

    /// The largest `total` the shares are exact for.
    static let largestTotal: UInt64 = 1 << 32

    /// The ratio of `amount` to `total`; nil when `total` is 0 or above `largestTotal`.
    init?(_ amount: UInt64, over total: UInt64) {
        guard total > 0, total <= Self.largestTotal else { return nil }
        let (whole, rest) = amount.quotientAndRemainder(dividingBy: total)
        // rest < total, so rest · 2⁶⁴ / total < 2⁶⁴: the quotient fits.
        let (fraction, left) = total.dividingFullWidth((high: rest, low: 0))
        let (low, carry) = fraction.addingReportingOverflow(left == 0 ? 0 : 1)
        high = carry ? whole + 1 : whole
        self.low = low
    }

    /// ⌊`amount` · `size` / `total`⌋, for `size` from 0 to `total`.
    @inline(__always)
    func share(of size: UInt64) -> UInt64 {
        size &* high &+ size.multipliedFullWidth(by: low).high
    }

    /// Whether `amount` is below `total` (the ratio's whole part `high` is 0).
    var isFraction: Bool { high == 0 }

    /// `share(of:)` when `isFraction`: the high word of `size` · `low` alone.
    @inline(__always)
    func fractionShare(of size: UInt64) -> UInt64 {
        size.multipliedFullWidth(by: low).high
    }
}
