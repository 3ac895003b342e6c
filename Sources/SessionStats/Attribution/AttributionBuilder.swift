import SessionLogCore

/// Builds an `AttributionReport`: hook calls (`addHookCall`, or a whole index at `init`) and the
/// ledger's requests in ledger order, then `finish`.
///
/// Memory follows the open chains and the hook index's window, not the range: the join (`CallJoin`)
/// keeps a call from the first request that names it until the first chain holding it closes; each
/// call's cost for the exact median and p95 goes to `CostSpill`.
public struct AttributionBuilder {
    /// How many "most expensive calls" to keep.
    public var topCount = 10
    /// Sessions whose calls are kept one by one (for `session ID`); empty: none.
    public var detailSessions: Set<String> = []
    private var attributor: Attributor
    private var join: CallJoin
    private var report = AttributionReport()
    private var toolGroups: [String: GroupCosts] = [:]
    // Where `toolGroups` holds the group of the last tool a call was handed on with, and its count
    // then: while no group was added, the index stays valid, and a call of the same tool (most often
    // the very same string, equal at the first compare) needs no hash of the name.
    private var lastToolGroup: (name: String, count: Int, index: Dictionary<String, GroupCosts>.Index)?
    // The position in `models` of the last request's model, and the attributor's request count
    // after it: the next request of the same model needs no look-up.
    private var lastModelPosition = -1
    private var lastModelRequest = -1
    private var serverGroups: [String: GroupCosts] = [:]
    // Each call's cost by group code (`GroupCosts.code`), for the median and p95.
    private let costs = CostSpill()
    private var subagents = NamedTable<AttributionReport.RequestGroup>()
    private var skills = NamedTable<AttributionReport.RequestGroup>()
    private var models = NamedTable<AttributionReport.RequestGroup>()
    private var families = NamedTable<(characters: Int, tokens: Int)>()
    private var hours: [Int: (weekday: Int, hour: Int)] = [:]
    private var lastHour = Int.min
    private var lastSlot = (weekday: 0, hour: 0)
    // The keys of the current request's call ids, their storage reused from request to request.
    private var keys = RequestCallKeys()
    // The sessions of merged roll-up rows, added to the report's at `finish`.
    private var rolledSessions: [String: SessionAttribution] = [:]
    // What depends on the order of the merged roll-up rows.
    private var rolledOrder = AttributionRollupOrder()

    /// The name ledger calls the hook did not log are grouped under.
    public static let notInHookLog = "(not in hook log)"

    /// Creates a builder pricing with `pricing` and joining with `index`.
    public init(pricing: PriceTable, index: HookCallIndex) {
        attributor = Attributor(pricing: pricing)
        join = CallJoin(index: index)
    }

    /// Adds one hook-log entry to the index's window.
    public mutating func addHookCall(_ entry: LogEntry) {
        join.addHookCall(entry)
    }

    /// Drops from the index the hook calls logged before `day`: those the ledger never saw are
    /// counted unjoined, those of open chains are held until their chain closes.
    public mutating func evictHookCalls(before day: CivilDate) {
        join.evictHookCalls(before: day) { _, call in
            if !call.joined { report.unjoinedCalls[call.tool, default: 0] += 1 }
        }
    }

    /// Takes in one request of the ledger.
    public mutating func add(_ record: UsageRecord) {
        keys.fill(record)
        // The parts attribution shares add up to the price (`CostParts`).
        let cost = attributor.add(record, keys: keys)
        if attributor.hasClosedChains { takeClosedCalls() }
        let family = attributor.lastRequestFamily
        report.requests += record.requests
        report.cost = report.cost + cost
        report.promptTokens = report.promptTokens + record.tokens
        // The attributor compared the model with the previous request's as it priced it.
        let modelPosition =
            attributor.repeatsModel && lastModelPosition >= 0 && attributor.requests == lastModelRequest + 1
            ? lastModelPosition : models.position(of: record.model) { .init(name: record.model) }
        models.count(at: modelPosition, cost, record.requests)
        lastModelPosition = modelPosition
        lastModelRequest = attributor.requests
        if let type = join.agentType(of: record) { subagents.count(type, cost, record.requests) }
        if let skill = record.attribution.skill { skills.count(skill, cost, record.requests) }
        if !join.see(record, keys: keys) {
            report.unjoinedRequests += 1
            if report.unjoinedRequestSessions.count < 5,
                !report.unjoinedRequestSessions.contains(record.sessionID)
            {
                report.unjoinedRequestSessions.append(record.sessionID)
            }
        }
        let pieces = record.pieces
        if pieces.isKnown, record.tokens.output > 0, let family {
            let characters = pieces.textChars + pieces.thinkingChars + pieces.toolInputChars.reduce(0, +)
            if characters > 0 {
                let position = families.position(of: family) { (characters: 0, tokens: 0) }
                families.values[position].characters += characters
                families.values[position].tokens += record.tokens.output
            }
        }
        let hour =
            record.timestamp.seconds >= 0
            ? record.timestamp.seconds / 3600 : (record.timestamp.seconds - 3599) / 3600
        if hour != lastHour {
            // Requests in a row mostly fall in the same hour.
            lastSlot = hours[hour] ?? Self.localSlot(hour)
            hours[hour] = lastSlot
            lastHour = hour
        }
        let slot = lastSlot
        report.activity[slot.weekday][slot.hour] += record.requests
    }

    /// The report, with every chain closed.
    public mutating func finish() -> AttributionReport {
        attributor.closeAllChains()
        takeClosedCalls()
        report.sessions = attributor.sessions
        AttributionRollup.add(rolledSessions, to: &report.sessions)
        report.rolledUpRequests = attributor.rolledUpRequests
        for session in report.sessions.values { report.buckets = report.buckets + session.buckets }
        let groups = Array(toolGroups.values) + Array(serverGroups.values)
        // Nearest rank: the smallest cost at or above the share of calls.
        var targets: [(group: UInt32, rank: Int)] = []
        for entry in groups where entry.group.calls > 0 {
            targets.append((entry.code, (entry.group.calls + 1) / 2 - 1))
            targets.append((entry.code, max((entry.group.calls * 95 + 99) / 100 - 1, 0)))
        }
        var quantiles: [UInt32: (median: Int64, p95: Int64)] = [:]
        let values = costs.select(targets)
        for index in stride(from: 1, to: values.count, by: 2) {
            quantiles[targets[index].group] = (values[index - 1], values[index])
        }
        report.byTool = Self.sorted(toolGroups, quantiles)
        report.byMCPServer = Self.sorted(serverGroups, quantiles)
        report.bySubagent = subagents.values.sorted(by: Self.costlier)
        report.bySkill = skills.values.sorted(by: Self.costlier)
        report.byModel = models.values.sorted(by: Self.costlier)
        for call in join.index.calls.values where !call.joined {
            report.unjoinedCalls[call.tool, default: 0] += 1
        }
        report.charactersPerToken = zip(families.names, families.values).map {
            ($0, $1.characters, $1.tokens)
        }
        .sorted { $0.family < $1.family }
        return report
    }

    /// Merges one roll-up row (`AttributionRollupRow`, chosen by day and filter), before any request:
    /// rows come in file order, one at a time, and give what they gave sorted (`AttributionRollupOrder`).
    public mutating func merge(_ row: AttributionRollupRow) {
        let takesProject = rolledOrder.note(row)
        report.requests += row.requests
        report.cost = report.cost + row.cost
        report.promptTokens = report.promptTokens + row.tokens
        for group in row.byModel.values { models.count(group.name, group.cost, group.requests) }
        for group in row.bySubagent.values { subagents.count(group.name, group.cost, group.requests) }
        for group in row.bySkill.values { skills.count(group.name, group.cost, group.requests) }
        for (tool, count) in row.unjoinedCalls { report.unjoinedCalls[tool, default: 0] += count }
        report.unjoinedRequests += row.unjoinedRequests
        for (family, entry) in row.charactersPerToken {
            let position = families.position(of: family) { (characters: 0, tokens: 0) }
            families.values[position].characters += entry.characters
            families.values[position].tokens += entry.tokens
        }
        for (hour, count) in row.hours {
            let slot = hours[hour] ?? Self.localSlot(hour)
            hours[hour] = slot
            report.activity[slot.weekday][slot.hour] += count
        }
        Self.absorb(row.byMCPServer, into: &serverGroups, costs: costs)
        Self.absorb(row.byTool, into: &toolGroups, costs: costs)
        for (tool, keys) in row.inside { report.callsInsideSubagents[tool, default: 0] += keys.count }
        join.retire(row)
        for top in row.topCalls { report.topCalls.insertRanked(top, limit: topCount) }
        AttributionRollup.add([row.sessionID: row.session], to: &rolledSessions)
        if takesProject { rolledSessions[row.sessionID]?.project = row.session.project }
    }

    // A row's groups (by tool or by MCP server) into the builder's, each call's cost into `costs`.
    private static func absorb(
        _ rowGroups: [String: RollupGroup], into groups: inout [String: GroupCosts], costs: CostSpill
    ) {
        for (name, group) in rowGroups {
            if groups[name] == nil {
                groups[name] = GroupCosts(group: .init(name: name), code: costs.newGroup())
            }
            let code = groups[name]!.code
            groups[name]!.absorb(group)
            for cost in group.costs { costs.append(group: code, cost: cost) }
        }
    }

    /// Replays a roll-up's open part after its rows (`merge(_:)`), before any request: the report
    /// is then the one the rotated requests gave. `continuing` (a range from the roll-up's first
    /// day, unfiltered) also continues its sweep phase.
    public mutating func merge(_ rollup: AttributionRollup, openRequests: [UsageRecord], continuing: Bool) {
        join.restoreOpenPart(of: rollup)
        report.unjoinedRequestSessions = rolledOrder.unjoinedSessions
        attributor.resume(
            openRequests, sinceSweep: continuing ? rollup.sinceSweep : 0,
            latest: continuing ? rollup.latest : Timestamp(milliseconds: 0))
    }

    // A closed call: into its groups, the top list and, for a detailed session, one by one.
    // A call seen by two chains (a resumed session replays a result) counts once, with both costs.
    // The calls of the chains the attributor closed, one by one from each chain (no array of them).
    private mutating func takeClosedCalls() {
        for chain in attributor.takeClosedChains() { chain.forEachCall { take($0, key: $1) } }
    }

    // `key` is `HookCallIndex.key(call.id)`.
    private mutating func take(_ call: CallCost, key: UInt64) {
        let handed = join.take(key: key)
        if call.isInsideSubagent {
            // Its cost is in the Task call's subagent part.
            if handed.isNew { report.callsInsideSubagents[handed.tool, default: 0] += 1 }
            return
        }
        addToTool(call, handed)
        if let server = handed.server { Self.add(call, handed, to: &serverGroups, server, costs: costs) }
        if !detailSessions.isEmpty && detailSessions.contains(call.sessionID) {
            var kept = report.sessionCalls[call.id] ?? CallCost(id: call.id, sessionID: call.sessionID)
            kept.issue = kept.issue + call.issue
            kept.result = kept.result + call.result
            kept.carry = kept.carry + call.carry
            kept.subagent = kept.subagent + call.subagent
            kept.subagentTokens += call.subagentTokens
            kept.tokens += call.tokens
            kept.carryTokens += call.carryTokens
            kept.timestamp = kept.timestamp ?? call.timestamp
            kept.model = kept.model.isEmpty ? call.model : kept.model
            kept.agentID = kept.agentID ?? call.agentID
            report.sessionCalls[call.id] = kept
        }
        // Built only when it ranks: most closed calls do not.
        if report.topCalls.count < topCount || call.ranks(before: report.topCalls.last!.cost) {
            report.topCalls.insertRanked(
                AttributionReport.TopCall(cost: call, tool: handed.tool, detail: handed.hook?.detail),
                limit: topCount)
        }
    }

    // `add(_:_:to:_:costs:)` to the group of the call's tool, found by the last tool's index when
    // it is the same tool.
    private mutating func addToTool(_ call: CallCost, _ handed: CallJoin.Handed) {
        let index: Dictionary<String, GroupCosts>.Index
        if let last = lastToolGroup, last.count == toolGroups.count, last.name == handed.tool {
            index = last.index
        } else {
            if toolGroups.index(forKey: handed.tool) == nil {
                toolGroups[handed.tool] = GroupCosts(group: .init(name: handed.tool), code: costs.newGroup())
            }
            index = toolGroups.index(forKey: handed.tool)!
            lastToolGroup = (handed.tool, toolGroups.count, index)
        }
        let code = toolGroups.values[index].add(call, isNew: handed.isNew, estimate: handed.estimate)
        if handed.isNew { costs.append(group: code, cost: Int64(clamping: call.total.picodollars)) }
    }

    private static func add(
        _ call: CallCost, _ handed: CallJoin.Handed, to groups: inout [String: GroupCosts], _ name: String,
        costs: CostSpill
    ) {
        // In place: no copy of the entry per call.
        let code = groups[name, default: GroupCosts(group: .init(name: name), code: costs.newGroup())].add(
            call, isNew: handed.isNew, estimate: handed.estimate)
        // A call's cost fits 64 bits up to $9,223,372.
        if handed.isNew { costs.append(group: code, cost: Int64(clamping: call.total.picodollars)) }
    }

    private static func sorted(
        _ groups: [String: GroupCosts], _ quantiles: [UInt32: (median: Int64, p95: Int64)]
    ) -> [AttributionReport.CallGroup] {
        groups.values.map { entry in
            var group = entry.group
            if let quantile = quantiles[entry.code] {
                group.median = USD(picodollars: Int128(quantile.median))
                group.p95 = USD(picodollars: Int128(quantile.p95))
            }
            return group
        }.sorted { $0.cost != $1.cost ? $1.cost < $0.cost : $0.name < $1.name }
    }

    /// Calls held in memory: tags of calls not handed on yet, hook lines held for open chains, and
    /// the retired calls not yet written to their scratch file.
    var retainedCalls: Int { join.retainedCalls }

    /// Idle chains are looked for every this many requests (tests lower it).
    var chainSweepInterval: Int {
        get { attributor.sweepInterval }
        set { attributor.sweepInterval = newValue }
    }

    /// Retired calls per scratch-file block (tests lower it before the first request).
    var retiredBlockEntries: Int {
        get { join.retiredBlockEntries }
        nonmutating set { join.retiredBlockEntries = newValue }
    }

    /// Call costs held in memory for the median and p95 (the rest are in the scratch file).
    var bufferedCallCosts: Int { costs.bufferedCount }

    /// How many call costs stay in memory before they go to the scratch file (tests lower it).
    var callCostMemoryLimit: Int {
        get { costs.memoryLimit }
        nonmutating set { costs.memoryLimit = newValue }
    }

    private static func costlier(_ a: AttributionReport.RequestGroup, _ b: AttributionReport.RequestGroup)
        -> Bool
    {
        a.cost != b.cost ? b.cost < a.cost : a.name < b.name
    }

    // The local weekday (0 Sunday) and hour of a UTC hour.
    private static func localSlot(_ utcHour: Int) -> (weekday: Int, hour: Int) {
        let offset = Timestamp(milliseconds: utcHour * 3_600_000).local.utcOffset
        let seconds = utcHour * 3600 + offset
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let hour = (seconds - day * 86_400) / 3600
        return (((day + 4) % 7 + 7) % 7, hour)
    }
}

/// Values by name, in the order their names came, with the last name looked up kept at hand:
/// requests in a row mostly share their model, family or skill, so most look-ups hash nothing.
struct NamedTable<Value> {
    /// The names, in the order they came.
    private(set) var names: [String] = []
    /// Each name's value.
    var values: [Value] = []
    private var positions: [String: Int] = [:]
    private var last = -1

    /// The position of `name`'s value, added as `make()` when new.
    mutating func position(of name: String, _ make: () -> Value) -> Int {
        if last >= 0 && names[last] == name { return last }
        if let known = positions[name] {
            last = known
            return known
        }
        last = names.count
        positions[name] = last
        names.append(name)
        values.append(make())
        return last
    }
}

extension NamedTable<AttributionReport.RequestGroup> {
    /// Counts `requests` costing `cost` in group `name`.
    mutating func count(_ name: String, _ cost: USD, _ requests: Int) {
        count(at: position(of: name) { AttributionReport.RequestGroup(name: name) }, cost, requests)
    }

    /// Counts `requests` costing `cost` in the group at `position`.
    mutating func count(at position: Int, _ cost: USD, _ requests: Int) {
        values[position].requests += requests
        values[position].cost = values[position].cost + cost
    }
}

/// A group of calls (a tool, an MCP server) and its code in the builder's `CostSpill`.
struct GroupCosts {
    var group: AttributionReport.CallGroup
    var code: UInt32

    /// Adds a call's cost to the sums (a call seen again adds its cost, not a call); returns `code`.
    mutating func add(_ call: CallCost, isNew: Bool, estimate: Int) -> UInt32 {
        group.add(call, isNew: isNew, estimate: estimate)
        return code
    }

    /// Adds a roll-up row's group of the same name (`AttributionRollup`): its sums.
    mutating func absorb(_ other: RollupGroup) {
        group.absorb(other.group)
    }
}
