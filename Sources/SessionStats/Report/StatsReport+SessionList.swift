import SessionLogCore

/// `session-stats sessions`: the sessions of a range, newest first, each with its resume command.
extension StatsReport {
    /// A session of the list: its totals and, when the activity log has it, its index in the aggregate.
    public typealias ListedSession = (session: SessionTotals, index: Int?)

    /// The sessions of the activity log, then those only the usage ledger has (`SessionTotals.isLogged`).
    public var listedSessionCount: Int { aggregate.sessions.count + ledgerOnlySessions.count }

    /// The `limit` newest sessions (nil: all) of the activity log and of the usage ledger alone,
    /// newest first by their first line or request.
    public func sessionsNewestFirst(limit: Int?) -> [ListedSession] {
        var listed: [ListedSession] = aggregate.sessions.enumerated().map { ($0.element, $0.offset) }
        listed += ledgerOnlySessions.map { (SessionTotals(id: $0.key, ledger: $0.value), nil) }
        listed.sort { ($1.session.start, $0.session.id) < ($0.session.start, $1.session.id) }
        return limit.map { Array(listed.prefix($0)) } ?? listed
    }

    // The ledger's sessions of the range that the activity log does not have.
    private var ledgerOnlySessions: [String: UsageSessionTotals] {
        guard let usage else { return [:] }
        let logged = Set(aggregate.sessions.map(\.id))
        return usage.bySession.filter { !logged.contains($0.key) }
    }

    /// The session list as text: one row per session, then the line that resumes it (`cd 'DIR' && claude --resume ID`).
    public func sessionListText(style: TextStyle) -> String {
        let chosen = sessionsNewestFirst(limit: top)
        let total = listedSessionCount
        let shown =
            chosen.count < total
            ? "\(chosen.count) of \(NumberFormat.grouped(total))"
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
        for (session, index) in chosen {
            var row = [
                clock.dateTime(session.start),
                NumberFormat.span(seconds: session.durationMS / 1000),
                session.project ?? "(none)",
                index == nil ? "—" : NumberFormat.grouped(session.operations),
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
            row.append(index.map { cost.cost(ofSession: $0, in: aggregate).total.display } ?? "—")
            table.append(row)
        }
        let lines = table.render(headerStyle: style.dim).split(
            separator: "\n", omittingEmptySubsequences: false)
        text += lines[0] + "\n"
        for (row, (session, _)) in chosen.enumerated() {
            text += lines[row + 1] + "\n"
            text +=
                "    "
                + style.dim(VisibleText.escape(ResumeCommand.line(sessionID: session.id, cwd: session.cwd)))
                + "\n"
        }
        text += "\n" + exactNote(usage, withoutExact: withoutExact, style: style)
        let unlogged = chosen.filter { $0.index == nil }.count
        if unlogged > 0 {
            let these = unlogged == 1 ? "1 of these is" : "\(unlogged) of these are"
            text +=
                "\(these) in the usage ledger only (no hook lines: from before the hook was installed,\n"
                + "or with hooks off), so no operations or estimate.\n"
        }
        let fallback = chosen.compactMap(\.index).filter { cost.choices[$0].isFallback }.count
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
        text += usage.pricingNotes.text(style: style)
        return text
    }

    /// The session list as indented JSON.
    public var sessionListJSON: String {
        var writer = JSONWriter(indent: 2, capacity: 8 * 1024)
        writer.beginObject()
        writer.field("range", range.label)
        writer.nullable("from", bounds?.from.description)
        writer.nullable("to", bounds?.to.description)
        writer.field("total_sessions", listedSessionCount)
        writer.key("sessions")
        writer.beginArray()
        for (session, index) in sessionsNewestFirst(limit: top) {
            writer.session(
                session, model: aggregate.models[session.id], choice: index.map { cost.choices[$0] },
                cost: index.map { cost.cost(ofSession: $0, in: aggregate) },
                exact: usage?.bySession[session.id]?.totals, clock: clock)
        }
        writer.endArray()
        writer.warnings(diagnostics, fallbackSessions: cost.fallbackSessions)
        writer.endObject()
        return writer.text
    }
}
