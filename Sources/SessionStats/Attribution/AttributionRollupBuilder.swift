import SessionLogCore

/// Attributes the requests of the days `rotate` rolls up, as a report over the whole ledger would,
/// and sorts every figure into rows by day and session (`AttributionRollup`); the chains still open
/// at the end, with the hook calls they need, become the roll-up's open part.
///
/// It takes the ledger's requests and the hook log's calls as `AttributionBuilder` does (the same
/// `CallJoin`: window of days and hand-on of calls); `AttributionRollupTests` check that its rows,
/// merged, give `AttributionBuilder`'s report.
///
/// Memory follows the open chains and the last few days' rows: the previous roll-up's rows are
/// streamed past it (`retire`), this range's rows of the days behind the ledger's go to a scratch
/// file (`AttributionRollupRows`), and both are merged into the new file a row at a time
/// (`AttributionRollupMerge`).
struct AttributionRollupBuilder {
    private typealias RowKey = AttributionRollupRows.Key

    /// Rows stay in memory this many days behind the ledger's latest day (a day's hook calls are
    /// evicted into its rows up to `HookWindow.behind` days later), then go to the scratch file.
    static let rowDaysInMemory = HookWindow.behind + 1

    private(set) var rollup = AttributionRollup()
    /// Whether the previous roll-up's rows came in the file's order (by day then session, each once).
    private(set) var previousInOrder = true
    private var attributor: Attributor
    private var join = CallJoin()
    private var resolver: LocalDayResolver
    private var rows = AttributionRollupRows()
    private var lastPrevious: RowKey?
    private var latestDay: CivilDate?
    // Who logged each hook call in the index (rows and filters need its session).
    private var hookSessions: [UInt64: (session: String, project: String?)] = [:]
    // Each session's attribution when last looked at, to split it by day.
    private var seenSessions: [String: SessionAttribution] = [:]
    private var projects: [String: String] = [:]
    // The requests of each chain the attributor may still hold, by chain key, with their sequence.
    private var chainRecords: [String: [(sequence: Int, record: UsageRecord)]] = [:]
    private var day: CivilDate?

    /// A builder pricing with `pricing`; a rotate after the first then `retire`s the previous
    /// roll-up's rows and `resume`s it.
    init(pricing: PriceTable, localDays: LocalDayResolver) {
        attributor = Attributor(pricing: pricing)
        resolver = localDays
    }

    /// Notes the calls a row of the previous roll-up counted, read from its file in order; before
    /// `resume`.
    mutating func retire(_ row: AttributionRollupRow) {
        join.retire(row)
        let key = RowKey(day: row.day, sessionID: row.sessionID)
        if let lastPrevious, !(lastPrevious < key) { previousInOrder = false }
        lastPrevious = key
    }

    /// Continues `previous` (its header and open part), after `retire` took its rows and before
    /// any request.
    mutating func resume(_ previous: AttributionRollup) {
        rollup = previous
        join.restoreOpenPart(of: previous)
        for open in previous.openCalls where !open.held {
            hookSessions[open.key] = (open.sessionID, open.project)
        }
        for (position, record) in previous.openRequests.enumerated() {
            chainRecords[Attributor.chainKey(record), default: []].append(
                (position - previous.openRequests.count, record))
        }
        attributor.resume(previous.openRequests, sinceSweep: previous.sinceSweep, latest: previous.latest)
        for (id, session) in attributor.sessions { seenSessions[id] = session }
        rollup.openRequests = []
        rollup.openCalls = []
        rollup.openTags = []
    }

    /// Adds one hook-log entry to the join's window.
    mutating func addHookCall(_ entry: LogEntry) {
        if let key = join.addHookCall(entry) { hookSessions[key] = (entry.sessionID, entry.project) }
    }

    /// Drops from the window the hook calls logged before `day`: unjoined ones count in their row.
    mutating func evictHookCalls(before day: CivilDate) {
        var evicted: [(UInt64, HookCallIndex.Call)] = []
        join.evictHookCalls(before: day) { evicted.append(($0, $1)) }
        for (key, call) in evicted {
            let logger = hookSessions.removeValue(forKey: key)
            if !call.joined {
                update(call.day, logger?.session ?? "", project: logger?.project) {
                    $0.unjoinedCalls[call.tool, default: 0] += 1
                }
            }
        }
    }

    /// Takes in one request of a day being rolled up, in ledger order.
    mutating func add(_ record: UsageRecord) {
        let day = resolver.day(of: record.timestamp)
        self.day = day
        if latestDay.map({ day > $0 }) ?? true {
            latestDay = day
            rows.spill(before: day.adding(days: -Self.rowDaysInMemory))
        }
        rollup.sequence += 1
        if projects[record.sessionID] == nil, !record.project.isEmpty {
            projects[record.sessionID] = record.project
        }
        let chain = Attributor.chainKey(record)
        chainRecords[chain, default: []].append((rollup.sequence, record))
        let keys = RequestCallKeys(record)
        var closed: [CallCost] = []
        attributor.add(record, keys: keys) { closed.append($0) }
        for call in closed { take(call, day: day) }
        if attributor.sinceSweep == 0 {
            // Idle chains closed: their subagents' costs moved between buckets of any session.
            for id in Array(seenSessions.keys) { settle(id, day: day) }
            let open = attributor.openChainKeys
            chainRecords = chainRecords.filter { open.contains($0.key) }
        }
        settle(record.sessionID, day: day)

        let price = attributor.price(of: record.model)
        let cost = price?.cost(of: record) ?? .zero
        let requests = record.requests
        let unjoined = !join.see(record, keys: keys)
        let type = join.agentType(of: record)
        let pieces = record.pieces
        var characters = 0
        if pieces.isKnown, record.tokens.output > 0, price != nil {
            characters = pieces.textChars + pieces.thinkingChars + pieces.toolInputChars.reduce(0, +)
        }
        let hour =
            record.timestamp.seconds >= 0
            ? record.timestamp.seconds / 3600 : (record.timestamp.seconds - 3599) / 3600
        let sequence = rollup.sequence
        update(day, record.sessionID, project: record.project) { row in
            row.requests += requests
            row.cost = row.cost + cost
            row.tokens = row.tokens + record.tokens
            Self.count(&row.byModel, record.model, cost, requests)
            if let type { Self.count(&row.bySubagent, type, cost, requests) }
            if let skill = record.attribution.skill { Self.count(&row.bySkill, skill, cost, requests) }
            if unjoined {
                row.unjoinedRequests += 1
                if row.firstUnjoined == nil { row.firstUnjoined = sequence }
            }
            if characters > 0, let price {
                let family = row.charactersPerToken[price.family] ?? (0, 0)
                row.charactersPerToken[price.family] = (
                    family.characters + characters, family.tokens + record.tokens.output
                )
            }
            row.hours[hour, default: 0] += requests
        }
    }

    /// The new roll-up's header and what the range leaves open: every call still in the join's
    /// window (a report reading a kept day's calls again replaces them with the same); and the
    /// merge of this range's rows with the previous roll-up's, to stream into the new file.
    mutating func finish(coveredDays: Set<CivilDate>) -> (
        rollup: AttributionRollup, rows: AttributionRollupMerge
    ) {
        if let day { for id in Array(seenSessions.keys) { settle(id, day: day) } }
        rollup.days.formUnion(coveredDays)
        rollup.sinceSweep = attributor.sinceSweep
        rollup.latest = attributor.latest
        rollup.agentTypes = join.index.agentTypes
        let open = attributor.openChainKeys
        rollup.openRequests = chainRecords.filter { open.contains($0.key) }.values.flatMap { $0 }
            .sorted { $0.sequence < $1.sequence }.map(\.record)
        (rollup.openTags, rollup.openCalls) = join.openPart { hookSessions[$0] }
        let merge = AttributionRollupMerge(rows, topCount: rollup.topCount, previousInOrder: previousInOrder)
        rows = AttributionRollupRows()
        return (rollup, merge)
    }

    // A closed call: into the row of the day it was issued (or handed on) and its session.
    private mutating func take(_ call: CallCost, day: CivilDate) {
        let handed = join.take(call.id)
        let callDay = call.timestamp.map { resolver.day(of: $0) } ?? day
        let limit = rollup.topCount
        update(callDay, call.sessionID, project: projects[call.sessionID]) { row in
            let tool = handed.tool
            if call.isInsideSubagent {
                if handed.isNew { row.inside[tool, default: []].append(handed.key) }
                return
            }
            row.byTool[tool, default: RollupGroup(group: AttributionReport.CallGroup(name: tool))].add(
                call, isNew: handed.isNew, estimate: handed.estimate)
            if handed.isNew { row.toolKeys[tool, default: []].append(handed.key) }
            if let server = handed.server {
                row.byMCPServer[
                    server, default: RollupGroup(group: AttributionReport.CallGroup(name: server))
                ]
                .add(call, isNew: handed.isNew, estimate: handed.estimate)
                if handed.isNew { row.serverKeys[server, default: []].append(handed.key) }
            }
            row.topCalls.insertRanked(
                AttributionReport.TopCall(cost: call, tool: tool, detail: handed.hook?.detail), limit: limit)
        }
    }

    // What session `id`'s attribution gained since last looked at goes to its row of `day`.
    private mutating func settle(_ id: String, day: CivilDate) {
        let now = attributor.session(id) ?? SessionAttribution(sessionID: id)
        let before = seenSessions[id] ?? SessionAttribution(sessionID: id)
        guard now != before else { return }
        seenSessions[id] = now
        update(day, id, project: now.project.isEmpty ? nil : now.project) { row in
            row.session.requests += now.requests - before.requests
            row.session.cost = row.session.cost + now.cost - before.cost
            row.session.calls += now.calls - before.calls
            row.session.buckets = row.session.buckets + Self.difference(now.buckets, before.buckets)
        }
    }

    private mutating func update(
        _ day: CivilDate, _ session: String, project: String?, _ body: (inout AttributionRollupRow) -> Void
    ) {
        let key = RowKey(day: day, sessionID: session)
        var row = rows.memory.removeValue(forKey: key) ?? AttributionRollupRow(day: day, sessionID: session)
        if row.project.isEmpty, let project = projects[session] ?? project {
            row.project = project
            row.session.project = project
        }
        body(&row)
        rows.memory[key] = row
    }

    private static func count(
        _ groups: inout [String: AttributionReport.RequestGroup], _ name: String, _ cost: USD, _ requests: Int
    ) {
        var group = groups[name] ?? AttributionReport.RequestGroup(name: name)
        group.requests += requests
        group.cost = group.cost + cost
        groups[name] = group
    }

    private static func difference(_ a: AttributionBuckets, _ b: AttributionBuckets) -> AttributionBuckets {
        var result = AttributionBuckets()
        result.tools = a.tools - b.tools
        result.prompts = a.prompts - b.prompts
        result.assistantText = a.assistantText - b.assistantText
        result.thinking = a.thinking - b.thinking
        result.setup = a.setup - b.setup
        result.unattributed = a.unattributed - b.unattributed
        result.tokens.tools = a.tokens.tools - b.tokens.tools
        result.tokens.prompts = a.tokens.prompts - b.tokens.prompts
        result.tokens.assistantText = a.tokens.assistantText - b.tokens.assistantText
        result.tokens.thinking = a.tokens.thinking - b.tokens.thinking
        result.tokens.setup = a.tokens.setup - b.tokens.setup
        result.tokens.unattributed = a.tokens.unattributed - b.tokens.unattributed
        return result
    }
}
