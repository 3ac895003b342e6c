import SessionLogCore

extension AttributionReport {
    /// The report's attribution sections: where the money and the tokens went, cost by tool, MCP
    /// server, subagent type and skill, the most expensive calls, what did not join, then model mix,
    /// cache, the estimate against the exact figures and the activity heatmap.
    public func text(style: TextStyle) -> String {
        var text = style.heading("Where the money went (exact, docs/attribution.md)") + "\n"
        guard requests > 0 else {
            return text + "  No API requests in the usage ledger for this range.\n\n"
        }
        text += whereTokensWent(style: style) + "\n"
        var byToolText = callTable(byTool, title: "Tool", style: style)
        let inside = callsInsideSubagents.values.reduce(0, +)
        if !byToolText.isEmpty && inside > 0 {
            byToolText +=
                "  Subagents: the calls that started them include their whole cost, and their "
                + "\(NumberFormat.grouped(inside)) own calls are inside it\n"
        }
        text += section("Cost by tool", byToolText, style: style)
        text += section(
            "Cost by MCP server", callTable(byMCPServer, title: "Server", style: style), style: style)
        text += section("Cost by subagent type", requestTable(bySubagent, title: "Subagent"), style: style)
        text += section("Cost by skill", requestTable(bySkill, title: "Skill"), style: style)
        text += section("Most expensive calls", topCallsTable(), style: style)
        text += unjoinedLines(style: style)
        text += section("Model mix", requestTable(byModel, title: "Model"), style: style)
        text += section(
            "Estimate vs exact (tokens per call, issue and result)", estimateTable(), style: style)
        text += section("Activity by hour (requests, local time)", heatmap(), style: style)
        return text
    }

    private func section(_ title: String, _ body: String, style: TextStyle) -> String {
        guard !body.isEmpty else { return "" }
        return style.heading(title) + "\n" + body + "\n"
    }

    /// `part` of `whole` as a percentage with one decimal.
    static func share(_ part: USD, of whole: USD) -> String {
        guard whole.picodollars > 0 else { return "0.0%" }
        let tenths = (part.picodollars * 2000 + whole.picodollars) / (whole.picodollars * 2)
        return NumberFormat.fixed(tenths, decimals: 1) + "%"
    }

    // The buckets, as tokens and dollars, with the tools' share split by tool.
    private func whereTokensWent(style: TextStyle) -> String {
        let tokens = buckets.tokens
        var table = TextTable([
            TextTable.Column("Where tokens went"), TextTable.Column("Tokens", .right),
            TextTable.Column("Cost", .right), TextTable.Column("Share", .right),
        ])
        func row(_ name: String, _ count: Int, _ amount: USD) {
            table.append([name, NumberFormat.grouped(count), amount.display, Self.share(amount, of: cost)])
        }
        row("Conversation: prompts", tokens.prompts, buckets.prompts)
        row("Conversation: assistant text", tokens.assistantText, buckets.assistantText)
        row("Thinking", tokens.thinking, buckets.thinking)
        row("Tool calls", tokens.tools, buckets.tools)
        for group in byTool.prefix(5) { row("  " + VisibleText.escape(group.name), group.tokens, group.cost) }
        row("System and tool definitions (setup)", tokens.setup, buckets.setup)
        row("Unattributed", tokens.unattributed, buckets.unattributed)
        var text = table.render(headerStyle: style.dim)
        let ratio = cacheHitRatio.map {
            NumberFormat.fixed(Int128(($0 * 10_000).rounded()), decimals: 2) + "%"
        }
        text += "  Total " + style.bold(cost.display) + " over \(NumberFormat.grouped(requests)) requests"
        if let ratio { text += " · cache hit ratio \(ratio)" }
        return text + "\n"
    }

    private func callTable(_ groups: [CallGroup], title: String, style: TextStyle) -> String {
        guard !groups.isEmpty else { return "" }
        var table = TextTable([
            TextTable.Column(title, maxWidth: 40, clipping: .keepBothEnds), TextTable.Column("Calls", .right),
            TextTable.Column("Cost", .right), TextTable.Column("Share", .right),
            TextTable.Column("Median", .right), TextTable.Column("p95", .right),
            TextTable.Column("Carry", .right), TextTable.Column("Subagents", .right),
        ])
        for group in groups {
            table.append([
                VisibleText.escape(group.name), NumberFormat.grouped(group.calls), group.cost.display,
                Self.share(group.cost, of: cost), group.median.display, group.p95.display,
                Self.share(group.carry, of: group.cost),
                group.subagent == .zero ? "" : Self.share(group.subagent, of: group.cost),
            ])
        }
        return table.render(headerStyle: style.dim)
    }

    private func requestTable(_ groups: [RequestGroup], title: String) -> String {
        guard !groups.isEmpty else { return "" }
        var table = TextTable([
            TextTable.Column(title, maxWidth: 40), TextTable.Column("Requests", .right),
            TextTable.Column("Cost", .right), TextTable.Column("Share", .right),
        ])
        for group in groups {
            table.append([
                VisibleText.escape(group.name), NumberFormat.grouped(group.requests), group.cost.display,
                Self.share(group.cost, of: cost),
            ])
        }
        return table.render()
    }

    private func topCallsTable() -> String {
        guard !topCalls.isEmpty else { return "" }
        var table = TextTable([
            TextTable.Column("Time (UTC)"), TextTable.Column("Session"),
            TextTable.Column("Tool", maxWidth: 24, clipping: .keepBothEnds),
            TextTable.Column("File or command", maxWidth: 44, clipping: .keepEnd),
            TextTable.Column("Cost", .right), TextTable.Column("Carry", .right),
            TextTable.Column("Subagent", .right),
        ])
        for call in topCalls {
            let time = call.cost.timestamp.map { String($0.iso8601.prefix(16)).replacingT() } ?? "—"
            table.append([
                time, String(call.cost.sessionID.prefix(8)), VisibleText.escape(call.tool),
                VisibleText.escape(TextClipping.firstLine(call.detail ?? "")), call.cost.total.display,
                call.cost.carry.display, call.cost.subagent == .zero ? "" : call.cost.subagent.display,
            ])
        }
        return table.render()
    }

    private func unjoinedLines(style: TextStyle) -> String {
        var text = ""
        if rolledUpRequests > 0 {
            text +=
                "  " + style.yellow("Rolled up: \(NumberFormat.grouped(rolledUpRequests)) requests")
                + " of days rotate rolled up cannot be attributed (no sizes): counted as unattributed\n"
        }
        if unjoinedCallCount > 0 {
            let tools = unjoinedCalls.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5)
                .map { "\(VisibleText.escape($0.key)) \($0.value)" }.joined(separator: ", ")
            text +=
                "  " + style.yellow("Unjoined tool calls: \(NumberFormat.grouped(unjoinedCallCount))")
                + " in the hook log with no request in the ledger (no exact cost): \(tools)\n"
        }
        if unjoinedRequests > 0 {
            let sessions = unjoinedRequestSessions.map { String($0.prefix(8)) }.joined(separator: ", ")
            text +=
                "  " + style.yellow("Unjoined requests: \(NumberFormat.grouped(unjoinedRequests))")
                + " issued calls the hook did not log, costed under \(AttributionBuilder.notInHookLog)"
                + " (sessions \(sessions))\n"
        }
        return text.isEmpty ? "" : text + "\n"
    }

    private func estimateTable() -> String {
        var table = TextTable([
            TextTable.Column("Tool", maxWidth: 40, clipping: .keepBothEnds),
            TextTable.Column("Estimate", .right),
            TextTable.Column("Exact", .right), TextTable.Column("Exact/estimate", .right),
        ])
        for group in byTool where group.estimatedTokens > 0 && group.name != AttributionBuilder.notInHookLog {
            let exact = group.tokens - group.carryTokens
            table.append([
                VisibleText.escape(group.name),
                NumberFormat.grouped(group.estimatedTokens / max(group.calls, 1)),
                NumberFormat.grouped(exact / max(group.calls, 1)),
                NumberFormat.ratio(exact, group.estimatedTokens),
            ])
        }
        guard !table.rows.isEmpty else { return "" }
        var text = table.render()
        if !charactersPerToken.isEmpty {
            let families = charactersPerToken.map {
                "\($0.family) " + NumberFormat.ratio($0.characters, $0.tokens)
            }
            text += "  Characters per output token: " + families.joined(separator: ", ")
            text += " (the hook's estimate assumes 4.0)\n"
        }
        return text
    }

    private func heatmap() -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let peak = activity.joined().max() ?? 0
        guard peak > 0 else { return "" }
        let shades: [Character] = [" ", "░", "▒", "▓", "█"]
        var text =
            "       " + (0..<24).map { $0 % 6 == 0 ? NumberFormat.twoDigits($0) : "  " }.joined() + "\n"
        for weekday in [1, 2, 3, 4, 5, 6, 0] {
            text += "  " + days[weekday] + "  "
            for hour in 0..<24 {
                let count = activity[weekday][hour]
                let level = count == 0 ? 0 : 1 + (count * 4 - 1) / peak
                text += String(repeating: shades[min(level, 4)], count: 2)
            }
            text += "  " + NumberFormat.grouped(activity[weekday].reduce(0, +)) + "\n"
        }
        return text + "  (█ up to \(NumberFormat.grouped(peak)) requests in one hour of the week)\n"
    }
}

extension String {
    fileprivate func replacingT() -> String { String(map { $0 == "T" ? " " : $0 }) }
}
