/// What one read of some bytes gave: the value and where the read stopped, or the error; tests hold
/// a fast read to the general one by comparing these.
public struct ScanOutcome<Value: Equatable, Failure: Error & Equatable>: Equatable {
    /// The value read, nil for JSON `null` or an error.
    public var value: Value?
    /// Where the read stopped (0 after an error).
    public var offset = 0
    /// The error thrown, if any.
    public var error: Failure?

    /// Runs `read`, which gives the value and the offset it stopped at.
    public init(_ read: () throws(Failure) -> (value: Value?, offset: Int)) {
        do throws(Failure) {
            (value, offset) = try read()
        } catch {
            self.error = error
        }
    }
}
