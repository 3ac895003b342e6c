import SessionLogCore

extension JSONScanner {
    /// Whether the token's raw bytes are exactly `literal`, which must contain no escapable byte.
    ///
    /// The same test as `matches(_:_:)`, compiled into this module so the per-key checks of the
    /// hot decoding loop are inlined rather than called across modules.
    @inline(__always)
    func equals(_ token: JSONStringToken, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard token.end - token.start == count, !token.hasEscapes else { return false }
        let pointer = literal.utf8Start
        let base = bytes.baseAddress! + token.start
        var index = 0
        while index < count {
            if base[index] != pointer[index] { return false }
            index += 1
        }
        return true
    }
}
