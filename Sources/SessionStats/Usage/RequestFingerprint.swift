/// FNV-1a on 32 or 64 bits over a request key's text: the fingerprints the ledger's reads deduplicate by.
struct RequestFingerprint<Width: FixedWidthInteger & UnsignedInteger> {
    /// The hash of the bytes mixed so far.
    private(set) var value: Width =
        Width.bitWidth == 64
        ? Width(truncatingIfNeeded: 14_695_981_039_346_656_037 as UInt64)
        : Width(truncatingIfNeeded: 2_166_136_261 as UInt64)

    /// Mixes in one byte.
    @inline(__always)
    mutating func mix(_ byte: UInt8) {
        let prime: Width =
            Width.bitWidth == 64
            ? Width(truncatingIfNeeded: 1_099_511_628_211 as UInt64)
            : Width(truncatingIfNeeded: 16_777_619 as UInt64)
        value = (value ^ Width(byte)) &* prime
    }
}
