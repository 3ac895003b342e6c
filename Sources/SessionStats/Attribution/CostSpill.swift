import SessionLogCore

/// The cost of each call of every group (a tool, an MCP server) for the exact median and p95:
/// pairs of a group code and a cost, kept in memory up to `memoryLimit` pairs and then appended to
/// an unlinked scratch file in `TMPDIR`, read back in passes by `select`, so memory stays bounded
/// however many calls the range holds (docs/attribution.md, "Speed and memory").
///
/// A roll-up that must merge medians exactly can write each group's costs (`forEachPair`) and feed them
/// back (`append`). A class: the scratch file is closed when the last reference goes; never shared
/// between two builders.
final class CostSpill {
    /// Pairs held in memory before they go to the scratch file.
    var memoryLimit = 1 << 16
    // Group codes handed out so far.
    private var groups: UInt32 = 0
    /// Pairs appended.
    private(set) var count = 0
    /// Pairs in the scratch file.
    private(set) var spilledCount = 0
    // Group code, cost, group code, cost… not yet in the file.
    private var buffer: [UInt64] = []
    private var file: FileDescriptor?
    // No scratch file could be made or written: the rest stays in memory, correct but unbounded.
    private var failed = false
    private var maximum: UInt64 = 0

    /// Creates an empty spill.
    init() {}

    deinit { try? file?.close() }

    /// Pairs held in memory.
    var bufferedCount: Int { buffer.count / 2 }

    /// A new group's code: 0, 1, 2…
    func newGroup() -> UInt32 {
        groups += 1
        return groups - 1
    }

    /// Adds the cost of one call of `group` (negative costs, which shares never give, count as 0).
    func append(group: UInt32, cost: Int64) {
        let value = UInt64(max(0, cost))
        buffer.append(UInt64(group))
        buffer.append(value)
        if value > maximum { maximum = value }
        count += 1
        if buffer.count >= 2 * memoryLimit { spill() }
    }

    /// Every pair, in the order it came.
    func forEachPair(_ body: (UInt32, Int64) -> Void) {
        if let file, spilledCount > 0 {
            var chunk = [UInt64](repeating: 0, count: 2 * 32_768)
            var offset = 0
            let end = spilledCount * 16
            while offset < end {
                let wanted = min(chunk.count * 8, end - offset)
                let got = chunk.withUnsafeMutableBytes { bytes in
                    (try? file.read(
                        into: UnsafeMutableRawBufferPointer(rebasing: bytes[..<wanted]), at: offset))
                        ?? 0
                }
                // The file is ours and unlinked: a short read is an I/O error we cannot recover from.
                precondition(got > 0 && got % 16 == 0, "attribution: cannot read back the cost scratch file")
                for index in stride(from: 0, to: got / 8, by: 2) {
                    body(UInt32(truncatingIfNeeded: chunk[index]), Int64(bitPattern: chunk[index + 1]))
                }
                offset += got
            }
        }
        for index in stride(from: 0, to: buffer.count, by: 2) {
            body(UInt32(truncatingIfNeeded: buffer[index]), Int64(bitPattern: buffer[index + 1]))
        }
    }

    /// The costs at `targets`' ranks: for each, the cost at 0-based position `rank` of its group's
    /// costs in ascending order, exactly as a sort would give, in one pass over the pairs per byte
    /// of the largest cost (a radix selection: 256 counters per target, nothing per call).
    func select(_ targets: [(group: UInt32, rank: Int)]) -> [Int64] {
        guard !targets.isEmpty else { return [] }
        var byGroup = [[Int]](repeating: [], count: Int(targets.map(\.group).max()!) + 1)
        for (index, target) in targets.enumerated() { byGroup[Int(target.group)].append(index) }
        var known = [UInt64](repeating: 0, count: targets.count)
        var ranks = targets.map(\.rank)
        let bytes = max(1, (64 - maximum.leadingZeroBitCount + 7) / 8)
        var counts = [Int](repeating: 0, count: 256 * targets.count)
        for digit in stride(from: bytes - 1, through: 0, by: -1) {
            let shift = UInt64(digit * 8)
            for index in counts.indices { counts[index] = 0 }
            forEachPair { group, cost in
                guard Int(group) < byGroup.count else { return }
                let indices = byGroup[Int(group)]
                let value = UInt64(bitPattern: cost)
                for index in indices where value >> (shift + 8) == known[index] {
                    counts[index * 256 + Int((value >> shift) & 0xFF)] += 1
                }
            }
            for index in targets.indices {
                var below = 0
                for byte in 0..<256 {
                    let count = counts[index * 256 + byte]
                    if ranks[index] < below + count {
                        ranks[index] -= below
                        known[index] = known[index] << 8 | UInt64(byte)
                        break
                    }
                    below += count
                }
            }
        }
        return known.map { Int64(bitPattern: $0) }
    }

    // Appends the buffer to the scratch file, making it the first time.
    private func spill() {
        if file == nil && !failed {
            let directory = CurrentProcess.variable("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            file = try? FileSystem.makeUnlinkedFile(in: directory)
            failed = file == nil
        }
        guard let file, !failed else { return }
        do {
            try buffer.withUnsafeBytes { try file.writeAll($0) }
            spilledCount += buffer.count / 2
            buffer.removeAll(keepingCapacity: true)
        } catch {
            // A full disk: cut the file back to its whole pairs and keep the rest in memory.
            failed = true
            try? file.truncate(to: spilledCount * 16)
            try? file.seek(to: spilledCount * 16)
        }
    }
}
