#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// The argument vector the kernel laid out below the environment on a Linux process's first stack.
///
/// Linux places `argc`, the `argv` pointers and their NULL right before the `environ` pointers
/// (the System V ABI's initial stack), so they are found by walking back from `environ`, as the
/// Swift runtime's own start-up does, without its reading and parsing of `/proc/self/maps`.
public enum InitialArguments {
    /// A C array of C strings, such as `argv` or `environ`.
    public typealias Vector = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

    /// The process's `argv` and `argc`, or nil off Linux or when `environ` no longer points at the
    /// initial stack's vector (a `setenv` moved it).
    public static func locate() -> (vector: Vector, count: Int32)? {
        #if os(Linux)
            // `__environ`, not the overlay's `environ`, whose type does not allow the NULL `clearenv` leaves.
            let current: Vector? = __environ
            return current.flatMap { locate(below: $0) }
        #else
            return nil
        #endif
    }

    /// The `argv` and `argc` that precede `environment`, or nil when the words before it are not a
    /// NULL-terminated vector of addresses above it preceded by their count.
    public static func locate(below environment: Vector) -> (vector: Vector, count: Int32)? {
        let terminator = environment - 1
        guard terminator.pointee == nil else { return nil }
        let environmentAddress = UInt(bitPattern: environment)
        var slot = terminator
        var count: UInt = 0
        // The strings lie above both pointer arrays, so the first word below the environment that is
        // not an address above it is `argc`; it must equal the pointers walked past.
        while count < 1 << 20 {
            slot -= 1
            let word = UnsafeRawPointer(slot).load(as: UInt.self)
            if word < environmentAddress {
                guard word == count else { return nil }
                return (slot + 1, Int32(count))
            }
            count += 1
        }
        return nil
    }
}
