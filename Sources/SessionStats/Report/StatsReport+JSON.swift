import SessionLogCore

/// `session-stats report --json`: a superset of the bash tool's schema.
extension StatsReport {
    /// The report as indented JSON. Costs are numbers with exactly 4 decimals.
    public var json: String {
        let aggregate = self.aggregate
        var writer = JSONWriter(indent: 2, capacity: 16 * 1024)
        writer.beginObject()
        writer.field("range", range.label)
        writer.nullable("from", bounds?.from.description)
        writer.nullable("to", bounds?.to.description)
        filters(&writer)
        writer.key("directories")
        writer.beginArray()
        for directory in directories { writer.string(directory) }
        writer.endArray()

        writer.key("summary")
        writer.beginObject()
        writer.field("total_operations", aggregate.operations)
        writer.field("sessions", aggregate.sessions.count)
        writer.field("active_days", aggregate.activeDays)
        writer.field("failed", aggregate.failures)
        writer.field("lines", aggregate.lines)
        writer.tokens("tokens", aggregate.tokens)
        writer.key("estimated_cost")
        writer.beginObject()
        writer.money("input", cost.total.input)
        writer.money("output", cost.total.output)
        writer.money("total", cost.total.total)
        writer.field("currency", "USD")
        writer.field("rates_overridden", cost.pricing.isOverridden)
        writer.field("unknown_model_sessions", cost.fallbackSessions)
        writer.key("rates")
        writer.beginArray()
        for usage in cost.usage {
            writer.beginObject()
            writer.nullable("model", usage.choice.family?.label)
            writer.field("fallback", usage.choice.isFallback)
            writer.key("input_per_million")
            writer.raw(
                NumberFormat.trimmed(
                    Int128(usage.choice.rates.inputPerToken), decimals: 6, minimumDecimals: 2))
            writer.key("output_per_million")
            writer.raw(
                NumberFormat.trimmed(
                    Int128(usage.choice.rates.outputPerToken), decimals: 6, minimumDecimals: 2))
            writer.field("sessions", usage.sessions)
            writer.tokens("tokens", usage.tokens)
            writer.money("cost", usage.cost.total)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.endObject()

        if let usage { writer.usage(usage) }
        if let attribution { writer.attribution(attribution) }

        writer.key("tools")
        writer.beginArray()
        for (name, totals) in aggregate.toolsByCount {
            writer.beginObject()
            writer.nullable("tool", name)
            writer.field("count", totals.operations)
            writer.key("share")
            writer.raw(String(NumberFormat.percent(totals.operations, of: aggregate.operations).dropLast()))
            writer.field("failed", totals.failures)
            writer.tokens("tokens", totals.tokens)
            writer.key("p50_ms")
            if let p50 = totals.durations.percentile(50) { writer.integer(p50) } else { writer.null() }
            writer.key("p95_ms")
            if let p95 = totals.durations.percentile(95) { writer.integer(p95) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()

        writer.key("projects")
        writer.beginArray()
        for (name, totals) in aggregate.projectsByCount {
            writer.beginObject()
            writer.nullable("project", name)
            writer.field("count", totals.operations)
            writer.field("sessions", totals.sessionCount)
            writer.field("failed", totals.failures)
            writer.tokens("tokens", totals.tokens)
            writer.money("estimated_cost", cost.cost(of: totals).total)
            writer.endObject()
        }
        writer.endArray()

        writer.key("top_files")
        writer.beginArray()
        for (file, edits) in aggregate.topFiles(limit: top) {
            writer.beginObject()
            writer.field("file", file.path)
            writer.field("count", edits)
            writer.nullable("project", file.project)
            writer.endObject()
        }
        writer.endArray()

        writer.key("days")
        writer.beginArray()
        for (day, totals) in aggregate.daysInOrder {
            writer.beginObject()
            writer.field("date", day.description)
            writer.field("operations", totals.operations)
            writer.field("sessions", totals.sessionCount)
            writer.field("failed", totals.failures)
            writer.tokens("tokens", totals.tokens)
            writer.money("estimated_cost", cost.cost(of: totals).total)
            writer.endObject()
        }
        writer.endArray()

        sessions(aggregate.sessionsByTokens(limit: top), to: &writer)

        writer.warnings(diagnostics, fallbackSessions: cost.fallbackSessions)
        writer.endObject()
        return writer.text
    }

    /// Writes `"sessions"`: the sessions at `indices` of the aggregate, in that order.
    func sessions(_ indices: [Int], to writer: inout JSONWriter) {
        writer.key("sessions")
        writer.beginArray()
        for index in indices {
            let session = aggregate.sessions[index]
            writer.session(
                session, model: aggregate.models[session.id], choice: cost.choices[index],
                cost: cost.cost(ofSession: index, in: aggregate), exact: usage?.bySession[session.id]?.totals,
                clock: clock)
        }
        writer.endArray()
    }

    private func filters(_ writer: inout JSONWriter) {
        let filter = aggregate.filter
        writer.key("filters")
        writer.beginObject()
        writer.field("project", filter.project)
        switch filter.session {
        case .prefix(let id), .exact(let id): writer.field("session", id)
        case nil: break
        }
        writer.field("tool", filter.tool)
        if !filter.tags.isEmpty {
            writer.key("tags")
            writer.beginObject()
            for tag in filter.tags {
                writer.key(tag.key)
                writer.string(tag.value)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
