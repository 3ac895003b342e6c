import SessionLogCore

/// The status line's text: each field worked out from stdin, today's totals and the budget, then
/// laid out by a template and fitted to the terminal's width.
public struct StatusLine: Sendable {
    /// How full something is, for its colour: green below 50%, yellow below 80%, red from 80%.
    public enum Level: Sendable, Equatable {
        case low, medium, high

        /// The level of `percent`.
        public init(percent: Double) {
            self = percent >= 80 ? .high : percent >= 50 ? .medium : .low
        }
    }

    /// One field's text and, when it shows how full something is, its level.
    public struct Part: Sendable, Equatable {
        /// The text, control characters made visible.
        public var text: String
        /// The colour level, if the field has one.
        public var level: Level?

        /// Creates a part.
        public init(_ text: String, level: Level? = nil) {
            self.text = text
            self.level = level
        }
    }

    /// What Claude Code sent.
    public var input: StatusLineInput
    /// Today's activity-log totals, when the log directory was readable.
    public var activity: TodayActivity?
    /// Today's exact spend across sessions from the usage ledger, when it covers today.
    public var exactToday: USD?
    /// Models of today's ledger that could not be priced: the exact figure leaves them out, so it
    /// shows `+?`.
    public var unpricedToday: [String] = []
    /// Prices for the activity-log estimate.
    public var pricing: Pricing
    /// The daily budget (`CLAUDE_BUDGET_DAILY`), if set.
    public var dailyBudget: USD?
    /// Now, for the time to each limit's reset.
    public var now: Timestamp

    /// Creates a line from its sources.
    public init(
        input: StatusLineInput, activity: TodayActivity?, exactToday: USD? = nil, pricing: Pricing,
        dailyBudget: USD?, now: Timestamp
    ) {
        self.input = input
        self.activity = activity
        self.exactToday = exactToday
        self.pricing = pricing
        self.dailyBudget = dailyBudget
        self.now = now
    }

    /// Today's spend and whether it is an estimate: the ledger's exact figure, else the activity log's.
    public var todaySpend: (amount: USD, estimated: Bool)? {
        if let exactToday { return (exactToday, false) }
        guard let activity else { return nil }
        return (
            activity.cost(currentSession: input.sessionID, currentModel: input.modelID, pricing: pricing),
            true
        )
    }

    /// The part `field` shows, or nil when it has nothing to show.
    public func part(_ field: StatusLineField) -> Part? {
        switch field {
        case .model:
            guard let name = input.modelName ?? input.modelID else { return nil }
            return Part(VisibleText.escape(name))
        case .context:
            if let percent = input.contextUsedPercent {
                return Part("ctx " + StatusLine.percent(percent), level: Level(percent: percent))
            }
            return input.exceeds200k == true ? Part("ctx >200k", level: .high) : nil
        case .sessionCost:
            if let cost = input.costUSD, let picodollars = cost.picodollars {
                return Part(StatusLine.money(USD(picodollars: picodollars)) + " session")
            }
            guard let id = input.sessionID, let activity, activity.sessions[id] != nil else { return nil }
            let cost = activity.cost(ofSession: id, fallbackModel: input.modelID, pricing: pricing)
            return Part("~" + StatusLine.money(cost) + " session")
        case .todayCost:
            guard let (amount, estimated) = todaySpend else { return nil }
            let unpriced = !estimated && !unpricedToday.isEmpty ? "+?" : ""
            return Part((estimated ? "~" : "") + StatusLine.money(amount) + unpriced + " today")
        case .fiveHour: return limit("5h", input.fiveHour)
        case .sevenDay: return limit("7d", input.sevenDay)
        case .budget:
            guard let budget = dailyBudget, budget > .zero, let (spent, estimated) = todaySpend else {
                return nil
            }
            let mark = estimated ? "~" : ""
            let used = Double(spent.picodollars) * 100 / Double(budget.picodollars)
            if spent > budget {
                return Part("budget " + mark + StatusLine.money(spent - budget) + " over", level: .high)
            }
            return Part(
                "budget " + mark + StatusLine.money(budget - spent) + " left", level: Level(percent: used))
        case .ops:
            guard let activity else { return nil }
            let count = activity.operations
            return Part(NumberFormat.grouped(count) + (count == 1 ? " op" : " ops"))
        case .spendLimit:
            guard let spend = input.spendLimit, let used = spend.usedUSD?.picodollars else { return nil }
            var text = "extra " + StatusLine.money(USD(picodollars: used))
            var level: Level?
            if let limit = spend.limitUSD?.picodollars, limit > 0 {
                text += "/" + StatusLine.money(USD(picodollars: limit))
                level = Level(percent: Double(used) * 100 / Double(limit))
            }
            return Part(text, level: level)
        }
    }

    private func limit(_ name: String, _ limit: StatusLineInput.RateLimit?) -> Part? {
        guard let limit else { return nil }
        let percent = limit.usedPercent.double
        var text = name + " " + StatusLine.percent(percent)
        if let resetsAt = limit.resetsAt {
            let seconds = resetsAt - now.seconds
            // A window past its reset has started again: its percentage is stale.
            if seconds <= 0 { return Part(name + " reset") }
            text += " (" + StatusLine.duration(seconds) + ")"
        }
        return Part(text, level: Level(percent: percent))
    }

    /// The line laid out by `template`, in at most `columns` display columns when given (fields are
    /// dropped from the right; a lone field too wide is cut), coloured by `style`.
    public func render(_ template: StatusLineTemplate, columns: Int?, style: TextStyle) -> String {
        var shown: [(separator: String, part: Part)] = []
        for (separator, field) in template.fields {
            guard let part = part(field) else { continue }
            shown.append((shown.isEmpty ? "" : separator, part))
        }
        func width() -> Int {
            shown.reduce(TerminalText.width(template.prefix) + TerminalText.width(template.suffix)) {
                $0 + TerminalText.width($1.separator) + TerminalText.width($1.part.text)
            }
        }
        if let columns {
            while shown.count > 1 && width() > columns { shown.removeLast() }
            if let only = shown.first, width() > columns {
                let room = columns - TerminalText.width(template.prefix) - TerminalText.width(template.suffix)
                shown[0].part = Part(TerminalText.truncated(only.part.text, toColumns: max(room, 0)))
            }
        }
        var line = VisibleText.escape(template.prefix)
        for (separator, part) in shown {
            line += VisibleText.escape(separator)
            switch part.level {
            case .low: line += style.green(part.text)
            case .medium: line += style.yellow(part.text)
            case .high: line += style.red(part.text)
            case nil: line += part.text
            }
        }
        return line + VisibleText.escape(template.suffix)
    }

    /// `$1,234.57`: dollars rounded to cents.
    static func money(_ amount: USD) -> String {
        "$" + NumberFormat.fixed((amount.tenThousandths + 50) / 100, decimals: 2, grouping: true)
    }

    /// `42%`, rounded half up.
    static func percent(_ value: Double) -> String {
        String(Int((max(value, 0) + 0.5).rounded(.down))) + "%"
    }

    /// `42m`, `2h10m` or `3d4h`: time left, rounded down to the unit shown.
    static func duration(_ seconds: Int) -> String {
        let minutes = max(seconds, 0) / 60
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 24 * 60 { return "\(minutes / 60)h" + (minutes % 60 == 0 ? "" : "\(minutes % 60)m") }
        let hours = minutes / 60
        return "\(hours / 24)d" + (hours % 24 == 0 ? "" : "\(hours % 24)h")
    }
}
