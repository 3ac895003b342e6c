import SessionLogCore

/// Reading only the part of a neighbouring day's activity file that can hold entries of a range.
///
/// The hook appends lines in time order, so of the file dated the day before a range only entries at
/// its end can belong to the range, and of the file dated the day after only entries at its start.
extension LogFileReader {
    /// How many bytes at the end of the day before's file are read first.
    static let tailWindow = 1 << 16
    /// How many entries in a row past the range the day after's file is read on for, in case the
    /// hooks of parallel sessions appended lines slightly out of order.
    static let headOverrun = 64

    /// Reads the entries on or after `day` of the activity file at `path`, reading as little of its
    /// end as will do, and calls `body` with each until it returns false; returns false when `body` did.
    ///
    /// Reads from the first line that starts in the last `window` bytes. When the first entry found
    /// there is already on or after `day`, or there is none, the window may have cut such entries off:
    /// it is doubled and the file read again from there, up to the whole file. A pass that starts
    /// again has handed nothing on, so no entry is handed on twice; line numbers are the file's own.
    static func readTail(
        path: String, kind: Kind, from day: CivilDate, window: Int = tailWindow, buffer: inout ReadBuffer,
        decoder: inout LogLineDecoder, diagnostics: inout ReadDiagnostics, _ body: (LogEntry) -> Bool
    ) -> Bool {
        guard let descriptor = open(path, diagnostics: &diagnostics) else { return true }
        defer { try? descriptor.close() }
        return readTail(
            descriptor, after: 0, path: path, kind: kind, from: day, window: window, buffer: &buffer,
            decoder: &decoder, diagnostics: &diagnostics, body)
    }

    /// Like `readTail(path:…)`, on an open file whose bytes before `floor` are not read (a rollup
    /// holds them).
    static func readTail(
        _ descriptor: FileDescriptor, after floor: Int, path: String, kind: Kind, from day: CivilDate,
        window: Int = tailWindow, buffer: inout ReadBuffer, decoder: inout LogLineDecoder,
        diagnostics: inout ReadDiagnostics, _ body: (LogEntry) -> Bool
    ) -> Bool {
        let size = (try? descriptor.status())?.size ?? 0
        var window = max(window, 1)
        while true {
            let offset = max(window >= size ? 0 : size - window, floor)
            // Reading the whole file, there is nothing to check the first entry against.
            var checked = offset == floor
            var again = false
            var lineBase: Int? = offset == 0 ? 0 : nil
            let keepGoing = readPass(
                descriptor, from: offset, path: path, kind: kind, buffer: &buffer, decoder: &decoder,
                diagnostics: &diagnostics
            ) { entry in
                if !checked {
                    checked = true
                    if entry.day >= day {
                        again = true
                        return false
                    }
                }
                guard entry.day >= day else { return true }
                // Lines before the pass are counted only when an entry needs its line number.
                let base = lineBase ?? newlines(in: descriptor, before: offset - 1) + 1
                lineBase = base
                var entry = entry
                entry.location.line += base
                return body(entry)
            }
            if (again || !checked) && buffer.readError == nil {
                window *= 2
                continue
            }
            finish(path, kind: kind, buffer: buffer, diagnostics: &diagnostics)
            return keepGoing
        }
    }

    /// Reads the entries on or before `day` of the activity file at `path` from its start, stopping
    /// once `headOverrun` entries in a row are past `day`, and calls `body` with each until it returns
    /// false; returns false when `body` did.
    static func readHead(
        path: String, kind: Kind, through day: CivilDate, buffer: inout ReadBuffer,
        decoder: inout LogLineDecoder, diagnostics: inout ReadDiagnostics, _ body: (LogEntry) -> Bool
    ) -> Bool {
        guard let descriptor = open(path, diagnostics: &diagnostics) else { return true }
        defer { try? descriptor.close() }
        return readHead(
            descriptor, from: 0, path: path, kind: kind, through: day, buffer: &buffer, decoder: &decoder,
            diagnostics: &diagnostics, body)
    }

    /// Like `readHead(path:…)`, on an open file read from byte `offset` (a rollup holds those before).
    static func readHead(
        _ descriptor: FileDescriptor, from offset: Int, path: String, kind: Kind, through day: CivilDate,
        buffer: inout ReadBuffer, decoder: inout LogLineDecoder, diagnostics: inout ReadDiagnostics,
        _ body: (LogEntry) -> Bool
    ) -> Bool {
        var past = 0
        var stopped = false
        let keepGoing = read(
            descriptor, from: offset, path: path, kind: kind, buffer: &buffer, decoder: &decoder,
            diagnostics: &diagnostics
        ) { entry in
            guard entry.day > day else {
                past = 0
                return body(entry)
            }
            past += 1
            stopped = past >= headOverrun
            return !stopped
        }
        return keepGoing || stopped
    }

    /// How many newlines the open file holds before byte `offset`; stops early on a read error.
    static func newlines(in descriptor: FileDescriptor, before offset: Int) -> Int {
        let chunk = 1 << 16
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { storage.deallocate() }
        var count = 0
        var position = 0
        while position < offset {
            let window = UnsafeMutableRawBufferPointer(rebasing: storage[..<min(chunk, offset - position)])
            guard let read = try? descriptor.read(into: window, at: position), read > 0 else { break }
            var cursor = UnsafeRawPointer(storage.baseAddress!)
            let end = cursor + read
            while let found = RawMemory.firstPosition(of: UInt8(ascii: "\n"), in: cursor, count: end - cursor)
            {
                count += 1
                cursor = found + 1
            }
            position += read
        }
        return count
    }
}
