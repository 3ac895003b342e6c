import SessionLogCore

/// Walks the bytes of one open log file record by record, refilling the buffer as records need,
/// and decodes each record in place with its decoder (`LogRecordDecoding`): no copy of the line.
///
/// An entry counts for the local day of its timestamp when that is the date in its file's name or a
/// day either side (midnight, a time zone change); otherwise (a wrong clock, a line copied into another
/// day's file) for the file's date. So every line counts for exactly one day, and a report of each
/// day, which reads only that day's files and its neighbours', finds it: per-day totals add up to
/// the totals of all days.
struct RecordSplitter {
    /// The file's path, for locations.
    let path: String
    /// The file's format.
    let kind: LogFileReader.Kind
    // The 1-based number of the line at the buffer's start.
    private var line = 1
    // After a bad record: lines that start no record are part of it, not counted on their own.
    private var resyncing = false
    // Whether the buffer starts inside a line, whose rest is skipped.
    private let startsInsideLine: Bool
    // The days an entry of this file may count for: its name's date and the days either side.
    private let allowedDays: ClosedRange<CivilDate>?
    private let fileDate: CivilDate?
    /// When not nil, collects the bytes of every line that is skipped as bad (not blank ones), each
    /// ending with a newline: what `rotate` keeps in quarantine rather than dropping.
    var quarantine: [UInt8]?

    /// Creates a splitter for the file at `path`; with `startsInsideLine`, the bytes read begin
    /// somewhere inside the file, and line 1 is the first line that starts after the first newline.
    init(path: String, kind: LogFileReader.Kind, startsInsideLine: Bool = false) {
        self.path = path
        self.kind = kind
        self.startsInsideLine = startsInsideLine
        let name = path.split(separator: "/").last.map(String.init) ?? path
        fileDate =
            LogFileName.date(of: name, prefix: LogFileName.activityPrefix)
            ?? LogFileName.date(of: name, prefix: LogFileName.rollupPrefix)
        allowedDays = fileDate.map { $0.adding(days: -1)...$0.adding(days: 1) }
        // The first whole line may continue a multi-line legacy record: resynchronise quietly.
        resyncing = startsInsideLine
    }

    /// Reads the file to its end, calling `body` for each entry until it returns false;
    /// returns false when `body` did.
    mutating func run<Decoder: LogRecordDecoding>(
        buffer: inout ReadBuffer, decoder: inout Decoder, diagnostics: inout ReadDiagnostics,
        _ body: (Decoder.Record) -> Bool
    ) -> Bool {
        _ = buffer.refill()
        if startsInsideLine {
            guard skipPartialLine(&buffer) else { return true }
        } else {
            // A read may return fewer bytes than a BOM has (a pipe, a tiny chunk): read on until three.
            while buffer.filled < 3 && buffer.refill() {}
        }
        if !startsInsideLine && buffer.filled >= 3 && buffer.base[0] == 0xEF && buffer.base[1] == 0xBB
            && buffer.base[2] == 0xBF
        {
            buffer.start = 3
        }
        while true {
            let start = buffer.start
            if start >= buffer.filled {
                if buffer.refill() { continue }
                return true
            }
            // The line's end: its newline, or the end of the file.
            let lineEnd: Int
            if let newline = RecordSplitter.find(
                UInt8(ascii: "\n"), buffer.base, from: start, to: buffer.filled)
            {
                lineEnd = newline
            } else if buffer.atEnd {
                lineEnd = buffer.filled
            } else {
                // Refilling moves the bytes, so start over with the line wherever it now is.
                if !buffer.refill() && !buffer.atEnd { skipLongLine(&buffer, &diagnostics) }
                continue
            }
            let nextLine = min(lineEnd + 1, buffer.filled)

            var first = start
            while first < lineEnd && RecordSplitter.isBlank(buffer.base[first]) { first += 1 }
            if first == lineEnd {
                diagnostics.blankLines += 1
                advance(&buffer, to: nextLine, lines: 1)
                continue
            }
            guard buffer.base[first] == UInt8(ascii: "{") else {
                if !resyncing { diagnostics.skip(location, .notAnObject) }
                keep(buffer, from: start, to: nextLine)
                advance(&buffer, to: nextLine, lines: 1)
                continue
            }
            resyncing = false

            let location = self.location
            var scanner = JSONScanner(buffer.bytes, start: first, end: buffer.filled)
            var problem: RecordProblem?
            let entry: Decoder.Record?
            do throws(JSONScanError) {
                entry = try decoder.decodeRecord(&scanner, kind: kind, at: location, problem: &problem)
            } catch {
                if case .unexpectedEnd = error, !buffer.atEnd {
                    // The record goes on past the bytes read so far: read more and decode it again.
                    if buffer.refill() || buffer.atEnd { continue }
                    reject(&buffer, &diagnostics, .tooLong(limit: buffer.limit), nextLine: nextLine)
                    continue
                }
                let problem: RecordProblem
                switch error {
                case .unexpectedEnd: problem = .truncated
                case .unexpectedByte(let byte, let at):
                    problem = .malformed(.unexpectedByte(byte, at: at - first))
                }
                reject(&buffer, &diagnostics, problem, nextLine: nextLine)
                continue
            }

            // The record ends at `scanner.offset`; its last line must hold nothing more.
            let recordEnd = scanner.offset
            var lastLineEnd = lineEnd
            var lines = 1
            if recordEnd > lineEnd {
                guard
                    let end = RecordSplitter.find(
                        UInt8(ascii: "\n"), buffer.base, from: recordEnd, to: buffer.filled)
                        ?? (buffer.atEnd ? buffer.filled : nil)
                else {
                    if buffer.refill() || buffer.atEnd { continue }
                    reject(&buffer, &diagnostics, .tooLong(limit: buffer.limit), nextLine: nextLine)
                    continue
                }
                lastLineEnd = end
                guard let spanned = spannedLines(buffer.base, from: lineEnd, to: recordEnd) else {
                    reject(&buffer, &diagnostics, .runsIntoNextRecord, nextLine: nextLine)
                    continue
                }
                lines += spanned
            }
            var trailing = recordEnd
            while trailing < lastLineEnd && RecordSplitter.isBlank(buffer.base[trailing]) { trailing += 1 }
            if quarantine != nil && (trailing != lastLineEnd || (entry == nil && problem != nil)) {
                keep(buffer, from: start, to: min(lastLineEnd + 1, buffer.filled))
            }
            advance(&buffer, to: min(lastLineEnd + 1, buffer.filled), lines: lines)
            guard trailing == lastLineEnd else {
                diagnostics.skip(location, .trailingText)
                continue
            }
            if var entry {
                if let allowedDays, !allowedDays.contains(entry.day) {
                    entry.day = fileDate.unsafelyUnwrapped
                }
                if !body(entry) { return false }
            } else if let problem {
                diagnostics.skip(location, problem)
            }
        }
    }

    /// Adds buffer bytes `from..<to` to `quarantine` when it collects, with a newline at the end
    /// when `ending` and they have none (the last line of a file).
    private mutating func keep(_ buffer: borrowing ReadBuffer, from: Int, to: Int, ending: Bool = true) {
        guard quarantine != nil, from < to else { return }
        quarantine!.append(contentsOf: UnsafeBufferPointer(start: buffer.base + from, count: to - from))
        if ending && buffer.base[to - 1] != UInt8(ascii: "\n") { quarantine!.append(UInt8(ascii: "\n")) }
    }

    /// Where the line at the buffer's start is.
    private var location: LogLocation { LogLocation(file: path, line: line) }

    /// Moves past `lines` lines ending just before `offset`.
    @inline(__always)
    private mutating func advance(_ buffer: inout ReadBuffer, to offset: Int, lines: Int) {
        buffer.start = offset
        line += lines
    }

    /// Skips a bad record: counts it and resumes at the line after its first.
    private mutating func reject(
        _ buffer: inout ReadBuffer, _ diagnostics: inout ReadDiagnostics, _ problem: RecordProblem,
        nextLine: Int
    ) {
        diagnostics.skip(location, problem)
        keep(buffer, from: buffer.start, to: nextLine)
        advance(&buffer, to: nextLine, lines: 1)
        resyncing = true
    }

    /// Moves past the first newline, reading on as needed; returns false when there is none.
    private func skipPartialLine(_ buffer: inout ReadBuffer) -> Bool {
        while true {
            if let newline = RecordSplitter.find(
                UInt8(ascii: "\n"), buffer.base, from: buffer.start, to: buffer.filled)
            {
                buffer.start = newline + 1
                return true
            }
            buffer.discardAll()
            guard buffer.refill() else { return false }
        }
    }

    /// Skips a line too long for the buffer, reading on to its newline.
    private mutating func skipLongLine(_ buffer: inout ReadBuffer, _ diagnostics: inout ReadDiagnostics) {
        diagnostics.skip(location, .tooLong(limit: buffer.limit))
        while true {
            keep(buffer, from: buffer.start, to: buffer.filled, ending: false)
            buffer.discardAll()
            guard buffer.refill() else {
                if quarantine != nil { quarantine!.append(UInt8(ascii: "\n")) }
                break
            }
            if let newline = RecordSplitter.find(
                UInt8(ascii: "\n"), buffer.base, from: buffer.start, to: buffer.filled)
            {
                keep(buffer, from: buffer.start, to: newline + 1)
                buffer.start = newline + 1
                break
            }
        }
        line += 1
        resyncing = true
    }

    /// The newlines in `from..<to`, or nil when a line among them starts a record of its own:
    /// then the record that seems to span them is really an unfinished one followed by others.
    private func spannedLines(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        var count = 0
        var index = from
        while let newline = RecordSplitter.find(UInt8(ascii: "\n"), base, from: index, to: to) {
            count += 1
            var first = newline + 1
            while first < to && RecordSplitter.isBlank(base[first]) { first += 1 }
            if first < to && base[first] == UInt8(ascii: "{") { return nil }
            index = newline + 1
        }
        return count
    }

    /// The offset of the first `byte` in `from..<to`, or nil.
    @inline(__always)
    static func find(_ byte: UInt8, _ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let found = RawMemory.firstPosition(of: byte, in: base + from, count: to - from)
        else {
            return nil
        }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Whether `byte` is blank within a line: space, tab or carriage return.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
