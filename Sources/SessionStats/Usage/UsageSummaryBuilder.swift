import SessionLogCore

/// Adds up ledger lines into a `UsageSummary` from their raw fields: sessions, projects and models
/// are integer ids with totals in arrays, priced once per model, and turned into the summary's
/// string-keyed groups only at the end. The result is the one `UsageSummary.add` gives line by line.
struct UsageSummaryBuilder {
    private let table: PriceTable
    private let project: String?
    private let session: EntryFilter.SessionMatch?
    private var localDays: LocalDayResolver
    private var sessions = ByteInterner()
    private var projects = ByteInterner()
    private var models = ByteInterner()
    private var totals = UsageTotals()
    // Each session's totals and span, with the project of its first request, as `UsageSummary.add`
    // keeps it.
    private var bySession: [UsageSessionTotals] = []
    private var sessionAllowed: [Bool] = []
    private var byProject: [UsageTotals] = []
    private var projectAllowed: [Bool] = []
    private var byModel: [UsageTotals] = []
    private var prices: [PriceTable.Match] = []
    // Each model's price, read in place per line: a `switch` over `prices[id]` copied the price
    // (its strings and rates array retained and released) on every line.
    private var modelPrices: [ModelPrice?] = []
    private var days: [CivilDate] = []
    private var byDay: [UsageTotals] = []
    private var dayIndex: [CivilDate: Int] = [:]
    private var lastDay = CivilDate(year: 1970, month: 1, day: 1)
    private var lastDayIndex = -1
    private var missReasons = ByteInterner()
    private var byMissReason: [CacheMissTotals] = []

    /// A builder pricing by `table`, keeping the requests of `filter`'s project and session only.
    init(table: PriceTable, filter: EntryFilter, localDays: LocalDayResolver) {
        self.table = table
        project = filter.project
        session = filter.session
        self.localDays = localDays
    }

    /// Adds one request read by `LedgerLineFields.scan` from `scanner`'s bytes.
    mutating func add(_ fields: LedgerLineFields, in scanner: JSONScanner) {
        let projectID = fields.project.map { projects.id($0, in: scanner) } ?? projects.emptyID()
        if projectID == byProject.count {
            byProject.append(UsageTotals())
            projectAllowed.append(project.map { $0 == projects.strings[projectID] } ?? true)
        }
        guard projectAllowed[projectID] else { return }
        let timestamp = fields.timestamp!
        let sessionID = sessions.id(fields.sessionID!, in: scanner)
        if sessionID == bySession.count {
            // An empty span: the request widens it below, once the filters keep it.
            bySession.append(
                UsageSessionTotals(
                    project: projects.strings[projectID], first: Timestamp(milliseconds: .max),
                    last: Timestamp(milliseconds: .min), cwd: ""))
            let text = sessions.strings[sessionID]
            switch session {
            case .prefix(let prefix): sessionAllowed.append(text.hasPrefix(prefix))
            case .exact(let id): sessionAllowed.append(text == id)
            case nil: sessionAllowed.append(true)
            }
        }
        guard sessionAllowed[sessionID] else { return }
        let modelID = models.id(fields.model!, in: scanner)
        if modelID == byModel.count {
            byModel.append(UsageTotals())
            prices.append(table.match(models.strings[modelID]))
            modelPrices.append(prices[modelID].price)
        }
        // The directory is read only for a request as early as the session's earliest so far.
        if timestamp <= bySession[sessionID].first {
            bySession[sessionID].widen(
                first: timestamp, last: timestamp, cwd: fields.cwd.map { scanner.decode($0) } ?? "")
        } else if bySession[sessionID].last < timestamp {
            bySession[sessionID].last = timestamp
        }
        let cost =
            modelPrices[modelID]?.cost(
                tokens: fields.tokens, at: timestamp, webSearchRequests: fields.webSearchRequests,
                isFast: fields.isFast, isUSOnly: fields.isUSOnly) ?? .zero
        var missCost = USD.zero
        if fields.cacheMiss != nil,
            let rates = modelPrices[modelID]?.rates(
                tokens: fields.tokens, at: timestamp, isFast: fields.isFast, isUSOnly: fields.isUSOnly)
        {
            missCost = rates.missCost(fields.cacheMissedTokens, in: fields.tokens)
        }
        if let reason = fields.cacheMiss {
            let reasonID = missReasons.id(reason, in: scanner)
            if reasonID == byMissReason.count { byMissReason.append(CacheMissTotals()) }
            byMissReason[reasonID].add(missedTokens: fields.cacheMissedTokens, cost: missCost)
        }
        let day = localDays.day(of: timestamp)
        if day != lastDay || lastDayIndex < 0 {
            lastDay = day
            if let index = dayIndex[day] {
                lastDayIndex = index
            } else {
                lastDayIndex = days.count
                dayIndex[day] = days.count
                days.append(day)
                byDay.append(UsageTotals())
            }
        }
        totals.add(fields.tokens, webSearchRequests: fields.webSearchRequests, cost: cost)
        byDay[lastDayIndex].add(fields.tokens, webSearchRequests: fields.webSearchRequests, cost: cost)
        byModel[modelID].add(fields.tokens, webSearchRequests: fields.webSearchRequests, cost: cost)
        byProject[projectID].add(fields.tokens, webSearchRequests: fields.webSearchRequests, cost: cost)
        bySession[sessionID].totals.add(
            fields.tokens, webSearchRequests: fields.webSearchRequests, cost: cost)
    }

    /// The summary of every request added.
    func summary() -> UsageSummary {
        var summary = UsageSummary()
        summary.totals = totals
        for (index, day) in days.enumerated() { summary.byDay[day, default: UsageTotals()].add(byDay[index]) }
        for (id, model) in models.strings.enumerated() where byModel[id].requests > 0 {
            summary.byModel[model, default: UsageTotals()].add(byModel[id])
            summary.pricing[model] = prices[id]
        }
        for (id, name) in projects.strings.enumerated() where byProject[id].requests > 0 {
            summary.byProject[name, default: UsageTotals()].add(byProject[id])
        }
        for (id, reason) in missReasons.strings.enumerated() {
            summary.cacheMisses[reason, default: CacheMissTotals()].add(byMissReason[id])
        }
        for (id, name) in sessions.strings.enumerated() where bySession[id].totals.requests > 0 {
            if summary.bySession[name] == nil {
                summary.bySession[name] = bySession[id]
            } else {
                summary.bySession[name]!.merge(bySession[id])
            }
        }
        return summary
    }
}

extension UsageTotals {
    /// Adds one request's tokens, web searches and cost.
    @inline(__always)
    mutating func add(_ requestTokens: UsageTokens, webSearchRequests searches: Int, cost requestCost: USD) {
        requests += 1
        tokens = tokens + requestTokens
        webSearchRequests += searches
        cost = cost + requestCost
    }

    /// Adds another group's totals.
    mutating func add(_ other: UsageTotals) {
        requests += other.requests
        tokens = tokens + other.tokens
        webSearchRequests += other.webSearchRequests
        cost = cost + other.cost
    }
}

extension UsageSummary {
    /// Adds `other`, the summary of requests that came after this one's: a session keeps the
    /// project of its first request.
    mutating func merge(_ other: UsageSummary) {
        totals.add(other.totals)
        for (day, value) in other.byDay { byDay[day, default: UsageTotals()].add(value) }
        for (model, value) in other.byModel { byModel[model, default: UsageTotals()].add(value) }
        for (project, value) in other.byProject { byProject[project, default: UsageTotals()].add(value) }
        for (session, value) in other.bySession {
            if bySession[session] == nil {
                bySession[session] = value
            } else {
                bySession[session]!.merge(value)
            }
        }
        pricing.merge(other.pricing) { kept, _ in kept }
        for (reason, value) in other.cacheMisses {
            cacheMisses[reason, default: CacheMissTotals()].add(value)
        }
    }
}
