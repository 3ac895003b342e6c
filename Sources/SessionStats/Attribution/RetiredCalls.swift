import SessionLogCore

/// The calls a closed chain already handed on (counted), with their tool and MCP server codes, for
/// the rare later chain that holds one again (a resumed session, a `/btw` aside): kept out of
/// memory, in an unlinked scratch file in `TMPDIR`, behind a filter of fixed size (4 MB), so memory
/// does not grow with the calls of the range (docs/attribution.md, "Speed and memory").
///
/// The file is cut into 256 parts by the key's top byte, each written as 4 KB blocks; a lookup the
/// filter lets through reads its part's blocks. A class: the file closes with its last reference.
final class RetiredCalls {
    /// A call's codes and its key.
    struct Entry {
        var key: UInt64
        var tool: UInt32
        var server: UInt32
    }

    /// Entries per block and per part's buffer (a 4 KB block of 16-byte entries); set before the
    /// first `insert`.
    var blockEntries = 256
    /// Entries added.
    private(set) var count = 0
    /// Filter lookups that had to read the file.
    private(set) var fileLookups = 0
    // The filter: 2^25 bits in 64-bit words, three bits of one word per key.
    private var bits = [UInt64](repeating: 0, count: 1 << 19)
    // Per part, the entries not yet in the file and the block numbers it wrote.
    private var buffers = [[Entry]](repeating: [], count: 256)
    private var blocks = [[UInt32]](repeating: [], count: 256)
    private var blocksWritten = 0
    private var file: FileDescriptor?
    // No scratch file could be made or written: parts keep their entries in memory, correct but unbounded.
    private var failed = false

    /// Creates an empty set.
    init() {}

    deinit { try? file?.close() }

    /// Entries held in memory (the parts' buffers).
    var bufferedCount: Int { buffers.reduce(0) { $0 + $1.count } }

    /// Adds `entry` (the caller adds each key once).
    func insert(_ entry: Entry) {
        let (word, bits) = Self.probes(entry.key)
        self.bits[word] |= bits
        let part = Int(entry.key >> 56)
        buffers[part].append(entry)
        count += 1
        if buffers[part].count >= blockEntries { flush(part) }
    }

    /// The entry of `key`, or nil when it was never added.
    func lookup(_ key: UInt64) -> Entry? {
        let (word, bits) = Self.probes(key)
        guard self.bits[word] & bits == bits else { return nil }
        let part = Int(key >> 56)
        if let entry = buffers[part].first(where: { $0.key == key }) { return entry }
        guard let file, !blocks[part].isEmpty else { return nil }
        fileLookups += 1
        var block = [UInt64](repeating: 0, count: 2 * blockEntries)
        for number in blocks[part] {
            let got = block.withUnsafeMutableBytes { bytes in
                (try? file.read(into: bytes, at: Int(number) * 16 * blockEntries)) ?? 0
            }
            // The file is ours and unlinked: a short read is an I/O error we cannot recover from.
            precondition(got == 16 * blockEntries, "attribution: cannot read back the call scratch file")
            for index in stride(from: 0, to: block.count, by: 2) where block[index] == key {
                let codes = block[index + 1]
                return Entry(key: key, tool: UInt32(truncatingIfNeeded: codes), server: UInt32(codes >> 32))
            }
        }
        return nil
    }

    // The filter's word for `key` and three bits in it: one cache line per lookup (the key is a
    // hash already: mixed, then split).
    @inline(__always)
    private static func probes(_ key: UInt64) -> (word: Int, bits: UInt64) {
        var mixed = key &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 29
        let bits: UInt64 = 1 << (mixed >> 19 & 63) | 1 << (mixed >> 25 & 63) | 1 << (mixed >> 31 & 63)
        return (Int(mixed & (1 << 19 - 1)), bits)
    }

    // Writes part `part`'s full buffer as one block.
    private func flush(_ part: Int) {
        if file == nil && !failed {
            let directory = CurrentProcess.variable("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            file = try? FileSystem.makeUnlinkedFile(in: directory)
            failed = file == nil
        }
        guard let file, !failed else { return }
        var block: [UInt64] = []
        block.reserveCapacity(2 * blockEntries)
        for entry in buffers[part] {
            block.append(entry.key)
            block.append(UInt64(entry.tool) | UInt64(entry.server) << 32)
        }
        do {
            try block.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let wrote = try file.write(
                        UnsafeRawBufferPointer(rebasing: bytes[offset...]),
                        at: blocksWritten * 16 * blockEntries + offset)
                    guard wrote > 0 else { throw Errno.noSpace }
                    offset += wrote
                }
            }
        } catch {
            // A full disk: this part's buffer and the later ones stay in memory.
            failed = true
            return
        }
        blocks[part].append(UInt32(blocksWritten))
        blocksWritten += 1
        buffers[part].removeAll(keepingCapacity: true)
    }
}
