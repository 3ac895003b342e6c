import SessionLogCore

/// Lines of an activity file added up per session, each session found by the raw bytes of its id:
/// the status line's refresh counts thousands of lines and builds one String per session, not per line.
///
/// Ids written differently that decode to equal Strings (escapes, canonically equivalent Unicode) get
/// separate rows here and are combined by `merge(into:)`, so the totals are those of `TodayActivity.add`.
struct SessionTally {
    /// The day counted; lines of other days are not.
    let day: CivilDate
    /// Lines without a session id.
    private(set) var unattributed = TodayActivity.Session()
    /// One row per distinct raw id, in order of first appearance.
    private var rows: [Row] = []
    // Open addressing over `rows`: index + 1, 0 for an empty slot; the count is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)
    // Counts lines, so the model a session named last wins when rows merge.
    private var lineNumber = 0

    private struct Row {
        var key: [UInt8]
        var hash: UInt64
        var id: String
        var totals = TodayActivity.Session()
        // The number of the line that set `totals.model`.
        var modelLine = 0
    }

    /// Creates an empty tally of `day`.
    init(day: CivilDate) { self.day = day }

    /// Counts `line` when it is on `day` and not an `invalid` hook line, as `TodayActivity.add` counts
    /// an entry.
    mutating func add(_ line: ActivityTally) {
        guard line.day == day, line.event != .invalid else { return }
        lineNumber += 1
        if line.isUnattributed {
            unattributed.operations +|= line.operations
            unattributed.tokens += line.tokens
            return
        }
        let index: Int
        if let decoded = line.decodedSession {
            var id = decoded
            index = id.withUTF8 { row(for: $0, id: decoded) }
        } else {
            index = row(for: line.session, id: nil)
        }
        rows[index].totals.operations +|= line.operations
        rows[index].totals.tokens += line.tokens
        if let model = line.model {
            rows[index].totals.model = model
            rows[index].modelLine = lineNumber
        }
    }

    /// Adds these lines to `totals`, which covered the file up to where they start.
    func merge(into totals: inout TodayActivity) {
        totals.unattributed.operations +|= unattributed.operations
        totals.unattributed.tokens += unattributed.tokens
        // Models in the order their lines came, so the last one named wins.
        for row in rows.sorted(by: { $0.modelLine < $1.modelLine }) {
            totals.sessions[row.id, default: TodayActivity.Session()].add(row.totals)
        }
    }

    /// The index of the row of `key`, added (with `id`, or `key` decoded) when new.
    @inline(__always)
    private mutating func row(for key: UnsafeBufferPointer<UInt8>, id: String?) -> Int {
        let hash = StringInterner.hash(key.baseAddress!, key.count)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if rows[index].hash == hash && rows[index].key.count == key.count
                && rows[index].key.withUnsafeBufferPointer({
                    RawMemory.equal($0.baseAddress!, key.baseAddress!, count: key.count)
                })
            {
                return index
            }
            slot = (slot + 1) & mask
        }
        rows.append(
            Row(
                key: Array(key), hash: hash,
                id: id ?? String(decoding: key, as: UTF8.self)))
        slots[slot] = Int32(rows.count)
        if rows.count * 2 > slots.count { grow() }
        return rows.count - 1
    }

    /// Doubles the slots, keeping the load under a half.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, row) in rows.enumerated() {
            var slot = Int(truncatingIfNeeded: row.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

extension TodayActivity.Session {
    /// Adds the totals of later lines of the same session: their model, when they named one, replaces this one.
    mutating func add(_ later: TodayActivity.Session) {
        if let model = later.model { self.model = model }
        operations +|= later.operations
        tokens += later.tokens
    }
}
