import SessionLogCore

/// `session-stats limits` as text.
extension LimitsReport {
    /// The report for people, times in `clock`'s zone.
    public func text(clock: LocalClock, directories: [String], style: TextStyle) -> String {
        let visibleDirectories = directories.map(VisibleText.escape).joined(separator: ", ")
        if captures == 0 {
            return "No status-line captures in \(visibleDirectories) yet.\n"
                + "They start once 'session-stats statusline' is Claude Code's status line (see README: Status line).\n"
        }
        if windows.values.allSatisfy(\.isEmpty) {
            let noun = captures == 1 ? "capture" : "captures"
            return
                "\(NumberFormat.grouped(captures)) status-line \(noun), none with plan limits: Claude Code sends\n"
                + "rate_limits only on Pro and Max plans, after a session's first response.\n"
        }
        var text = style.heading("Plan limits") + " · " + NumberFormat.grouped(captures) + " captures\n"
        for kind in LimitKind.allCases {
            let list = windows[kind] ?? []
            guard !list.isEmpty else { continue }
            text += "\n" + style.heading(kind.title + " windows") + "\n"
            var table = TextTable([
                .init("Start"), .init("Resets"), .init("Peak", .right), .init("Last", .right),
                .init("Requests", .right), .init("Tokens", .right), .init("Cost", .right), .init("Use"),
            ])
            for window in list {
                table.append([
                    clock.dateTime(Timestamp(milliseconds: window.start * 1000)),
                    clock.dateTime(Timestamp(milliseconds: window.resetsAt * 1000)),
                    StatusLine.percent(window.peak.percent.double),
                    StatusLine.percent(window.last.percent.double),
                    window.spend.map { NumberFormat.grouped($0.requests) } ?? "—",
                    window.spend.map { NumberFormat.grouped($0.tokens) } ?? "—",
                    window.spend?.cost.map { StatusLine.money($0) } ?? "—",
                    window.sparkline,
                ])
            }
            text += table.render(headerStyle: style.bold)
        }
        var now = ""
        for kind in LimitKind.allCases {
            guard let window = current(kind) else { continue }
            let title = kind.title + String(repeating: " ", count: 8 - kind.title.count)
            now += "  " + title + currentLine(window, clock: clock) + "\n"
        }
        if !now.isEmpty { text += "\n" + style.heading("Now") + "\n" + now }
        text += "\n"
        if !ledgerExists {
            text += "Requests per window come from the usage ledger: run 'session-stats sync' to fill it.\n"
        }
        let unpriced = windows.values.joined().contains {
            ($0.spend?.requests ?? 0) > 0 && $0.spend?.cost == nil
        }
        if unpriced {
            text +=
                "Cost —: the window holds requests of a model with no price ('session-stats report' names it).\n"
        }
        if skippedLines > 0 {
            let lines =
                skippedLines == 1
                ? "capture line could not be read and was" : "capture lines could not be read and were"
            text += "\(NumberFormat.grouped(skippedLines)) \(lines) skipped.\n"
        }
        return text
    }

    /// `34% used · resets 17:00 (in 2h10m) · 9.5%/h · at this pace 100% at 21:53, after the reset`.
    func currentLine(_ window: LimitWindow, clock: LocalClock) -> String {
        let reset = Timestamp(milliseconds: window.resetsAt * 1000)
        var line = StatusLine.percent(window.last.percent.double) + " used · resets " + clock.dateTime(reset)
        line += " (in " + StatusLine.duration(window.resetsAt - now.seconds) + ")"
        let rate = window.burnRatePerHour
        line += " · " + NumberFormat.fixed(Int128((rate * 10).rounded()), decimals: 1) + "%/h"
        if window.last.percent.double >= 100 { return line + " · limit reached" }
        guard let full = window.projectedFull else { return line + " · not rising" }
        if full.seconds >= window.resetsAt { return line + " · at this pace it lasts until the reset" }
        return line + " · at this pace 100% at " + clock.dateTime(full) + ", before the reset"
    }
}
