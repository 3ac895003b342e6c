import SessionLogCore

/// Shortens the hook's `logger-errors.log` to its last lines, atomically, without losing a line
/// the hook appends meanwhile.
enum ErrorLogTrim {
    /// Where the last `lines` lines of the open file start, or nil when it has no more lines than
    /// that. A last line without a newline counts as a line. Reads backwards from the end, in chunks.
    static func cutOffset(_ descriptor: FileDescriptor, size: Int, keeping lines: Int) -> Int? {
        guard size > 0 else { return nil }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position = size
        var newlines = 0
        while position > 0 {
            let start = max(0, position - chunk.count)
            let count = chunk.withUnsafeMutableBytes {
                try? descriptor.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(position - start)]), at: start)
            }
            guard let count, count == position - start else { return nil }
            var index = count - 1
            while index >= 0 {
                // The newline that ends the file ends the last line; it does not start one.
                if chunk[index] == UInt8(ascii: "\n") && start + index != size - 1 {
                    newlines += 1
                    if newlines == lines { return start + index + 1 }
                }
                index -= 1
            }
            position = start
        }
        return nil
    }

    /// Trims `path` to its last `lines` lines and returns how many bytes went, or nil when it was
    /// absent or short enough.
    ///
    /// The tail goes to a temporary file that is renamed over the log; lines the hook appended to
    /// the old file before the rename are then copied over, so nothing is lost.
    static func trim(
        _ path: String, temporary: String, keeping lines: Int, directory: FileDescriptor
    ) throws(RotationError) -> Int? {
        let descriptor: FileDescriptor
        do throws(AppendError) {
            descriptor = try SafeFile.openForUpdate(path)
        } catch {
            if case .open(_, Errno.noSuchFile.code) = error { return nil }
            throw .access(error)
        }
        defer { try? descriptor.close() }
        guard let info = try? descriptor.status() else { return nil }
        let size = info.size
        guard let cut = cutOffset(descriptor, size: size, keeping: lines) else { return nil }
        let tail = try read(descriptor, from: cut, to: size, path: path)
        try AtomicFile.replace(
            path, with: tail, temporary: temporary, directory: directory,
            permissions: info.permissions & 0o777)
        var extra: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var offset = size
        while true {
            let count = chunk.withUnsafeMutableBytes { (try? descriptor.read(into: $0, at: offset)) ?? -1 }
            guard count > 0 else { break }
            extra += chunk[0..<count]
            offset += count
        }
        if !extra.isEmpty {
            do throws(AppendError) {
                try AppendWriter.append(extra, to: path)
            } catch {
                throw .access(error)
            }
        }
        return cut
    }

    private static func read(_ descriptor: FileDescriptor, from start: Int, to end: Int, path: String)
        throws(RotationError)
        -> [UInt8]
    {
        var bytes = [UInt8](repeating: 0, count: end - start)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                (try? descriptor.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[offset...]), at: start + offset))
                    ?? -1
            }
            guard count > 0 else { throw .unreadable(path, reason: "read failed") }
            offset += count
        }
        return bytes
    }
}
