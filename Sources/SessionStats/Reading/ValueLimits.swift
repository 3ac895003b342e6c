/// The largest numbers a log record can hold: a larger one was not written by the hook or by `rotate`,
/// so the record is skipped and counted as bad rather than allowed to swamp (or overflow) the totals.
///
/// A hook reads at most a few tens of megabytes, so even a billion (2^30) tokens in one line is out
/// of reach; 2^40 leaves room for any future format. A rollup row sums at most a day of lines, and
/// its numbers stay below 2^53, the largest integer every JSON reader holds exactly.
public enum ValueLimits {
    /// The most `tokens.input` or `tokens.output` of one activity line.
    public static let lineTokens = 1 << 40
    /// The longest `duration_ms` of one call: about 34 years.
    public static let lineDurationMS = 1 << 40
    /// The most any count, token sum or duration sum of a rollup row may reach.
    public static let rollupValue = 1 << 53
}
