import SessionLogCore

/// `session-stats limits --json`.
extension LimitsReport {
    /// The report as one JSON document; times in ISO 8601 UTC, percentages as Claude Code sent them.
    public func json() -> [UInt8] {
        var writer = JSONWriter(indent: 2)
        writer.beginObject()
        writer.field("captures", captures)
        writer.field("skipped_lines", skippedLines)
        writer.key("windows")
        writer.beginArray()
        for kind in LimitKind.allCases {
            for window in windows[kind] ?? [] { write(window, to: &writer, current: false) }
        }
        writer.endArray()
        writer.key("current")
        writer.beginObject()
        for kind in LimitKind.allCases {
            writer.key(kind.rawValue)
            if let window = current(kind) { write(window, to: &writer, current: true) } else { writer.null() }
        }
        writer.endObject()
        writer.key("notes")
        writer.beginArray()
        if !ledgerExists { writer.string("requests need the usage ledger: run session-stats sync") }
        writer.string("cost: the ledger's exact spend in the window; null when a model cannot be priced")
        writer.endArray()
        writer.endObject()
        return writer.bytes + [UInt8(ascii: "\n")]
    }

    private func write(_ window: LimitWindow, to writer: inout JSONWriter, current: Bool) {
        writer.beginObject()
        writer.field("kind", window.kind.rawValue)
        writer.field("start", Timestamp(milliseconds: window.start * 1000).iso8601)
        writer.field("resets_at", Timestamp(milliseconds: window.resetsAt * 1000).iso8601)
        writer.key("peak_percent")
        writer.raw(window.peak.percent.text)
        writer.key("last_percent")
        writer.raw(window.last.percent.text)
        writer.key("cost")
        if let cost = window.spend?.cost { writer.raw(cost.fixed4) } else { writer.null() }
        writer.key("requests")
        if let spend = window.spend { writer.integer(spend.requests) } else { writer.null() }
        writer.key("tokens")
        if let spend = window.spend { writer.integer(spend.tokens) } else { writer.null() }
        writer.field("samples", window.samples.count)
        writer.field("first_seen", window.samples[0].timestamp.iso8601)
        writer.field("last_seen", window.last.timestamp.iso8601)
        writer.field("sparkline", window.sparkline)
        if current {
            writer.key("burn_rate_percent_per_hour")
            writer.raw(NumberFormat.fixed(Int128((window.burnRatePerHour * 100).rounded()), decimals: 2))
            writer.nullable("projected_full_at", window.projectedFull?.iso8601)
            let full = window.projectedFull
            writer.field("reaches_100_before_reset", full.map { $0.seconds < window.resetsAt } ?? false)
            writer.field("resets_in_seconds", max(0, window.resetsAt - now.seconds))
        }
        writer.endObject()
    }
}
