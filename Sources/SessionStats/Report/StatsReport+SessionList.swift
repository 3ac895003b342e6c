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
        var table = TextTable(
            [
                TextTable.Column("Start"), TextTable.Column("Duration", .right),
                TextTable.Column("Project", maxWidth: 30), TextTable.Column("Operations", .right),
                TextTable.Column("Tokens", .right), TextTable.Column("Est. cost", .right),
            ])
        for index in chosen {
            let session = aggregate.sessions[index]
            table.append([
                clock.dateTime(session.start),
                NumberFormat.span(seconds: session.durationMS / 1000),
                session.project ?? "(none)",
                NumberFormat.grouped(session.operations),
                NumberFormat.grouped(session.tokens.total),
                cost.cost(ofSession: index, in: aggregate).total.display,
            ])
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
        let fallback = chosen.filter { cost.choices[$0].isFallback }.count
        if fallback > 0 {
            text +=
                "\n" + style.yellow("Model unknown for \(fallback) of these: priced at Sonnet rates.") + "\n"
        }
        text += "\n" + style.dim("Logs: " + VisibleText.escape(directories.joined(separator: ", "))) + "\n"
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
