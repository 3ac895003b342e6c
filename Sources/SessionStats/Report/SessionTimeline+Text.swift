import SessionLogCore

/// The session timeline for people.
extension SessionTimeline {
    /// The header and the timeline as text; a date line starts each local day.
    public func text(style: TextStyle) -> String {
        let id = VisibleText.escape(session.id)
        var text = style.bold("Claude Code session " + id) + "\n\n"
        // Rows of label and value; values from the logs are made visible, then the failures coloured.
        var header: [(String, String)] = [("Project", VisibleText.escape(session.project ?? "(none)"))]
        if let cwd = session.cwd { header.append(("Directory", VisibleText.escape(cwd))) }
        if let choice {
            let rates = choice.family.map { " (\($0.label) rates)" } ?? " (unknown: Sonnet rates)"
            header.append(("Model", VisibleText.escape(model ?? "not logged") + rates))
        }
        header.append(
            ("Started", clock.date(of: session.start).description + " " + clock.time(session.start)))
        header.append(
            (
                session.isLogged ? "Last line" : "Last request",
                clock.date(of: session.end).description + " " + clock.time(session.end) + " ("
                    + NumberFormat.span(seconds: session.durationMS / 1000) + " later)"
            ))
        let failed =
            session.failures > 0 ? style.red(", \(NumberFormat.grouped(session.failures)) failed") : ""
        header.append(
            (
                "Operations",
                session.isLogged
                    ? NumberFormat.grouped(session.operations) + failed : "none in the activity log"
            ))
        let estimatedSplit =
            "in " + NumberFormat.grouped(session.tokens.input) + ", out "
            + NumberFormat.grouped(session.tokens.output)
        if let exact, let usage {
            header.append(("Requests", NumberFormat.grouped(exact.requests)))
            header.append(
                (
                    "Tokens",
                    NumberFormat.grouped(exact.tokens.total) + " (input "
                        + NumberFormat.grouped(exact.tokens.input) + ", output "
                        + NumberFormat.grouped(exact.tokens.output) + ", cache write "
                        + NumberFormat.grouped(exact.tokens.cacheWrite) + ", cache read "
                        + NumberFormat.grouped(exact.tokens.cacheRead) + ")"
                ))
            let models = usage.byModel.sorted { ($0.value.cost, $1.key) > ($1.value.cost, $0.key) }.map {
                model, totals in
                let price: String
                switch usage.pricing[model] {
                case .exact: price = totals.cost.display
                case .estimated(let stand): price = totals.cost.display + " priced as " + stand.name
                case .unpriced, nil: price = "unpriced"
                }
                return VisibleText.escape(model) + " " + price
            }
            header.append(
                ("Cost", style.bold(exact.cost.display) + " (" + models.joined(separator: ", ") + ")"))
            if let cost {
                header.append(
                    (
                        "Estimate",
                        NumberFormat.grouped(session.tokens.total) + " tokens of tool text (" + estimatedSplit
                            + "), " + cost.total.display
                    ))
            }
            if let buckets = attribution?.buckets {
                let parts: [(String, USD)] = [
                    ("tools", buckets.tools), ("prompts", buckets.prompts),
                    ("assistant text", buckets.assistantText),
                    ("thinking", buckets.thinking), ("setup", buckets.setup),
                    ("unattributed", buckets.unattributed),
                ]
                header.append(
                    ("Went to", parts.map { $0.0 + " " + $0.1.display }.joined(separator: ", ")))
            }
        } else {
            header.append(
                (
                    "Tokens",
                    NumberFormat.grouped(session.tokens.total) + " (" + estimatedSplit + ", estimated)"
                ))
            header.append(
                (
                    "Cost",
                    (cost ?? CostSplit()).total.display + " (estimated; no exact data in the usage ledger)"
                ))
        }
        header.append(
            ("Resume", VisibleText.escape(ResumeCommand.line(sessionID: session.id, cwd: session.cwd))))
        let labelWidth = header.map(\.0.count).max() ?? 0
        for (label, value) in header {
            text +=
                "  " + label + String(repeating: " ", count: labelWidth - label.count) + "  " + value + "\n"
        }
        text += "\n" + style.heading("Timeline") + "\n"
        guard session.isLogged else {
            return text
                + "  none: the activity log has no lines of this session (from before the hook was\n"
                + "  installed, or with hooks off); its requests are in the usage ledger.\n"
        }

        // The exact cost column shows only when the session has attribution.
        var columns = [
            TextTable.Column("Time"), TextTable.Column("Event"),
            TextTable.Column("Tool", maxWidth: 28, clipping: .keepBothEnds),
            TextTable.Column("Detail", maxWidth: 60), TextTable.Column("Tokens", .right),
        ]
        if attribution != nil { columns.append(TextTable.Column("Cost", .right)) }
        columns.append(TextTable.Column("Duration", .right))
        var table = TextTable(columns)
        // A date line starts each local day; it is set between the table's rows after layout.
        var dayStarts: [Int: CivilDate] = [:]
        var lastDay: CivilDate?
        for (index, entry) in entries.enumerated() {
            let day = clock.date(of: entry.timestamp)
            if day != lastDay { dayStarts[index] = day }
            lastDay = day
            var detail = detail(of: entry)
            if entry.failures > 0, let error = entry.error, !error.isEmpty {
                detail = detail.isEmpty ? "error: " + error : detail + " · error: " + error
            }
            if entry.interrupted { detail += detail.isEmpty ? "interrupted" : " · interrupted" }
            var row = [
                clock.time(entry.timestamp), entry.event.name, entry.tool ?? "", detail,
                NumberFormat.grouped(entry.totalTokens),
            ]
            if attribution != nil {
                let unjoined = entry.isOperation && entry.tool != nil ? "unjoined" : ""
                row.append(exactCost(of: entry)?.display ?? unjoined)
            }
            row.append(entry.durationMS.map(NumberFormat.milliseconds) ?? "")
            table.append(row)
        }
        let lines = table.render(headerStyle: style.dim).split(separator: "\n")
        text += lines[0] + "\n"
        for (index, line) in lines.dropFirst().enumerated() {
            if let day = dayStarts[index] {
                text += "  " + style.bold(StatsReport.weekday(day) + " " + day.description) + "\n"
            }
            text += line + "\n"
        }
        return text
    }
}
