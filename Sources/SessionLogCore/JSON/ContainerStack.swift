/// The open containers of a value being skipped, innermost last: true for an object.
///
/// The first 64 levels live in one word, so a skip allocates nothing: an array here made the
/// hook's one call pay for the runtime's array metadata set-up. Deeper levels go to an array.
struct ContainerStack {
    private var bits: UInt64 = 0
    private var depth = 0
    private var deeper: [Bool] = []

    /// The innermost open container, or nil when none is open.
    @inline(__always)
    var last: Bool? {
        if depth == 0 { return nil }
        if depth > 64 { return deeper.last }
        return bits & (1 << UInt64(depth - 1)) != 0
    }

    /// Opens a container.
    @inline(__always)
    mutating func push(isObject: Bool) {
        if depth >= 64 {
            deeper.append(isObject)
        } else if isObject {
            bits |= 1 << UInt64(depth)
        } else {
            bits &= ~(1 << UInt64(depth))
        }
        depth += 1
    }

    /// Closes the innermost container.
    @inline(__always)
    mutating func removeLast() {
        if depth > 64 { deeper.removeLast() }
        depth -= 1
    }
}
