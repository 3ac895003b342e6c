#if os(Linux)
    // At start-up the Swift runtime's crash backtracer looks for its helper, `swift-backtrace`,
    // next to the executable (`swift_copyAuxiliaryExecutablePath`: a readlink and 8 stat calls on
    // every run). A static hook installed on its own never has it there, so crash catching ends up
    // off anyway. Defining the function here keeps the runtime's search (Paths.cpp) out of the link,
    // with the answer the search gives such an install: not found. A user who wants crash
    // backtraces still gets them by naming the helper, `SWIFT_BACKTRACE=swift-backtrace=/path/to/it`,
    // which the runtime reads before it would search.

    /// The path of a Swift auxiliary executable, as the runtime's function of this name returns it:
    /// never found here.
    @_cdecl("swift_copyAuxiliaryExecutablePath")
    func swiftRuntimeCopyAuxiliaryExecutablePath(
        _ name: UnsafePointer<CChar>?
    ) -> UnsafeMutablePointer<CChar>? {
        nil
    }
#endif
