/// Shares an amount of picodollars by sizes, exactly: each share is rounded down and the few
/// picodollars left go to the largest size (the earliest of equal ones), so the shares always add
/// up to the amount.
public enum ProportionalSplit {
    /// The shares of `amount` for `sizes`, in their order; nil when the sizes add up to zero.
    public static func shares(of amount: Int128, by sizes: [Int]) -> [Int128]? {
        var total: Int128 = 0
        var largest = 0
        for (index, size) in sizes.enumerated() {
            total += Int128(max(size, 0))
            if size > sizes[largest] { largest = index }
        }
        guard total > 0 else { return nil }
        var shares = sizes.map { amount * Int128(max($0, 0)) / total }
        var given: Int128 = 0
        for share in shares { given += share }
        shares[largest] += amount - given
        return shares
    }
}
