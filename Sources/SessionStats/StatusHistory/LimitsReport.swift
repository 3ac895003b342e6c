import SessionLogCore

/// What `session-stats limits` shows: the plan limit windows the status line's captures saw, the
/// spend the usage ledger saw in each, and the pace of the current ones.
public struct LimitsReport: Sendable {
    /// Every window with a reading in the range, per kind, oldest first.
    public var windows: [LimitKind: [LimitWindow]]
    /// Captures read.
    public var captures: Int
    /// Capture lines that could not be read.
    public var skippedLines: Int
    /// Whether the usage ledger has any file, so that its zero requests mean none were made.
    public var ledgerExists: Bool
    /// Now.
    public var now: Timestamp

    /// The window of `kind` that has not reset yet, if a capture saw it.
    public func current(_ kind: LimitKind) -> LimitWindow? {
        guard let last = windows[kind]?.last, last.resetsAt > now.seconds else { return nil }
        return last
    }

    /// Builds the report from the captures and the ledgers of `directories` for `days` (nil: all);
    /// `variables` locate the pricing file.
    public static func make(
        directories: [String], days: ClosedRange<CivilDate>?, clock: LocalClock,
        variables: (String) -> String? = { _ in nil }
    ) -> LimitsReport {
        let history = StatusHistoryReader.read(directories: directories, days: days)
        var windows: [LimitKind: [LimitWindow]] = [:]
        for kind in LimitKind.allCases {
            windows[kind] = LimitWindow.windows(of: kind, in: history.records).filter { window in
                guard let days else { return true }
                return window.samples.contains { days.contains(clock.date(of: $0.timestamp)) }
            }
        }
        var report = LimitsReport(
            windows: windows, captures: history.records.count, skippedLines: history.skippedLines,
            ledgerExists: false, now: clock.now)
        report.addSpend(directories: directories, clock: clock, variables: variables)
        return report
    }

    /// Counts the ledger's requests in each window and sums their exact cost; a window's cost stays
    /// nil when one of its requests cannot be priced (or the pricing file is malformed).
    mutating func addSpend(
        directories: [String], clock: LocalClock, variables: (String) -> String? = { _ in nil }
    ) {
        let all = windows.values.joined()
        guard let first = all.map(\.start).min(), let last = all.map(\.resetsAt).max() else { return }
        let from = clock.date(of: Timestamp(milliseconds: first * 1000))
        let to = clock.date(of: Timestamp(milliseconds: last * 1000))
        var reader = UsageLedgerReader(directories: directories, localDays: clock.dayResolver)
        let ledger = reader.read(days: from...max(from, to))
        ledgerExists = !ledger.ledgerDates.isEmpty
        guard ledgerExists else { return }
        let table = directories.first.flatMap {
            try? PricingFile.table(logDirectory: $0, variables: variables)
        }
        // Sorted by time, with running sums: the cost (nil once unpriced) up to each request.
        let records = ledger.records.sorted { $0.timestamp < $1.timestamp }
        let times = records.map(\.timestamp.milliseconds)
        var costs: [Int128] = [0]
        var unpriced: [Int] = [0]
        // A roll-up row stands for its requests; it is counted where its first request is.
        var requests: [Int] = [0]
        var tokens: [Int] = [0]
        for record in records {
            let price = table?.match(record.model).price
            costs.append(costs.last! + (price?.cost(of: record).picodollars ?? 0))
            unpriced.append(unpriced.last! + (price == nil ? 1 : 0))
            requests.append(requests.last! + record.requests)
            tokens.append(tokens.last! &+ record.tokens.total)
        }
        for kind in LimitKind.allCases {
            for index in windows[kind, default: []].indices {
                let window = windows[kind]![index]
                let lower = LimitsReport.firstIndex(in: times) { $0 >= window.start * 1000 }
                let upper = LimitsReport.firstIndex(in: times) { $0 >= window.resetsAt * 1000 }
                let cost =
                    unpriced[upper] == unpriced[lower] ? USD(picodollars: costs[upper] - costs[lower]) : nil
                windows[kind]![index].spend = LimitWindow.Spend(
                    requests: requests[upper] - requests[lower], tokens: tokens[upper] - tokens[lower],
                    cost: cost)
            }
        }
    }

    /// The first index of sorted `values` where `predicate` holds (it must hold from there on).
    static func firstIndex(in values: [Int], where predicate: (Int) -> Bool) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(values[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
