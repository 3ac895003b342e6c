@preconcurrency import Glibc

/// Reads all of a file descriptor, giving up on a writer that never closes it.
public enum StandardInput {
    /// What was read, and whether reading stopped before end of file.
    public struct Contents: Sendable {
        /// The bytes read.
        public var bytes: [UInt8]
        /// True when the deadline passed before end of file.
        public var timedOut: Bool
        /// The errno of a failed read, if one failed.
        public var readError: Int32?
    }

    /// Calls `body` with all of `descriptor`'s bytes, whether the deadline passed first, and a read error.
    ///
    /// A regular file (stdin redirected from one) is mapped rather than copied, so a large payload
    /// costs no buffer to fault in; a pipe, as Claude Code gives, is read with `readAll`.
    public static func withAll<Result>(
        from descriptor: Int32 = 0, timeoutMilliseconds: Int = 5000,
        _ body: (UnsafeBufferPointer<UInt8>, _ timedOut: Bool, _ readError: Int32?) -> Result
    ) -> Result {
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0
            && lseek(descriptor, 0, SEEK_CUR) == 0
        {
            let size = Int(info.st_size)
            if let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
                mapping != MAP_FAILED
            {
                defer { munmap(mapping, size) }
                return body(
                    UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size),
                    false, nil)
            }
        }
        let contents = readAll(from: descriptor, timeoutMilliseconds: timeoutMilliseconds)
        return contents.bytes.withUnsafeBufferPointer { body($0, contents.timedOut, contents.readError) }
    }

    /// Reads `descriptor` to end of file, or until `timeoutMilliseconds` have passed; keeps the first
    /// `limit` bytes and reads the rest without keeping it.
    ///
    /// Reading to the end matters: exiting early makes Claude Code report a broken pipe.
    public static func readAll(
        from descriptor: Int32 = 0, timeoutMilliseconds: Int = 5000, limit: Int = .max
    ) -> Contents {
        var contents = Contents(bytes: [], timedOut: false, readError: nil)
        var info = stat()
        var capacity = 64 * 1024
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
            capacity = Int(info.st_size) + 1
        }
        capacity = min(capacity, limit)
        contents.bytes.reserveCapacity(capacity)
        let deadline = monotonicMilliseconds() + timeoutMilliseconds
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let remaining = deadline - monotonicMilliseconds()
            if remaining <= 0 {
                contents.timedOut = true
                return contents
            }
            let ready = poll(&poller, 1, Int32(min(remaining, Int(Int32.max))))
            if ready < 0 {
                if errno == EINTR { continue }
                // poll does not work on this descriptor: fall back to a plain blocking read.
            } else if ready == 0 {
                contents.timedOut = true
                return contents
            }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let kept = min(count, limit - contents.bytes.count)
                if kept > 0 { contents.bytes.append(contentsOf: chunk[0..<kept]) }
            } else if count == 0 {
                return contents
            } else if errno != EINTR && errno != EAGAIN {
                contents.readError = errno
                return contents
            }
        }
    }

    private static func monotonicMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return spec.tv_sec * 1000 + spec.tv_nsec / 1_000_000
    }
}
