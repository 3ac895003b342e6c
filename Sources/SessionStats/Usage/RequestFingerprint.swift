/// FNV-1a on 32 or 64 bits: the fingerprints the ledger's reads deduplicate request keys by, and
/// (on 64 bits, `FNV1a64`) the hash of the activity bytes a roll-up holds.
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

/// The 64-bit FNV-1a hash, fed in pieces (roll-up markers, request keys).
typealias FNV1a64 = RequestFingerprint<UInt64>

extension RequestFingerprint {
    /// Mixes in `bytes`.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { mix(byte) }
    }
}
