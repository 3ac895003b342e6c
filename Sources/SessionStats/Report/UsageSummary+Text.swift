import SessionLogCore

extension UsageSummary {
    /// The report's "Exact usage" section: totals, per model, per day when several, and what is
    /// estimated, unpriced or missing.
    public func text(style: TextStyle, listDays: Bool) -> String {
        var text = style.heading("Exact usage (Claude Code transcripts, USD)") + "\n"
        if totals.requests == 0 {
            text += "  No API requests in the usage ledger for this range. Run 'session-stats sync'.\n"
        } else {
            let hit = NumberFormat.fixed(Int128(totals.cacheHitBasisPoints), decimals: 2) + "%"
            text += "  Requests \(NumberFormat.grouped(totals.requests)) · cache hit ratio \(hit)"
            text += " · total " + style.bold(totals.cost.display) + "\n"
            var table = TextTable([
                TextTable.Column("Model"), TextTable.Column("Requests", .right),
                TextTable.Column("Input", .right),
                TextTable.Column("Output", .right), TextTable.Column("Cache write", .right),
                TextTable.Column("Cache read", .right), TextTable.Column("Cost", .right),
                TextTable.Column("Priced as"),
            ])
            table.indent = 2
            for (model, entry) in byModel.sorted(by: { ($0.value.cost, $1.key) > ($1.value.cost, $0.key) }) {
                table.append([
                    VisibleText.escape(model), NumberFormat.grouped(entry.requests),
                    NumberFormat.grouped(entry.tokens.input),
                    NumberFormat.grouped(entry.tokens.output), NumberFormat.grouped(entry.tokens.cacheWrite),
                    NumberFormat.grouped(entry.tokens.cacheRead),
                    pricing[model] == .unpriced ? "—" : entry.cost.display, pricingLabel(model),
                ])
            }
            text += table.render(headerStyle: style.dim)
            if listDays && byDay.count > 1 {
                var days = TextTable([
                    TextTable.Column("Day"), TextTable.Column("Requests", .right),
                    TextTable.Column("Cost", .right),
                ])
                days.indent = 2
                for day in byDay.keys.sorted() {
                    let entry = byDay[day]!
                    days.append([day.description, NumberFormat.grouped(entry.requests), entry.cost.display])
                }
                text += days.render(headerStyle: style.dim)
            }
            if !cacheMisses.isEmpty {
                text += "  Cache misses (cost beyond a hit: missed tokens × (write rate − read rate))\n"
                var misses = TextTable([
                    TextTable.Column("Reason"), TextTable.Column("Requests", .right),
                    TextTable.Column("Missed tokens", .right), TextTable.Column("Cost", .right),
                ])
                misses.indent = 2
                for (reason, entry) in cacheMissesByCost {
                    misses.append([
                        VisibleText.escape(reason), NumberFormat.grouped(entry.requests),
                        NumberFormat.grouped(entry.missedTokens), entry.cost.display,
                    ])
                }
                text += misses.render(headerStyle: style.dim)
            }
            text += pricingNotes.text(indent: "  ", style: style)
        }
        if !daysWithoutUsage.isEmpty {
            text +=
                "  No exact data for " + UsageSummary.describe(daysWithoutUsage)
                + " (before the first sync, or transcripts already deleted): only the estimate above.\n"
        }
        return text + "\n"
    }

    /// `2026-11-20`, `3 days: 2026-11-20, 2026-11-21, 2026-11-22`, `40 days from 2026-01-01 to 2026-02-09`.
    static func describe(_ days: [CivilDate]) -> String {
        if days.count == 1 { return days[0].description }
        if days.count <= 5 { return "\(days.count) days: " + days.map(\.description).joined(separator: ", ") }
        return "\(days.count) days from \(days.first!) to \(days.last!)"
    }
}
