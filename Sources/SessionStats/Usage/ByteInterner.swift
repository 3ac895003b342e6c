import SessionLogCore

/// Small integer ids for the distinct strings of a ledger (sessions, projects, models), looked up
/// from the line's bytes, so that totals over millions of requests are kept in arrays and no
/// String is made per line: each distinct value is decoded once.
struct ByteInterner {
    /// The decoded text of each id.
    private(set) var strings: [String] = []
    // Open addressing: a slot holds an id + 1, 0 when empty; at most half the slots are used.
    private var slots = [Int32](repeating: 0, count: 64)
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var arena: [UInt8] = []
    // The id looked up last, compared first: consecutive lines mostly share a session, project
    // and model, and a comparison costs less than a hash.
    private var last = -1

    /// The id of the string `token` holds, its escapes decoded.
    @inline(__always)
    mutating func id(_ token: JSONStringToken, in scanner: JSONScanner) -> Int {
        if token.hasEscapes {
            return scanner.decodedBytes(token).withUnsafeBufferPointer { id(of: $0) }
        }
        return id(of: UnsafeBufferPointer(rebasing: scanner.bytes[token.start..<token.end]))
    }

    /// The id of the empty string.
    mutating func emptyID() -> Int { id(of: UnsafeBufferPointer(start: nil, count: 0)) }

    private mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if last >= 0 && matches(last, bytes) { return last }
        last = lookUp(bytes)
        return last
    }

    private mutating func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = bytes.isEmpty ? 0 : StringInterner.hash(bytes.baseAddress!, bytes.count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot]) - 1
            if hashes[id] == hash && matches(id, bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = strings.count
        strings.append(String(decoding: bytes, as: UTF8.self))
        hashes.append(hash)
        starts.append(arena.count)
        arena.append(contentsOf: bytes)
        slots[slot] = Int32(id + 1)
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    private func matches(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        let end = id + 1 < starts.count ? starts[id + 1] : arena.count
        guard end - start == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return arena.withUnsafeBufferPointer {
            RawMemory.equal($0.baseAddress! + start, base, count: bytes.count)
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id + 1)
        }
        slots = bigger
    }
}
