import SessionLogCore

/// The rows of the days a rotate has moved past (`AttributionRollupRows`), as roll-up lines in an
/// unlinked scratch file in `TMPDIR` (as `RetiredCalls`), read back a day at a time when the new
/// roll-up is written: memory follows the last few days' rows, not the rotated range's. A class:
/// the file closes with its last reference.
final class AttributionRollupSpill {
    private var file: FileDescriptor?
    // No scratch file could be made or written: the caller keeps its rows in memory.
    private var failed = false
    private var size = 0
    // Per day, where its lines were written, in the order written.
    private var parts: [CivilDate: [(offset: Int, count: Int)]] = [:]

    /// An empty spill; the file is made at the first write.
    init() {}

    deinit { try? file?.close() }

    /// The days with lines in the file.
    var days: Dictionary<CivilDate, [(offset: Int, count: Int)]>.Keys { parts.keys }

    /// Writes `lines` (rows of `day`, newline-terminated); false when the file cannot be made or
    /// written (the disk is full): the caller keeps those rows.
    func write(_ lines: [UInt8], day: CivilDate) -> Bool {
        if file == nil && !failed {
            let directory = CurrentProcess.variable("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            file = try? FileSystem.makeUnlinkedFile(in: directory)
            failed = file == nil
        }
        guard let file, !failed else { return false }
        do {
            try lines.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let wrote = try file.write(
                        UnsafeRawBufferPointer(rebasing: bytes[offset...]), at: size + offset)
                    guard wrote > 0 else { throw Errno.noSpace }
                    offset += wrote
                }
            }
        } catch {
            failed = true
            return false
        }
        parts[day, default: []].append((size, lines.count))
        size += lines.count
        return true
    }

    /// The lines written for `day`, in the order written; they are forgotten.
    func read(_ day: CivilDate) -> [UInt8] {
        guard let file, let day = parts.removeValue(forKey: day) else { return [] }
        var lines = [UInt8](repeating: 0, count: day.reduce(0) { $0 + $1.count })
        var filled = 0
        for part in day {
            var done = 0
            while done < part.count {
                let got = lines.withUnsafeMutableBytes { bytes in
                    (try? file.read(
                        into: UnsafeMutableRawBufferPointer(
                            rebasing: bytes[(filled + done)..<(filled + part.count)]),
                        at: part.offset + done)) ?? 0
                }
                // The file is ours and unlinked: a short read is an I/O error we cannot recover from.
                precondition(got > 0, "attribution: cannot read back the roll-up scratch file")
                done += got
            }
            filled += part.count
        }
        return lines
    }
}
