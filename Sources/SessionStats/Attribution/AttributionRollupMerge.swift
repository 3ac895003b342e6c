import SessionLogCore

/// Puts a rotate's rows in the new roll-up's order (by day, then session): the previous roll-up's
/// rows, read again from its file a row at a time, and the rows of the range just rotated
/// (`AttributionRollupRows`), loaded a day at a time; a row of both days and sessions is their sum,
/// the previous one first. Every row leaves with at most `topCount` top calls.
///
/// The previous rows come in that order, as `rotate` wrote them; if the file says otherwise
/// (`previousInOrder` false: edited by hand), they are gathered and sorted first, the last row of
/// a day and session winning, as when the file was read whole.
struct AttributionRollupMerge {
    private typealias Key = AttributionRollupRows.Key

    private var rows: AttributionRollupRows
    private let topCount: Int
    private let days: [CivilDate]
    private var nextDay = 0
    // The rows of the day loaded last, and how many of them were handed on.
    private var day: [AttributionRollupRow] = []
    private var position = 0
    // Previous rows out of order, gathered.
    private var gathered: [Key: AttributionRollupRow]?

    /// A merge of `rows` with the previous rows to come, trimming top lists to `topCount`.
    init(_ rows: AttributionRollupRows, topCount: Int, previousInOrder: Bool) {
        self.rows = rows
        self.topCount = topCount
        days = rows.days
        if !previousInOrder { gathered = [:] }
    }

    /// Takes the previous roll-up's next row, handing `emit` it and the new rows before it.
    mutating func take(previous row: AttributionRollupRow, _ emit: (AttributionRollupRow) -> Void) {
        let key = Key(day: row.day, sessionID: row.sessionID)
        if gathered != nil {
            gathered![key] = row
            return
        }
        while let next = peek(), Key(day: next.day, sessionID: next.sessionID) < key {
            position += 1
            emit(trimmed(next))
        }
        var row = row
        if let next = peek(), Key(day: next.day, sessionID: next.sessionID) == key {
            position += 1
            row.absorb(next)
        }
        emit(trimmed(row))
    }

    /// Hands `emit` the rows still to come, after the previous roll-up's last.
    mutating func finish(_ emit: (AttributionRollupRow) -> Void) {
        if let gathered {
            self.gathered = nil
            for (_, row) in gathered.sorted(by: { $0.key < $1.key }) { take(previous: row, emit) }
        }
        while let next = peek() {
            position += 1
            emit(trimmed(next))
        }
    }

    // The next new row, loading the next day's when the loaded one is done.
    private mutating func peek() -> AttributionRollupRow? {
        while position == day.count {
            guard nextDay < days.count else { return nil }
            day = rows.rows(of: days[nextDay])
            nextDay += 1
            position = 0
        }
        return day[position]
    }

    private func trimmed(_ row: AttributionRollupRow) -> AttributionRollupRow {
        guard row.topCalls.count > topCount else { return row }
        var row = row
        row.topCalls.removeLast(row.topCalls.count - topCount)
        return row
    }
}
