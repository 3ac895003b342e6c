#if canImport(Darwin)
    @preconcurrency import Darwin
#elseif canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Musl)
    @preconcurrency import Musl
#endif

/// The C library's vectorised byte routines, for hot loops over raw buffers.
public enum RawMemory {
    /// The first position of `byte` in `count` bytes at `start` (`memchr`), or nil.
    @inlinable
    public static func firstPosition(
        of byte: UInt8, in start: UnsafeRawPointer, count: Int
    ) -> UnsafeRawPointer? {
        guard count > 0 else { return nil }
        return UnsafeRawPointer(memchr(start, Int32(byte), count))
    }

    /// Whether `count` bytes at `left` and `right` are equal (`memcmp`).
    @inlinable
    public static func equal(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, count: Int) -> Bool {
        count <= 0 || memcmp(left, right, count) == 0
    }

    /// Copies `count` bytes from `source` to `destination`; the ranges may overlap (`memmove`).
    @inlinable
    public static func move(
        to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int
    ) {
        guard count > 0 else { return }
        memmove(destination, source, count)
    }
}
