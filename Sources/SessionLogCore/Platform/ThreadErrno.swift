#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// An error number kept per thread, as C's `errno` is, for call wrappers that report failure by a
/// nil result: a thread reads back its own failure, never one another thread had meanwhile.
public enum ThreadErrno {
    // A thread's value lives in its slot as a pointer-sized integer, so nothing is allocated or freed.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// The error number this thread last stored; 0 before any.
    public static var value: Int32 {
        get { Int32(truncatingIfNeeded: Int(bitPattern: pthread_getspecific(key))) }
        set { _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: Int(newValue))) }
    }
}
