/// Shares an amount of picodollars by sizes, exactly: each share is rounded down and the few
/// picodollars left go to the largest size (the earliest of equal ones), so the shares always add
/// up to the amount.
public enum ProportionalSplit {
    /// The shares of `amount` for `sizes`, in their order; nil when the sizes add up to zero.
    public static func shares(of amount: Int128, by sizes: [Int]) -> [Int128]? {
        var shares = [Int128](repeating: 0, count: sizes.count)
        let shared = forEachShare(
            of: amount, count: sizes.count, size: { sizes[$0] }, { shares[$0] = $1 })
        return shared ? shares : nil
    }

    /// Calls `body` with each index below `count` and its share of `amount` by `size(index)`, in
    /// order except the largest, which comes last with the remainder; false (and no call) when the sizes add up to
    /// zero. Allocates nothing: attribution shares every request's reads over every piece in context.
    @inline(__always)
    static func forEachShare(
        of amount: Int128, count: Int, size: (Int) -> Int, _ body: (Int, Int128) -> Void
    ) -> Bool {
        var total = 0
        var largest = 0
        var largestSize = Int.min
        for index in 0..<count {
            let value = size(index)
            total += max(value, 0)
            if value > largestSize {
                largest = index
                largestSize = value
            }
        }
        guard total > 0 else { return false }
        // 64-bit arithmetic when amount × total fits (it almost always does); the same floors.
        let narrow = amount >= 0 && amount <= Int128(UInt64.max / UInt64(total))
        var given: Int128 = 0
        var largestShare: Int128 = 0
        for index in 0..<count {
            let value = max(size(index), 0)
            let share: Int128 =
                narrow
                ? Int128(UInt64(amount) &* UInt64(value) / UInt64(total))
                : amount * Int128(value) / Int128(total)
            given += share
            if index == largest { largestShare = share } else { body(index, share) }
        }
        body(largest, largestShare + amount - given)
        return true
    }
}
