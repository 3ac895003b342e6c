import SessionLogCore

/// The human report: Summary, Token usage, Estimated cost, Tools, Projects, Sessions, Most edited files, Daily.
extension StatsReport {
    /// The report as text, coloured when `style` is enabled.
    public func text(style: TextStyle) -> String {
        let aggregate = self.aggregate
        var text = style.bold("Claude Code activity · " + rangeTitle) + "\n"
        if let filters = StatsReport.describe(aggregate.filter) {
            text += "Filters: " + VisibleText.escape(filters) + "\n"
        }
        text += "\n" + keyValueSections(style: style)
        if let usage { text += usage.text(style: style, listDays: usage.byDay.count <= 31) }
        if let attribution { text += attribution.text(style: style) }
        text += section("Tools", toolsTable(style: style), style: style)
        text += section("Projects", projectsTable(style: style), style: style)
        let sessionsTitle = top.map { "Sessions (top \($0) by tokens)" } ?? "Sessions (by tokens)"
        text += section(sessionsTitle, sessionsTable(style: style), style: style)
        text += section("Most edited files", filesTable(), style: style)
        let listed = listedDays
        if listed.count > 1 { text += section("Daily", dailyTable(listed, style: style), style: style) }
        text += style.dim("Logs: " + VisibleText.escape(directories.joined(separator: ", "))) + "\n"
        return text
    }

    /// `week · 2026-11-16 to 2026-11-22`, `today · 2026-11-22`, `all days · … to …`, `2026-01-14`.
    var rangeTitle: String {
        let name: String?
        switch range {
        case .date, .span: name = nil
        case .all: name = "all days"
        default: name = range.label
        }
        guard let bounds else { return name ?? range.label }
        let dates = bounds.from == bounds.to ? bounds.from.description : "\(bounds.from) to \(bounds.to)"
        return name.map { $0 + " · " + dates } ?? dates
    }

    /// The range in a sentence: `today (2026-11-22)`, `on 2026-01-14`, `from 2026-01-01 to 2026-01-31`.
    var rangePhrase: String {
        let dates = bounds.map { $0.from == $0.to ? $0.from.description : "\($0.from) to \($0.to)" } ?? ""
        switch range {
        case .today, .yesterday: return range.label + " (" + dates + ")"
        case .week: return "in the last 7 days (" + dates + ")"
        case .month: return "in the last 30 days (" + dates + ")"
        case .all: return "in any log"
        case .date: return "on " + dates
        case .span(_?, _?):
            return "from \(days?.lowerBound.description ?? "") to \(days?.upperBound.description ?? "")"
        case .span(_?, nil): return "since \(days?.lowerBound.description ?? "")"
        case .span(nil, _?): return "until \(days?.upperBound.description ?? "")"
        case .span(nil, nil): return "in any log"
        }
    }

    /// `project app · tool Bash`, or nil when nothing is filtered.
    static func describe(_ filter: EntryFilter) -> String? {
        var parts: [String] = []
        if let project = filter.project { parts.append("project " + project) }
        switch filter.session {
        case .prefix(let id), .exact(let id): parts.append("session " + id)
        case nil: break
        }
        if let tool = filter.tool { parts.append("tool " + tool) }
        for tag in filter.tags { parts.append("tag " + tag.key + "=" + tag.value) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    private func section(_ title: String, _ body: String, style: TextStyle) -> String {
        guard !body.isEmpty else { return "" }
        return style.heading(title) + "\n" + body + "\n"
    }

    /// Summary, Token usage and Estimated cost, with values aligned across the three.
    private func keyValueSections(style: TextStyle) -> String {
        let aggregate = self.aggregate
        let summary: [(String, String, String)] = [
            ("Operations", NumberFormat.grouped(aggregate.operations), ""),
            ("Sessions", NumberFormat.grouped(aggregate.sessions.count), ""),
            ("Active days", NumberFormat.grouped(aggregate.activeDays), ""),
            ("Ops per session", NumberFormat.ratio(aggregate.operations, aggregate.sessions.count), ""),
            (
                "Failed calls", NumberFormat.grouped(aggregate.failures),
                NumberFormat.percent(aggregate.failures, of: aggregate.operations)
            ),
        ]
        let tokens: [(String, String, String)] = [
            ("Input", NumberFormat.grouped(aggregate.tokens.input), ""),
            ("Output", NumberFormat.grouped(aggregate.tokens.output), ""),
            ("Total", NumberFormat.grouped(aggregate.tokens.total), ""),
        ]
        let money: [(String, String, String)] = [
            ("Read", cost.total.input.display, "tool responses, errors, prompts: input rate"),
            ("Written", cost.total.output.display, "tool input: output rate"),
            ("Total", cost.total.total.display, "an estimate, not the bill"),
        ]
        let width = (summary + tokens + money).map { $0.1.count }.max() ?? 0
        func lines(_ rows: [(String, String, String)], emphasis: String? = nil) -> String {
            rows.map { label, value, note in
                let padded = String(repeating: " ", count: width - value.count) + value
                var shown = label == emphasis ? style.bold(padded) : padded
                if label == "Failed calls" && aggregate.failures > 0 { shown = style.red(padded) }
                let labelText = label + String(repeating: " ", count: max(1, 18 - label.count))
                return "  " + labelText + shown + (note.isEmpty ? "" : "  " + note) + "\n"
            }.joined()
        }
        var text = style.heading("Summary") + "\n" + lines(summary) + "\n"
        text += style.heading("Token usage (estimated)") + "\n" + lines(tokens) + "\n"
        text += style.heading("Estimated cost (USD)") + "\n" + lines(money, emphasis: "Total")
        text += ratesText(style: style) + "\n"
        return text
    }

    /// Which rates priced what, and a caution when a model was unknown.
    private func ratesText(style: TextStyle) -> String {
        guard !cost.usage.isEmpty else { return "" }
        var table = TextTable(
            [
                TextTable.Column("Model"), TextTable.Column("Input", .right),
                TextTable.Column("Output", .right),
                TextTable.Column("Sessions", .right), TextTable.Column("Cost", .right),
            ])
        table.indent = 4
        for usage in cost.usage {
            table.append([
                usage.choice.family?.label ?? "unknown model (Sonnet rates)",
                StatsReport.perMillion(usage.choice.rates.inputPerToken),
                StatsReport.perMillion(usage.choice.rates.outputPerToken),
                NumberFormat.grouped(usage.sessions),
                usage.cost.total.display,
            ])
        }
        var text = "  Rates in USD per million tokens:\n" + table.render(headerStyle: style.dim)
        if cost.pricing.isOverridden {
            var names: [String] = []
            if cost.pricing.inputOverride != nil { names.append(Pricing.inputVariable) }
            if cost.pricing.outputOverride != nil { names.append(Pricing.outputVariable) }
            text += "  " + names.joined(separator: " and ") + " set: those rates replace the table's.\n"
        }
        let fallback = cost.fallbackSessions
        if fallback > 0 {
            let sessions = fallback == 1 ? "1 session" : NumberFormat.grouped(fallback) + " sessions"
            text += style.yellow("  Model unknown for \(sessions): priced at Sonnet rates.") + "\n"
        }
        return text
    }

    /// `$3.00`: a per-token rate in picodollars, per million tokens.
    static func perMillion(_ picodollarsPerToken: Int) -> String {
        "$" + NumberFormat.trimmed(Int128(picodollarsPerToken), decimals: 6, minimumDecimals: 2)
    }

    private func toolsTable(style: TextStyle) -> String {
        var table = TextTable(
            [
                TextTable.Column("Tool", maxWidth: 40, clipping: .keepBothEnds),
                TextTable.Column("Count", .right),
                TextTable.Column("Share", .right), TextTable.Column("Tokens", .right),
                TextTable.Column("Failed", .right, style: { $0 == "0" ? $0 : style.red($0) }),
                TextTable.Column("p50", .right), TextTable.Column("p95", .right),
            ])
        for (name, totals) in aggregate.toolsByCount {
            table.append([
                name.isEmpty ? "(none)" : name,
                NumberFormat.grouped(totals.operations),
                NumberFormat.percent(totals.operations, of: aggregate.operations),
                NumberFormat.grouped(totals.tokens.total),
                NumberFormat.grouped(totals.failures),
                totals.durations.percentile(50).map(NumberFormat.milliseconds) ?? "–",
                totals.durations.percentile(95).map(NumberFormat.milliseconds) ?? "–",
            ])
        }
        return table.rows.isEmpty ? "" : table.render(headerStyle: style.dim)
    }

    private func projectsTable(style: TextStyle) -> String {
        var table = TextTable(
            [
                TextTable.Column("Project", maxWidth: 40), TextTable.Column("Operations", .right),
                TextTable.Column("Sessions", .right), TextTable.Column("Tokens", .right),
                TextTable.Column("Est. cost", .right),
            ])
        for (name, totals) in aggregate.projectsByCount {
            table.append([
                name.isEmpty ? "(none)" : name,
                NumberFormat.grouped(totals.operations),
                NumberFormat.grouped(totals.sessionCount),
                NumberFormat.grouped(totals.tokens.total),
                cost.cost(of: totals).total.display,
            ])
        }
        return table.rows.isEmpty ? "" : table.render(headerStyle: style.dim)
    }

    private func sessionsTable(style: TextStyle) -> String {
        let chosen = aggregate.sessionsByTokens(limit: top)
        guard !chosen.isEmpty else { return "" }
        let idLength = IDPrefix.length(for: aggregate.sessions.map(\.id))
        var table = TextTable(
            [
                TextTable.Column("Session"), TextTable.Column("Project", maxWidth: 30),
                TextTable.Column("Start"),
                TextTable.Column("Duration", .right), TextTable.Column("Operations", .right),
                TextTable.Column("Tokens", .right),
            ])
        for index in chosen {
            let session = aggregate.sessions[index]
            table.append([
                IDPrefix.shorten(session.id, to: idLength),
                session.project ?? "(none)",
                clock.dateTime(session.start),
                NumberFormat.span(seconds: session.durationMS / 1000),
                NumberFormat.grouped(session.operations),
                NumberFormat.grouped(session.tokens.total),
            ])
        }
        return table.render(headerStyle: style.dim)
    }

    private func filesTable() -> String {
        let files = aggregate.topFiles(limit: top)
        guard !files.isEmpty else { return "" }
        let showProjects = Set(files.map(\.file.project)).count > 1
        var columns = [TextTable.Column("Edits", .right)]
        if showProjects { columns.append(TextTable.Column("Project", maxWidth: 24)) }
        columns.append(TextTable.Column("File", maxWidth: 70, clipping: .keepEnd))
        var table = TextTable(columns)
        for (file, edits) in files {
            var row = [NumberFormat.grouped(edits)]
            if showProjects { row.append(file.project.isEmpty ? "(none)" : file.project) }
            row.append(file.path)
            table.append(row)
        }
        return table.render()
    }

    private func dailyTable(_ listed: [CivilDate], style: TextStyle) -> String {
        let days = aggregate.days
        let maximum = days.values.map(\.tokens.total).max() ?? 0
        var table = TextTable(
            [
                TextTable.Column("Day"), TextTable.Column("Operations", .right),
                TextTable.Column("Sessions", .right), TextTable.Column("Tokens", .right),
                TextTable.Column("Est. cost", .right), TextTable.Column("", style: style.green),
            ])
        for day in listed {
            let totals = days[day] ?? GroupTotals()
            table.append([
                StatsReport.weekday(day) + " " + day.description,
                NumberFormat.grouped(totals.operations),
                NumberFormat.grouped(totals.sessionCount),
                NumberFormat.grouped(totals.tokens.total),
                cost.cost(of: totals).total.display,
                NumberFormat.bar(totals.tokens.total, maximum: maximum, width: 24),
            ])
        }
        return table.render(headerStyle: style.dim)
    }

    /// `Mon`, `Tue`, … for a date.
    static func weekday(_ date: CivilDate) -> String {
        // 1970-01-01 was a Thursday.
        let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        return names[((date.daysSinceEpoch % 7) + 7) % 7]
    }
}
