/// Reads all of a file descriptor, giving up on a writer that never closes it.
public enum StandardInput {
    /// The most bytes kept; the rest are read, counted and dropped so the writer never blocks.
    public static let defaultLimit = 64 << 20

    /// How reading ended, apart from the bytes kept.
    public struct Outcome: Equatable, Sendable {
        /// True when the deadline passed before end of file.
        public var timedOut = false
        /// The errno of a failed read, if one failed.
        public var readError: Int32?
        /// Bytes read past the limit and dropped.
        public var droppedBytes = 0

        /// Creates an outcome.
        public init(timedOut: Bool = false, readError: Int32? = nil, droppedBytes: Int = 0) {
            self.timedOut = timedOut
            self.readError = readError
            self.droppedBytes = droppedBytes
        }
    }

    /// What was read, and whether reading stopped before end of file.
    public struct Contents: Sendable {
        /// The bytes read, at most the limit.
        public var bytes: [UInt8]
        /// True when the deadline passed before end of file.
        public var timedOut: Bool
        /// The errno of a failed read, if one failed.
        public var readError: Int32?
        /// Bytes read past the limit and dropped.
        public var droppedBytes = 0

        /// How reading ended.
        public var outcome: Outcome {
            Outcome(timedOut: timedOut, readError: readError, droppedBytes: droppedBytes)
        }
    }

    /// How many bytes the first buffer holds: a typical payload fits, and a buffer this small comes
    /// from the heap the process already has, without a system call.
    public static let firstBufferSize = 64 << 10

    /// Calls `body` with the first `limit` bytes of `descriptor` and how reading ended.
    ///
    /// The bytes are read, never mapped: a mapped file truncated by someone else would kill the
    /// process with SIGBUS. They land in a buffer of `firstBufferSize` bytes; a payload that fills
    /// it moves on to one buffer of `limit` bytes of `MappedMemory`, which the system only backs
    /// as it fills, so a large payload costs no copying beyond the first buffer.
    public static func withAll<Result>(
        from descriptor: Int32 = 0, timeoutMilliseconds: Int = 5000, limit: Int = defaultLimit,
        _ body: (UnsafeBufferPointer<UInt8>, Outcome) -> Result
    ) -> Result {
        let file = FileDescriptor(rawValue: descriptor)
        let deadline = SystemClock.monotonicMilliseconds() + timeoutMilliseconds
        var outcome = Outcome()
        let firstSize = min(limit, firstBufferSize)
        let first = UnsafeMutableRawBufferPointer.allocate(byteCount: max(firstSize, 1), alignment: 16)
        defer { first.deallocate() }
        let firstCount = read(
            from: file, into: UnsafeMutableRawBufferPointer(rebasing: first[0..<firstSize]),
            deadline: deadline,
            drain: firstSize == limit, outcome: &outcome)
        guard let firstCount else {
            // The first buffer is full and more may follow: go on in one buffer of the limit's size,
            // mapped so that a large payload costs few page faults.
            let mapped = MappedMemory(byteCount: limit)
            let buffer =
                mapped?.bytes ?? UnsafeMutableRawBufferPointer.allocate(byteCount: limit, alignment: 16)
            defer {
                if let mapped { mapped.deallocate() } else { buffer.deallocate() }
            }
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: first[0..<firstSize]))
            let rest =
                read(
                    from: file, into: UnsafeMutableRawBufferPointer(rebasing: buffer[firstSize...]),
                    deadline: deadline, drain: true, outcome: &outcome) ?? 0
            return body(
                UnsafeBufferPointer(
                    start: buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count: firstSize + rest),
                outcome)
        }
        return body(
            UnsafeBufferPointer(
                start: first.baseAddress?.assumingMemoryBound(to: UInt8.self), count: firstCount),
            outcome)
    }

    /// Reads `descriptor` to end of file, or until `timeoutMilliseconds` have passed.
    ///
    /// Reading to the end matters: exiting early makes Claude Code report a broken pipe.
    public static func readAll(
        from descriptor: Int32 = 0, timeoutMilliseconds: Int = 5000, limit: Int = defaultLimit
    ) -> Contents {
        withAll(from: descriptor, timeoutMilliseconds: timeoutMilliseconds, limit: limit) {
            Contents(
                bytes: Array($0), timedOut: $1.timedOut, readError: $1.readError,
                droppedBytes: $1.droppedBytes)
        }
    }

    /// Fills `buffer` from `file` until end of file, an error or `deadline`, returning the bytes
    /// kept; when the buffer fills first, returns nil unless `drain`, in which case it reads and
    /// counts the rest as dropped.
    private static func read(
        from file: FileDescriptor, into buffer: UnsafeMutableRawBufferPointer, deadline: Int, drain: Bool,
        outcome: inout Outcome
    ) -> Int? {
        var kept = 0
        // Past the limit, bytes go here to be counted and dropped.
        var scratch: UnsafeMutableRawBufferPointer?
        defer { scratch?.deallocate() }
        var hungUp = false
        while true {
            if kept == buffer.count && !drain { return nil }
            let remaining = deadline - SystemClock.monotonicMilliseconds()
            if remaining <= 0 {
                outcome.timedOut = true
                return kept
            }
            // When poll does not work on this descriptor, a plain blocking read follows. Once the
            // writer has hung up no read can block, so the rest is read without a poll each time.
            if !hungUp {
                switch try? file.waitForInput(timeoutMilliseconds: remaining) {
                case .timedOut:
                    outcome.timedOut = true
                    return kept
                case .hungUp: hungUp = true
                case .readable, nil: break
                }
            }
            do throws(Errno) {
                if kept < buffer.count {
                    let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[kept...]))
                    if count == 0 { return kept }
                    kept += count
                } else {
                    let drain =
                        scratch ?? UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
                    scratch = drain
                    let count = try file.read(into: drain)
                    if count == 0 { return kept }
                    outcome.droppedBytes += count
                }
            } catch  where error == .wouldBlock {
                continue
            } catch {
                outcome.readError = error.code
                return kept
            }
        }
    }
}
