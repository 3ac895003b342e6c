#if os(Linux)
    import SessionLogCore

    // The Swift runtime's CommandLine.cpp finds `argv` at start-up by reading /proc/self/maps and
    // parsing it with sscanf: five system calls and 49,000 instructions, a quarter of a hook run,
    // for arguments the hook never reads. Defining the two functions that file provides keeps it
    // out of the static link (a symbol defined here is never taken from libswiftCore.a; a clash
    // would fail the link, not the run), and `CommandLine` still works, found from `environ`.

    nonisolated(unsafe) private var overriddenVector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    nonisolated(unsafe) private var overriddenCount: Int32 = 0
    nonisolated(unsafe) private var emptyVector: UnsafeMutablePointer<CChar>? = nil

    /// `CommandLine.unsafeArgv` and `argc`, as the runtime's `_swift_stdlib_getUnsafeArgvArgc` gives them.
    @_silgen_name("_swift_stdlib_getUnsafeArgvArgc")
    func swiftRuntimeUnsafeArgvArgc(
        _ count: UnsafeMutablePointer<Int32>
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        if let overriddenVector {
            count.pointee = overriddenCount
            return overriddenVector
        }
        if let (vector, argc) = InitialArguments.locate() {
            count.pointee = argc
            return vector
        }
        count.pointee = 0
        return withUnsafeMutablePointer(to: &emptyVector) { $0 }
    }

    /// Replaces the arguments `CommandLine` reports, as the runtime's function of this name does.
    @_silgen_name("_swift_stdlib_overrideUnsafeArgvArgc")
    func swiftRuntimeOverrideUnsafeArgvArgc(
        _ vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ count: Int32
    ) {
        overriddenVector = vector
        overriddenCount = count
    }
#endif
