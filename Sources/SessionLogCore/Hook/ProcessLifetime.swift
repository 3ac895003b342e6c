/// Values a short-lived process leaves for its exit to free.
///
/// Freeing the first String of 64 bytes or more makes the Swift runtime demangle and build the
/// metadata of `Optional<_StringBreadcrumbs>` (about 35,000 instructions and several page faults, a
/// sixth of a hook run) for memory the exit returns anyway. The hook keeps its payload, record and
/// environment, whose strings are the long ones.
enum ProcessLifetime {
    // Non-generic classes with non-optional fields: a generic box, or an optional being replaced,
    // would make the runtime build type metadata, which is what keeping them avoids.
    private final class KeptPayload {
        let value: HookPayload
        init(_ value: HookPayload) { self.value = value }
    }

    private final class KeptRecord {
        let value: LogRecord
        init(_ value: LogRecord) { self.value = value }
    }

    private final class KeptEnvironment {
        let value: HookEnvironment
        init(_ value: HookEnvironment) { self.value = value }
    }

    /// Keeps `value`, and the strings it holds, alive until the process exits.
    static func keep(_ value: HookPayload) { _ = Unmanaged.passRetained(KeptPayload(value)) }

    /// Keeps `value`, and the strings it holds, alive until the process exits.
    static func keep(_ value: LogRecord) { _ = Unmanaged.passRetained(KeptRecord(value)) }

    /// Keeps `value`, and the strings it holds, alive until the process exits.
    static func keep(_ value: HookEnvironment) { _ = Unmanaged.passRetained(KeptEnvironment(value)) }
}
