import SessionLogCore

/// `session-stats session ID --json`: the whole session.
extension SessionTimeline {
    /// The session's totals and every entry, as indented JSON.
    public var json: String {
        var writer = JSONWriter(indent: 2, capacity: 64 * 1024)
        writer.beginObject()
        writer.key("session")
        writer.session(session, model: model, choice: choice, cost: cost, exact: exact, clock: clock)
        if let usage, exact != nil {
            writer.key("usage_by_model")
            writer.beginArray()
            for (name, totals) in usage.byModel.sorted(by: {
                ($0.value.cost, $1.key) > ($1.value.cost, $0.key)
            }) {
                writer.usageTotals(totals) { writer in
                    writer.field("model", name)
                    writer.key("pricing")
                    writer.string(usage.pricingLabel(name))
                }
            }
            writer.endArray()
        }
        if let attribution { writer.sessionAttribution(attribution) }
        writer.key("entries")
        writer.beginArray()
        for entry in entries {
            writer.beginObject()
            writer.field("timestamp", entry.timestamp.iso8601)
            writer.field("day", entry.day.description)
            writer.field("event", entry.event.name)
            writer.field("source", SessionTimeline.name(of: entry.source))
            writer.field("project", entry.project)
            writer.field("cwd", entry.cwd)
            writer.field("tool", entry.tool)
            writer.field("file", entry.file)
            writer.field("path", entry.path)
            writer.field("pattern", entry.pattern)
            writer.field("command", entry.command)
            writer.field("url", entry.url)
            writer.field("model", entry.model)
            writer.tokens("tokens", TokenCount(entry))
            if attribution != nil, entry.isOperation, entry.tool != nil {
                writer.key("cost")
                if let cost = exactCost(of: entry) { writer.raw(cost.fixed4) } else { writer.null() }
            }
            writer.field("duration_ms", entry.durationMS)
            if entry.operations > 1 { writer.field("duration_total_ms", entry.durationTotalMS) }
            writer.field("operations", entry.operations)
            writer.field("failed", entry.failures)
            writer.field("error", entry.error)
            if entry.interrupted { writer.field("interrupted", true) }
            if !entry.tags.isEmpty {
                writer.key("tags")
                writer.beginObject()
                for key in entry.tags.keys.sorted() { writer.field(key, entry.tags[key]) }
                writer.endObject()
            }
            writer.field("location", entry.location.description)
            writer.endObject()
        }
        writer.endArray()
        writer.warnings(diagnostics, fallbackSessions: choice?.isFallback == true ? 1 : 0)
        writer.endObject()
        return writer.text
    }

    /// `v1`, `legacy` or `rollup`.
    static func name(of source: LogEntry.Source) -> String {
        switch source {
        case .v1: "v1"
        case .legacy: "legacy"
        case .rollup: "rollup"
        }
    }
}
