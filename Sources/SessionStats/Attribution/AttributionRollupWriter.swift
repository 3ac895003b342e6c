import SessionLogCore

/// Writes `attribution-rollup.jsonl` (`AttributionRollup`) to an open file a line at a time,
/// through a buffer of about `flushSize` bytes: header, rows in file order, open part, the same
/// bytes `AttributionRollup.bytes(rows:)` gives, without the whole file in memory.
struct AttributionRollupWriter {
    /// Buffered bytes that make a write.
    static let flushSize = 1 << 20

    /// Rows written.
    private(set) var rows = 0
    private let descriptor: FileDescriptor
    // The file's path, for errors.
    private let path: String
    private var buffer: [UInt8] = []

    /// A writer to `descriptor`, the open file that will become `path`.
    init(_ descriptor: FileDescriptor, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(Self.flushSize + (1 << 16))
    }

    /// Writes the header line of `rollup`.
    mutating func writeHeader(of rollup: AttributionRollup) throws(RotationError) {
        rollup.appendHeader(to: &buffer)
        try flushIfFull()
    }

    /// Writes one row (the caller keeps the file's order: by day then session).
    mutating func write(_ row: AttributionRollupRow) throws(RotationError) {
        row.append(to: &buffer)
        rows += 1
        try flushIfFull()
    }

    /// Writes the open part of `rollup`, then everything still buffered.
    mutating func writeOpenPart(of rollup: AttributionRollup) throws(RotationError) {
        rollup.appendOpenPart(to: &buffer)
        try flush()
    }

    private mutating func flushIfFull() throws(RotationError) {
        if buffer.count >= Self.flushSize { try flush() }
    }

    private mutating func flush() throws(RotationError) {
        do throws(Errno) {
            try descriptor.writeAll(buffer)
        } catch {
            throw .write(path, errno: error.code)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
