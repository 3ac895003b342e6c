#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#else
    #error("SessionLog needs Darwin, Glibc or Musl")
#endif

/// An error number from a failed system call; its values differ between platforms, so compare with the constants.
public struct Errno: Error, Hashable, Sendable {
    /// The raw value, as `errno` held it.
    public var code: Int32

    /// Wraps a raw error number.
    public init(_ code: Int32) { self.code = code }

    /// The calling thread's `errno` now.
    public static var current: Errno { Errno(errno) }

    /// ENOENT.
    public static let noSuchFile = Errno(ENOENT)
    /// EEXIST.
    public static let exists = Errno(EEXIST)
    /// EINTR.
    public static let interrupted = Errno(EINTR)
    /// EAGAIN (EWOULDBLOCK is the same on every supported platform).
    public static let wouldBlock = Errno(EAGAIN)
    /// ENOTDIR.
    public static let notDirectory = Errno(ENOTDIR)
    /// EISDIR.
    public static let isDirectory = Errno(EISDIR)
    /// ENOSPC.
    public static let noSpace = Errno(ENOSPC)
    /// EINVAL.
    public static let invalidArgument = Errno(EINVAL)
    /// EROFS.
    public static let readOnlyFileSystem = Errno(EROFS)
    /// EIO.
    public static let ioError = Errno(EIO)
    /// ELOOP: what `O_NOFOLLOW` gives for a symbolic link.
    public static let tooManySymbolicLinks = Errno(ELOOP)
    /// EACCES.
    public static let permissionDenied = Errno(EACCES)
    /// EPERM.
    public static let notPermitted = Errno(EPERM)
    /// ENOTSUP.
    public static let notSupported = Errno(ENOTSUP)
    /// ENXIO: what opening a FIFO for writing without a reader gives with `O_NONBLOCK`.
    public static let noDeviceOrAddress = Errno(ENXIO)
    /// EPIPE.
    public static let brokenPipe = Errno(EPIPE)

    /// The system's text for the error (strerror), lowercased.
    public var message: String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text).lowercased()
    }
}
