import SessionLogCore

/// Appends what Claude Code told the status line to `status-YYYY-MM-DD.jsonl`, throttled per session.
///
/// A session writes a line only when a value changed or `interval` has passed since its last line,
/// so a day holds at most a few hundred lines per session although the line refreshes every 300 ms.
/// The last line written per session is remembered in the status line's cache.
public enum StatusCapture {
    /// How long a session's unchanged values go without a new line.
    public static let intervalMilliseconds = 60_000

    /// Appends `record` to its day's file in `directory` unless the throttle holds it back; returns
    /// whether `cache` changed. Nothing is written when the directory does not exist (the hook creates
    /// it), or the file is not a regular file of the user's.
    @discardableResult
    public static func capture(
        _ record: StatusRecord, day: CivilDate, directory: String, cache: inout StatusLineCache
    ) -> Bool {
        let now = record.timestamp.milliseconds
        var changed = false
        // Notes of sessions long gone only make the cache bigger.
        for (id, note) in cache.captures
        where now - note.milliseconds > StatusLineCache.captureRetentionMilliseconds
            || note.milliseconds > now
        {
            cache.captures[id] = nil
            changed = true
        }
        guard !record.isEmpty else { return changed }
        let session = record.input.sessionID ?? ""
        let values = FNV1a.hash(record.valuesLine)
        if let last = cache.captures[session], last.values == values,
            now - last.milliseconds < intervalMilliseconds
        {
            return changed
        }
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + StatusRecord.fileName(day)
        guard append(record.jsonLine, to: path) else { return changed }
        cache.captures[session] = StatusLineCache.Capture(milliseconds: now, values: values)
        return true
    }

    /// Appends `line` in one write to the regular file of the user's at `path`, creating it 0600;
    /// never through a symbolic link, never blocking on a FIFO. Returns whether it was written.
    static func append(_ line: [UInt8], to path: String) -> Bool {
        guard
            let descriptor = try? FileDescriptor.open(
                path, .writeOnly, options: [.append, .create, .noFollow, .nonBlocking], permissions: 0o600)
        else { return false }
        defer { try? descriptor.close() }
        guard let status = try? descriptor.status(), status.kind == .regular,
            status.owner == CurrentProcess.effectiveUserID
        else { return false }
        guard let written = line.withUnsafeBytes({ try? descriptor.write($0) }) else { return false }
        if written == line.count { return true }
        // A short write (full disk) is ended, so the next line starts on its own.
        if written > 0 { _ = [UInt8(ascii: "\n")].withUnsafeBytes { try? descriptor.write($0) } }
        return false
    }
}
