import SessionLogCore

/// `session-stats sessions`: the sessions of a range, newest first, each with its resume command.
extension StatsReport {
    /// The session list as text: one row per session, then the line that resumes it (`cd 'DIR' && claude --resume ID`).
    public func sessionListText(style: TextStyle) -> String {
        let chosen = aggregate.sessionsNewestFirst(limit: top)
        let shown =
            chosen.count < aggregate.sessions.count
            ? "\(chosen.count) of \(NumberFormat.grouped(aggregate.sessions.count))"
            : NumberFormat.grouped(chosen.count)
        var text = style.bold("Claude Code sessions · " + rangeTitle) + "\n"
        if let filters = StatsReport.describe(aggregate.filter) {
            text += "Filters: " + VisibleText.escape(filters) + "\n"
        }
        text += "\(shown) sessions, newest first\n\n"
        // With a usage ledger, each session's exact requests, tokens and cost, the estimate next to them.
        var columns = [
            TextTable.Column("Start"), TextTable.Column("Duration", .right),
            TextTable.Column("Project", maxWidth: 30), TextTable.Column("Operations", .right),
        ]
        if usage != nil {
            columns += [
                TextTable.Column("Requests", .right), TextTable.Column("Tokens", .right),
                TextTable.Column("Cost", .right),
            ]
        } else {
            columns.append(TextTable.Column("Est. tokens", .right))
        }
        columns.append(TextTable.Column("Est. cost", .right))
        var table = TextTable(columns)
        var withoutExact = 0
        for index in chosen {
            let session = aggregate.sessions[index]
            var row = [
                clock.dateTime(session.start),
                NumberFormat.span(seconds: session.durationMS / 1000),
                session.project ?? "(none)",
                NumberFormat.grouped(session.operations),
            ]
            if let usage {
                if let exact = usage.bySession[session.id]?.totals {
                    row += [
                        NumberFormat.grouped(exact.requests), NumberFormat.grouped(exact.tokens.total),
                        exact.cost.display,
                    ]
                } else {
                    withoutExact += 1
                    row += ["—", "—", "no data"]
                }
            } else {
                row.append(NumberFormat.grouped(session.tokens.total))
            }
            row.append(cost.cost(ofSession: index, in: aggregate).total.display)
            table.append(row)
        }
        let lines = table.render(headerStyle: style.dim).split(
            separator: "\n", omittingEmptySubsequences: false)
        text += lines[0] + "\n"
        for (row, index) in chosen.enumerated() {
            let session = aggregate.sessions[index]
            text += lines[row + 1] + "\n"
            text +=
                "    "
                + style.dim(VisibleText.escape(ResumeCommand.line(sessionID: session.id, cwd: session.cwd)))
                + "\n"
        }
        text += "\n" + exactNote(usage, withoutExact: withoutExact, style: style)
        let fallback = chosen.filter { cost.choices[$0].isFallback }.count
        if fallback > 0 {
            text +=
                style.yellow("Estimate: model unknown for \(fallback) of these, priced at Sonnet rates.")
                + "\n"
        }
        text += "\n" + style.dim("Logs: " + VisibleText.escape(directories.joined(separator: ", "))) + "\n"
        return text
    }

    /// What the exact and estimated columns are, and which sessions have no exact figures.
    func exactNote(_ usage: UsageSummary?, withoutExact: Int, style: TextStyle) -> String {
        guard let usage else {
            return "No exact figures: the usage ledger has none for this range ('session-stats sync' copies\n"
                + "them from Claude Code's transcripts). Est.: the hook's estimate of tool text only.\n"
        }
        var text =
            "Cost: exact, from Claude Code's transcripts (usage ledger); Est. cost: the hook's estimate of\n"
            + "tool text only.\n"
        if withoutExact > 0 {
            let sessions = withoutExact == 1 ? "1 of these" : "\(withoutExact) of these"
            text +=
                "No exact data for \(sessions) (no requests in the usage ledger for this range: before the\n"
                + "first sync, or transcripts already deleted).\n"
        }
        for entry in usage.estimatedModels {
            text += style.yellow("Priced as \(entry.pricedAs): \(VisibleText.escape(entry.model))") + "\n"
        }
        if !usage.unpricedModels.isEmpty {
            let names = usage.unpricedModels.map(VisibleText.escape).joined(separator: ", ")
            text += style.yellow("Unpriced (not Claude models, $0 counted): " + names) + "\n"
        }
        return text
    }

    /// The session list as indented JSON.
    public var sessionListJSON: String {
        var writer = JSONWriter(indent: 2, capacity: 8 * 1024)
        writer.beginObject()
        writer.field("range", range.label)
        writer.nullable("from", bounds?.from.description)
        writer.nullable("to", bounds?.to.description)
        writer.field("total_sessions", aggregate.sessions.count)
        sessions(aggregate.sessionsNewestFirst(limit: top), to: &writer)
        writer.warnings(diagnostics, fallbackSessions: cost.fallbackSessions)
        writer.endObject()
        return writer.text
    }
}
