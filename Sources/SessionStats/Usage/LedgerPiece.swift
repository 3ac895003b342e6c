import SessionLogCore

/// The lines of one ledger file that start in a range of its bytes: the unit the report's read
/// decodes on a worker, so that what waits to be handed on is a megabyte of lines, not a day's file.
///
/// Every line starts in exactly one piece of its file, so the pieces of a file hold its lines once
/// each, in order, whatever the file holds.
struct LedgerPiece: Sendable {
    /// The bytes of a piece: about a thousand ledger lines.
    static let size = 1 << 20

    /// The index of the file among those read.
    var file: Int
    /// The first byte a line of the piece may start at.
    var start: Int
    /// Lines that start here or later are the next piece's; nil: the piece runs to the end of the file.
    var end: Int?

    /// The pieces of files of `sizes` bytes: `size` apart, the last of each file running to its end
    /// (it may have grown since).
    static func pieces(sizes: [Int], size: Int = size) -> [LedgerPiece] {
        var pieces: [LedgerPiece] = []
        for (file, bytes) in sizes.enumerated() {
            var start = 0
            while bytes - start > size {
                pieces.append(LedgerPiece(file: file, start: start, end: start + size))
                start += size
            }
            pieces.append(LedgerPiece(file: file, start: start, end: nil))
        }
        return pieces
    }

    /// Reads the piece's lines from the file `name` of `ledger` into `buffer`, reused between calls;
    /// the range of `buffer` they fill, empty when the file cannot be read.
    func read(_ ledger: UsageLedger, _ name: String, into buffer: inout [UInt8]) -> Range<Int> {
        guard let descriptor = FileAccess.openForReading(ledger.path(name)) else { return 0..<0 }
        defer { FileAccess.close(descriptor) }
        // From the byte before the piece: a newline there means a line starts at `start`.
        let from = max(start - 1, 0)
        guard FileAccess.seek(descriptor, to: from) else { return 0..<0 }
        var count = 0
        // Reads up to `limit` bytes (nil: to the end of the file) after the `count` already read;
        // false at the end of the file or on an error.
        func fill(upTo limit: Int?) -> Bool {
            let wanted = limit ?? Self.size
            if buffer.count < count + wanted {
                buffer.append(contentsOf: repeatElement(0, count: count + wanted - buffer.count))
            }
            var got = 0
            while got < wanted {
                let read = buffer.withUnsafeMutableBufferPointer { pointer in
                    FileAccess.read(descriptor, into: pointer.baseAddress! + count + got, count: wanted - got)
                }
                if read <= 0 { break }
                got += read
            }
            count += got
            return got == wanted
        }
        if let end {
            // The last line starting before `end` runs to the first newline at `end - 1` or after.
            var more = fill(upTo: end - from)
            var searched = max(end - 1 - from, 0)
            while true {
                let newline = buffer.withUnsafeBufferPointer {
                    FileAccess.newline(in: $0.baseAddress!, start: searched, end: count)
                }
                if let newline {
                    count = newline + 1
                    break
                }
                searched = count
                guard more else { break }
                more = fill(upTo: 1 << 16)
            }
        } else {
            while fill(upTo: nil) {}
        }
        guard start > 0 else { return 0..<count }
        // The line running into the piece is the previous piece's.
        let first = buffer.withUnsafeBufferPointer {
            FileAccess.newline(in: $0.baseAddress!, start: 0, end: count)
        }
        return first.map { ($0 + 1)..<count } ?? count..<count
    }
}
