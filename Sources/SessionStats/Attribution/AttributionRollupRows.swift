import SessionLogCore

/// The rows `AttributionRollupBuilder` makes for a rotated range, by day and session: those of the
/// days the ledger has moved past go to a scratch file (`AttributionRollupSpill`), so memory holds
/// the last few days' rows only. A row changed after it went there (a call of a chain open for days
/// counts in the day it was issued) starts a new part in memory; `rows(of:)` adds a day's parts up,
/// in the order they were made, into the row one in memory would have been.
struct AttributionRollupRows {
    /// A row's day and session, ordered as the file orders its rows.
    struct Key: Hashable, Comparable {
        var day: CivilDate
        var sessionID: String

        static func < (a: Key, b: Key) -> Bool { (a.day, a.sessionID) < (b.day, b.sessionID) }
    }

    /// The rows (or their latest parts) not in the scratch file.
    var memory: [Key: AttributionRollupRow] = [:]
    private let spill = AttributionRollupSpill()

    /// No rows.
    init() {}

    /// The days with rows, in order.
    var days: [CivilDate] { Set(spill.days).union(memory.keys.map(\.day)).sorted() }

    /// Moves the rows of the days before `day` to the scratch file (they stay when it cannot be
    /// written).
    mutating func spill(before day: CivilDate) {
        var lines: [CivilDate: [UInt8]] = [:]
        for (key, row) in memory where key.day < day { row.append(to: &lines[key.day, default: []]) }
        for (written, bytes) in lines where spill.write(bytes, day: written) {
            memory = memory.filter { $0.key.day != written }
        }
    }

    /// Every row of `day`, sorted by session, its parts added up; they leave the scratch file and
    /// memory.
    mutating func rows(of day: CivilDate) -> [AttributionRollupRow] {
        var rows: [String: AttributionRollupRow] = [:]
        func add(_ part: AttributionRollupRow) {
            guard var row = rows.removeValue(forKey: part.sessionID) else {
                rows[part.sessionID] = part
                return
            }
            // A part made later sets the project when the earlier ones had none, as in memory.
            if row.project.isEmpty { row.project = part.project }
            row.absorb(part)
            rows[part.sessionID] = row
        }
        let lines = spill.read(day)
        lines.withUnsafeBufferPointer { buffer in
            UsageLedgerReader.forEachLine(buffer) { start, end in
                let document = try? JSONDocument(parsing: Array(buffer[start..<end]))
                // Lines this process wrote: one that does not read back is a broken scratch file.
                guard let part = document.flatMap(AttributionRollupRow.init) else {
                    preconditionFailure("attribution: cannot read back the roll-up scratch file")
                }
                add(part)
            }
        }
        for key in memory.keys.filter({ $0.day == day }) { add(memory.removeValue(forKey: key)!) }
        return rows.values.sorted { $0.sessionID < $1.sessionID }
    }
}
