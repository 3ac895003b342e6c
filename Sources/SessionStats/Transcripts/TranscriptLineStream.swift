import SessionLogCore

/// Splits an open transcript into lines from a byte offset, reading large chunks.
///
/// A line longer than `maximumLineBytes` (Claude Code's `file-history-snapshot` lines reach hundreds
/// of megabytes) is skipped while it streams past, never held in memory. A last line without its
/// newline is handed on only when it is complete JSON, so a line Claude Code is still writing is
/// read again, whole, next time.
struct TranscriptLineStream: ~Copyable {
    /// What one pass over a file read.
    struct Pass: Equatable, Sendable {
        /// The offset just after the last line handed on: where the next pass starts.
        var endOffset = 0
        /// Bytes read from the file.
        var bytesRead = 0
        /// Lines longer than the limit, skipped unread.
        var overlongLines = 0
        /// The errno of a failed read, if one failed.
        var readError: Int32?
    }

    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let chunkSize: Int
    private let maximumLineBytes: Int

    /// Creates a stream that reads `chunkSize` bytes at a time and skips lines over `maximumLineBytes`.
    init(chunkSize: Int, maximumLineBytes: Int) {
        self.chunkSize = max(chunkSize, 16)
        self.maximumLineBytes = max(maximumLineBytes, self.chunkSize)
        capacity = self.chunkSize
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Reads the open file from `offset` (0 or just after a line handed on before), calling `body` with
    /// the buffer, each line's bounds in it (without the newline) and its 1-based number in the pass;
    /// skipped over-long lines are numbered too.
    mutating func forEachLine(
        _ descriptor: Int32, from offset: Int,
        _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ number: Int) -> Void
    ) -> Pass {
        forEachLine(descriptor, from: offset) { bytes, start, end, number, _ in
            body(bytes, start, end, number)
        }
    }

    /// The same, also handing on the file offset where each line starts.
    mutating func forEachLine(
        _ descriptor: Int32, from offset: Int,
        _ body: (
            _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ number: Int, _ fileOffset: Int
        ) -> Void
    ) -> Pass {
        var pass = Pass()
        pass.endOffset = offset
        guard FileAccess.seek(descriptor, to: offset) else {
            pass.readError = FileAccess.lastError
            return pass
        }
        var start = 0  // first unconsumed byte in the buffer
        var filled = 0
        var bufferOffset = offset  // file offset of base[0]
        var atEnd = false
        var skipping = false  // inside an over-long line, discarding until its newline
        var lineNumber = 0
        while true {
            // Take every complete line in the buffer.
            while let newline = FileAccess.newline(in: base, start: start, end: filled) {
                if skipping {
                    skipping = false
                } else {
                    lineNumber += 1
                    body(
                        UnsafeBufferPointer(start: UnsafePointer(base), count: newline), start, newline,
                        lineNumber, bufferOffset + start)
                }
                start = newline + 1
                pass.endOffset = bufferOffset + start
            }
            if atEnd {
                // A last line without its newline counts only when it is complete JSON.
                if !skipping && start < filled {
                    lineNumber += 1
                    if lastLineIsComplete(start: start, end: filled) {
                        body(
                            UnsafeBufferPointer(start: UnsafePointer(base), count: filled), start, filled,
                            lineNumber, bufferOffset + start)
                        pass.endOffset = bufferOffset + filled
                    }
                }
                return pass
            }
            // Make room: drop consumed bytes, grow for a long line, or start skipping an over-long one.
            if skipping {
                bufferOffset += filled
                start = 0
                filled = 0
            } else if start > 0 {
                let kept = filled - start
                if kept > 0 { base.update(from: base + start, count: kept) }
                bufferOffset += start
                filled = kept
                start = 0
            }
            if filled == capacity {
                if capacity >= maximumLineBytes {
                    pass.overlongLines += 1
                    lineNumber += 1
                    skipping = true
                    bufferOffset += filled
                    filled = 0
                } else {
                    grow(to: min(capacity * 2, maximumLineBytes), keeping: filled)
                }
            }
            let count = FileAccess.read(descriptor, into: base + filled, count: capacity - filled)
            if count < 0 {
                pass.readError = FileAccess.lastError
                return pass
            }
            if count == 0 {
                atEnd = true
            } else {
                filled += count
                pass.bytesRead += count
            }
        }
    }

    /// Reads the open file whole, from its start, when it is shorter than the line limit (so no line
    /// can be over-long): the buffer, where its complete lines end (at the last newline, or after a
    /// last line that is complete JSON without one) and what was read. Nil, with the file offset back
    /// at its start, for a longer file (or one that grew past the limit while read).
    mutating func readWhole(_ descriptor: Int32) -> (bytes: UnsafeBufferPointer<UInt8>, end: Int, pass: Pass)?
    {
        guard let size = FileAccess.status(descriptor: descriptor)?.size, size < maximumLineBytes else {
            return nil
        }
        // One byte more than the size, so a read that fills the buffer means the file grew.
        if capacity <= size { grow(to: min(max(size + 1, capacity * 2), maximumLineBytes), keeping: 0) }
        var pass = Pass()
        var filled = 0
        while filled < capacity {
            let count = FileAccess.read(descriptor, into: base + filled, count: capacity - filled)
            if count < 0 {
                pass.readError = FileAccess.lastError
                break
            }
            if count == 0 { break }
            filled += count
        }
        if filled == capacity {
            if FileAccess.seek(descriptor, to: 0) { return nil }
            pass.readError = FileAccess.lastError
            return (UnsafeBufferPointer(start: base, count: 0), 0, pass)
        }
        pass.bytesRead = filled
        var end = filled
        while end > 0 && base[end - 1] != 0x0A { end -= 1 }
        if end < filled && pass.readError == nil && lastLineIsComplete(start: end, end: filled) {
            end = filled
        }
        pass.endOffset = end
        return (UnsafeBufferPointer(start: base, count: filled), end, pass)
    }

    private mutating func grow(to size: Int, keeping count: Int) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = size
    }

    // Whether the bytes hold only complete JSON values (a line whose newline has not arrived yet).
    private func lastLineIsComplete(start: Int, end: Int) -> Bool {
        let bytes = UnsafeBufferPointer(start: UnsafePointer(base), count: end)
        var scanner = JSONScanner(bytes, start: start, end: end)
        do throws(JSONScanError) {
            while !scanner.isAtEnd() { try scanner.skipValue() }
            return true
        } catch {
            return false
        }
    }
}
