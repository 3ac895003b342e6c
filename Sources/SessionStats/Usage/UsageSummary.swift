import SessionLogCore

/// The exact usage of a range of days, priced: totals, and totals by day, model, project and session.
public struct UsageSummary: Sendable {
    /// Everything.
    public var totals = UsageTotals()
    /// By local day.
    public var byDay: [CivilDate: UsageTotals] = [:]
    /// By model id as the transcripts name it.
    public var byModel: [String: UsageTotals] = [:]
    /// By project.
    public var byProject: [String: UsageTotals] = [:]
    /// By session, with the session's project and the span of its requests.
    public var bySession: [String: UsageSessionTotals] = [:]
    /// Cache misses by reason (`cache_miss` of the ledger): requests, missed tokens, cost beyond a hit.
    public var cacheMisses: [String: CacheMissTotals] = [:]
    /// How each model was priced.
    public var pricing: [String: PriceTable.Match] = [:]
    /// Days of the range (up to today) that have no ledger file: no exact figures for them.
    public var daysWithoutUsage: [CivilDate] = []
    /// Ledger lines that could not be read.
    public var skippedLines = 0

    /// Creates an empty summary.
    public init() {}

    /// Prices and sums `records`; `localDays` assigns their days.
    public init(records: [UsageRecord], table: PriceTable, localDays: LocalDayResolver) {
        var localDays = localDays
        for record in records { add(record, table: table, localDays: &localDays) }
    }

    /// Prices one request by `table` and adds it to every total; `localDays` assigns its day.
    public mutating func add(_ record: UsageRecord, table: PriceTable, localDays: inout LocalDayResolver) {
        let match: PriceTable.Match
        if let known = pricing[record.model] {
            match = known
        } else {
            match = table.match(record.model)
            pricing[record.model] = match
        }
        let cost = match.price?.cost(of: record) ?? .zero
        totals.add(record, cost: cost)
        byDay[localDays.day(of: record.timestamp), default: UsageTotals()].add(record, cost: cost)
        byModel[record.model, default: UsageTotals()].add(record, cost: cost)
        byProject[record.project, default: UsageTotals()].add(record, cost: cost)
        let last = record.lastRequest ?? record.timestamp
        if bySession[record.sessionID] == nil {
            bySession[record.sessionID] = UsageSessionTotals(
                project: record.project, first: record.timestamp, last: last, cwd: record.cwd)
        } else {
            bySession[record.sessionID]!.widen(first: record.timestamp, last: last, cwd: record.cwd)
        }
        bySession[record.sessionID]!.totals.add(record, cost: cost)
        if let miss = record.cacheMiss {
            let missCost = match.price.map {
                $0.rates(for: record).missCost(miss.missedTokens, in: record.tokens)
            }
            cacheMisses[miss.reason, default: CacheMissTotals()].add(
                missedTokens: miss.missedTokens, cost: missCost ?? .zero)
        }
        for misses in record.rollupMisses {
            let missCost = match.price.map { $0.rates(for: record).missCost(misses) }
            cacheMisses[misses.reason, default: CacheMissTotals()].add(
                CacheMissTotals(
                    requests: misses.requests, missedTokens: misses.missedTokens, cost: missCost ?? .zero))
        }
    }

    /// How its models were priced: the stand-ins and the models that are not Claude's.
    public var pricingNotes: PricingNotes { PricingNotes(pricing) }

    /// Models priced as their family's newest, with the model used: `claude-opus-6` → `Opus 5.5`.
    public var estimatedModels: [(model: String, pricedAs: String)] { pricingNotes.estimatedModels }

    /// The cache misses by reason, the costliest first (then by reason).
    public var cacheMissesByCost: [(reason: String, totals: CacheMissTotals)] {
        cacheMisses.map { ($0.key, $0.value) }.sorted {
            ($0.totals.cost, $1.reason) > ($1.totals.cost, $0.reason)
        }
    }

    /// Models that are not Claude's: their tokens count, their cost is not known.
    public var unpricedModels: [String] { pricingNotes.unpricedModels }

    /// How `model` was priced, for people: `Opus 4.5`, `estimated as Opus 5.5`, `unpriced`.
    public func pricingLabel(_ model: String) -> String {
        switch pricing[model] {
        case .exact(let price): price.name
        case .estimated(let price): "estimated as " + price.name
        case .unpriced, nil: "unpriced"
        }
    }

    /// The days of `days` up to `today` that no ledger file covers.
    public static func daysWithout(
        _ ledgerDates: Set<CivilDate>, in days: ClosedRange<CivilDate>?, today: CivilDate
    ) -> [CivilDate] {
        guard let days else { return [] }
        var missing: [CivilDate] = []
        var day = days.lowerBound
        let last = min(days.upperBound, today)
        while day <= last {
            if !ledgerDates.contains(day) { missing.append(day) }
            day = day.adding(days: 1)
        }
        return missing
    }
}
