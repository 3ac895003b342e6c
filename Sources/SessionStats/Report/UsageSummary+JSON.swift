import SessionLogCore

extension JSONWriter {
    /// `"usage": {totals, by_day, by_model, by_project, by_session, estimated_models, unpriced_models,
    /// days_without_usage, cache_misses}`, the exact figures from the usage ledger.
    mutating func usage(_ summary: UsageSummary) {
        key("usage")
        beginObject()
        key("totals")
        usageTotals(summary.totals)
        key("by_day")
        beginArray()
        for day in summary.byDay.keys.sorted() {
            usageTotals(summary.byDay[day]!) { $0.field("date", day.description) }
        }
        endArray()
        key("by_model")
        beginArray()
        for (model, totals) in summary.byModel.sorted(by: {
            ($0.value.cost, $1.key) > ($1.value.cost, $0.key)
        }) {
            usageTotals(totals) { writer in
                writer.field("model", model)
                writer.key("pricing")
                writer.string(summary.pricingLabel(model))
            }
        }
        endArray()
        key("by_project")
        beginArray()
        for (project, totals) in summary.byProject.sorted(by: {
            ($0.value.cost, $1.key) > ($1.value.cost, $0.key)
        }) {
            usageTotals(totals) { writer in
                writer.key("project")
                writer.string(project)
            }
        }
        endArray()
        key("by_session")
        beginArray()
        for (session, entry) in summary.bySession.sorted(by: {
            ($0.value.totals.cost, $1.key) > ($1.value.totals.cost, $0.key)
        }) {
            usageTotals(entry.totals) { writer in
                writer.field("session_id", session)
                writer.key("project")
                writer.string(entry.project)
            }
        }
        endArray()
        pricingNotes(summary.pricingNotes)
        key("days_without_usage")
        beginArray()
        for day in summary.daysWithoutUsage { string(day.description) }
        endArray()
        field("skipped_lines", summary.skippedLines)
        key("cache_misses")
        beginArray()
        for (reason, totals) in summary.cacheMissesByCost {
            beginObject()
            field("reason", reason)
            field("requests", totals.requests)
            field("missed_tokens", totals.missedTokens)
            key("cost")
            raw(exactCost(totals.cost))
            endObject()
        }
        endArray()
        endObject()
    }

    /// `T`: requests, tokens by kind, web searches, cost in USD; `extra` writes leading members.
    mutating func usageTotals(_ totals: UsageTotals, _ extra: (inout JSONWriter) -> Void = { _ in }) {
        beginObject()
        extra(&self)
        field("requests", totals.requests)
        field("input", totals.tokens.input)
        field("output", totals.tokens.output)
        field("cache_write_5m", totals.tokens.cacheWrite5m)
        field("cache_write_1h", totals.tokens.cacheWrite1h)
        field("cache_read", totals.tokens.cacheRead)
        field("web_search_requests", totals.webSearchRequests)
        key("cost")
        raw(exactCost(totals.cost))
        key("cache_hit_ratio")
        raw(NumberFormat.fixed(Int128(totals.cacheHitBasisPoints), decimals: 4))
        endObject()
    }

    /// A cost as a JSON number of USD with 6 decimals, rounded once.
    func exactCost(_ amount: USD) -> String {
        let unit: Int128 = 1_000_000
        let rounded =
            amount.picodollars >= 0
            ? (amount.picodollars + unit / 2) / unit : -((-amount.picodollars + unit / 2) / unit)
        return NumberFormat.fixed(rounded, decimals: 6)
    }
}
