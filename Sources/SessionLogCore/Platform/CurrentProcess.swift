#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// The running process: its environment, identity, signals and exit.
public enum CurrentProcess {
    /// The value of the environment variable `name`, or nil when it is unset (an empty value stays empty).
    public static func variable(_ name: String) -> String? {
        // withCString hands a literal's own bytes to getenv; passing the String directly would
        // copy it into a new array first (`utf8CString`), a heap allocation and four pages of code.
        guard let value = name.withCString({ getenv($0) }) else { return nil }
        return String(cString: value)
    }

    /// Sets the environment variable `name`, replacing any value; for tests and child processes.
    public static func setVariable(_ name: String, _ value: String) {
        setenv(name, value, 1)
    }

    /// Removes the environment variable `name`.
    public static func unsetVariable(_ name: String) {
        unsetenv(name)
    }

    /// The process id.
    public static var id: Int32 { getpid() }

    /// The real user id (`getuid`): the user who ran the process.
    public static var userID: UInt32 { UInt32(getuid()) }

    /// The effective user id (`geteuid`): the user whose permissions apply, 0 for root; read once,
    /// as nothing here changes it, so the checks before each write cost no further system call.
    public static let effectiveUserID = UInt32(geteuid())

    /// The machine's host name, or nil when it cannot be read.
    public static func hostName() -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer in
            guard let base = buffer.baseAddress else { return nil }
            buffer.initialize(repeating: 0)
            guard gethostname(base, buffer.count - 1) == 0 else { return nil }
            return String(cString: base)
        }
    }

    /// Makes a write to a closed pipe fail with EPIPE instead of killing the process with SIGPIPE.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Ends the process with `code`, flushing C stdio buffers.
    public static func exit(_ code: Int32) -> Never {
        systemExit(code)
    }
}

private func systemExit(_ code: Int32) -> Never { exit(code) }
