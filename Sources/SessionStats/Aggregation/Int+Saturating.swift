infix operator +|= : AssignmentPrecedence
infix operator +| : AdditionPrecedence

extension Int {
    /// The sum, or `Int.max` (`Int.min`) where it would overflow: totals of hostile logs stop at the
    /// limit instead of trapping.
    @inline(__always)
    public static func +| (lhs: Int, rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? (rhs > 0 ? .max : .min) : sum
    }

    /// Adds `rhs`, stopping at `Int.max` or `Int.min` instead of overflowing.
    @inline(__always)
    public static func +|= (lhs: inout Int, rhs: Int) {
        let sum = lhs +| rhs
        lhs = sum
    }
}
