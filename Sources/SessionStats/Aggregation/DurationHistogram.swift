/// Call durations in a fixed set of buckets, for percentiles in bounded memory.
///
/// Durations under 1,024 ms are kept exactly; longer ones fall into 512 buckets per power of two,
/// so a percentile is off by at most 0.1 %. The buckets are an array that grows to the longest
/// duration seen: about 5,600 counts for 10 minutes, 28,000 at most, however many calls are added.
public struct DurationHistogram: Sendable {
    // Counts by bucket index; an array rather than a dictionary, as this runs for every line.
    private var buckets: [Int] = []
    /// How many durations were added.
    public private(set) var count = 0

    /// Sub-buckets per power of two above the exact range, as a power of two.
    private static let precisionBits = 9
    private static let exactLimit = 1 << (precisionBits + 1)

    /// Creates an empty histogram.
    public init() {}

    /// Adds one duration in milliseconds; negative values count as 0.
    @inline(__always)
    public mutating func add(_ milliseconds: Int) {
        let bucket = DurationHistogram.bucket(of: max(0, milliseconds))
        if bucket >= buckets.count { buckets += repeatElement(0, count: bucket + 1 - buckets.count) }
        buckets[bucket] += 1
        count += 1
    }

    /// Adds every duration of `other`.
    public mutating func merge(_ other: DurationHistogram) {
        if other.buckets.count > buckets.count {
            buckets += repeatElement(0, count: other.buckets.count - buckets.count)
        }
        for (bucket, count) in other.buckets.enumerated() { buckets[bucket] +|= count }
        count +|= other.count
    }

    /// The nearest-rank `percentile` (1–100) in milliseconds, or nil when empty.
    public func percentile(_ percentile: Int) -> Int? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((Int128(count) * Int128(percentile) + 99) / 100))
        var seen = 0
        for (bucket, count) in buckets.enumerated() {
            seen +|= count
            if seen >= rank { return DurationHistogram.representative(of: bucket) }
        }
        return nil
    }

    @inline(__always)
    private static func bucket(of value: Int) -> Int {
        guard value >= exactLimit else { return value }
        let exponent = Int.bitWidth - 1 - value.leadingZeroBitCount
        let shift = exponent - precisionBits
        let subBucket = (value >> shift) - (1 << precisionBits)
        return exactLimit + (shift - 1) * (1 << precisionBits) + subBucket
    }

    private static func representative(of bucket: Int) -> Int {
        guard bucket >= exactLimit else { return bucket }
        let offset = bucket - exactLimit
        let shift = offset >> precisionBits + 1
        let subBucket = offset & ((1 << precisionBits) - 1)
        let lower = (subBucket + (1 << precisionBits)) << shift
        // The middle of the bucket halves the worst-case error.
        return lower + (1 << shift) / 2
    }
}
