import SessionLogCore

/// One plan limit window as the captures saw it: from its start to its reset, every reading taken.
public struct LimitWindow: Sendable {
    /// One reading: when, and the percentage used then.
    public struct Sample: Sendable, Equatable {
        /// When it was captured.
        public var timestamp: Timestamp
        /// `used_percentage`, as Claude Code sent it.
        public var percent: DecimalNumber
    }

    /// The spend a window saw in the usage ledger.
    public struct Spend: Sendable, Equatable {
        /// Requests made in the window.
        public var requests: Int
        /// Their tokens: input, output, cache writes and cache reads.
        public var tokens: Int
        /// Their exact cost; nil while the ledger cannot price them.
        public var cost: USD?
    }

    /// Which limit.
    public var kind: LimitKind
    /// When the window resets, in seconds since the epoch.
    public var resetsAt: Int
    /// The readings, oldest first.
    public var samples: [Sample]
    /// What the usage ledger saw in the window, when it was read.
    public var spend: Spend?

    /// When the window started: its reset less its length.
    public var start: Int { resetsAt - kind.seconds }
    /// The highest percentage read.
    public var peak: Sample { samples.max { $0.percent.double < $1.percent.double }! }
    /// The last reading.
    public var last: Sample { samples[samples.count - 1] }

    /// The windows of `kind` in `records` (oldest first): readings are grouped by their reset time
    /// (within five minutes, as a reset time can shift by a few seconds between responses); readings
    /// taken after their window's reset are stale and left out.
    public static func windows(of kind: LimitKind, in records: [StatusRecord]) -> [LimitWindow] {
        var readings: [(resetsAt: Int, sample: Sample)] = []
        for record in records {
            guard let reading = kind.reading(record.input), let resetsAt = reading.resetsAt,
                record.timestamp.seconds <= resetsAt
            else { continue }
            readings.append((resetsAt, Sample(timestamp: record.timestamp, percent: reading.usedPercent)))
        }
        readings.sort { ($0.resetsAt, $0.sample.timestamp) < ($1.resetsAt, $1.sample.timestamp) }
        var windows: [LimitWindow] = []
        for (resetsAt, sample) in readings {
            if var window = windows.last, resetsAt - window.resetsAt <= 300 {
                window.resetsAt = resetsAt
                window.samples.append(sample)
                windows[windows.count - 1] = window
            } else {
                windows.append(LimitWindow(kind: kind, resetsAt: resetsAt, samples: [sample]))
            }
        }
        for index in windows.indices { windows[index].samples.sort { $0.timestamp < $1.timestamp } }
        return windows
    }

    /// Percentage points per hour at the current pace: over the readings of the last hour (the
    /// last day for the 7-day window) when they span ten minutes, else since the window started.
    public var burnRatePerHour: Double {
        let lookBack = kind == .fiveHour ? 3600 : 86_400
        let recent = samples.filter { last.timestamp.seconds - $0.timestamp.seconds <= lookBack }
        if let first = recent.first, last.timestamp.seconds - first.timestamp.seconds >= 600 {
            let hours = Double(last.timestamp.milliseconds - first.timestamp.milliseconds) / 3_600_000
            return max(0, (last.percent.double - first.percent.double) / hours)
        }
        let hours = Double(last.timestamp.seconds - start) / 3600
        return hours > 0 ? max(0, last.percent.double / hours) : 0
    }

    /// When, at `burnRatePerHour`, the window reaches 100%; nil at no burn, the last reading when
    /// already there.
    public var projectedFull: Timestamp? {
        let remaining = 100 - last.percent.double
        if remaining <= 0 { return last.timestamp }
        let rate = burnRatePerHour
        guard rate > 0 else { return nil }
        let milliseconds = remaining / rate * 3_600_000
        guard milliseconds < 1e15 else { return nil }
        return Timestamp(milliseconds: last.timestamp.milliseconds + Int(milliseconds))
    }

    /// The window's use over time in `kind.cells` block characters, each the highest reading of its
    /// part of the window (carried forward over parts without one); blank before the first reading
    /// and after the last.
    public var sparkline: String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let cell = kind.seconds / kind.cells
        var text = ""
        var carried: Double?
        for index in 0..<kind.cells {
            let from = start + index * cell
            let to = from + cell
            let inCell = samples.filter { $0.timestamp.seconds >= from && $0.timestamp.seconds < to }
            if let high = inCell.map(\.percent.double).max() {
                carried = high
            } else if from > last.timestamp.seconds {
                carried = nil
            }
            guard let value = carried else {
                text += " "
                continue
            }
            text.append(blocks[min(blocks.count - 1, max(0, Int(value / 100 * Double(blocks.count))))])
        }
        // Trailing blanks say nothing.
        while text.last == " " { text.removeLast() }
        return text
    }
}
