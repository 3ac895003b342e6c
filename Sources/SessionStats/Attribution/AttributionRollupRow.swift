import SessionLogCore

/// What attribution keeps of one local day and session once `rotate` rolled its ledger up: every
/// figure a report merges (docs/attribution.md, "Roll-ups"). Requests count in the row of their
/// day; a call counts in the row of the day it was issued (or handed on, when no request of the
/// range issued it), so each call lies in exactly one row.
public struct AttributionRollupRow: Sendable {
    /// The local day.
    public var day: CivilDate
    /// The session.
    public var sessionID: String
    /// The session's project.
    public var project = ""
    /// Requests of the day and session.
    public var requests = 0
    /// Their exact cost.
    public var cost: USD = .zero
    /// Their tokens (for the cache hit ratio).
    public var tokens = UsageTokens()
    /// What this day added to the session's attribution (requests, cost, calls, buckets).
    public var session: SessionAttribution
    /// Calls by tool, with each call's cost at its first hand-on.
    var byTool: [String: RollupGroup] = [:]
    /// The keys of the calls `byTool` counted, by tool.
    var toolKeys: [String: [UInt64]] = [:]
    /// Calls by MCP server.
    var byMCPServer: [String: RollupGroup] = [:]
    /// The keys of the calls `byMCPServer` counted, by server.
    var serverKeys: [String: [UInt64]] = [:]
    /// Requests by subagent type, skill and model.
    public var bySubagent: [String: AttributionReport.RequestGroup] = [:]
    /// Requests by skill.
    public var bySkill: [String: AttributionReport.RequestGroup] = [:]
    /// Requests by model.
    public var byModel: [String: AttributionReport.RequestGroup] = [:]
    /// The row's most expensive calls, most expensive first (at most the roll-up's `topCount`).
    public var topCalls: [AttributionReport.TopCall] = []
    /// The keys of calls inside subagents, by tool.
    var inside: [String: [UInt64]] = [:]
    /// Hook calls no request joined, by tool.
    public var unjoinedCalls: [String: Int] = [:]
    /// Requests that issued a call the hook did not log.
    public var unjoinedRequests = 0
    /// The roll-up's sequence number of the first of them.
    public var firstUnjoined: Int?
    /// Characters and output tokens by model family.
    public var charactersPerToken: [String: (characters: Int, tokens: Int)] = [:]
    /// Requests by UTC hour (hours since the epoch); reports place them in the local week.
    public var hours: [Int: Int] = [:]

    /// An empty row.
    public init(day: CivilDate, sessionID: String) {
        self.day = day
        self.sessionID = sessionID
        session = SessionAttribution(sessionID: sessionID)
    }
}

extension AttributionRollupRow {
    private typealias K = AttributionRollupKey

    /// The row's line, newline-terminated, appended to `bytes`.
    func append(to bytes: inout [UInt8]) {
        bytes += document.jsonBytes(indent: 0)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The row as a JSON object (one line of the roll-up).
    var document: JSONDocument {
        var members: [JSONDocument.Member] = [
            .init(K.day, .string(day.description)), .init(K.sessionID, .string(sessionID)),
            .init(K.project, .string(project)), .init(K.requests, .integer(requests)),
            .init(K.cost, .amount(cost)),
            .init(
                K.tokens,
                .array(
                    [tokens.input, tokens.output, tokens.cacheWrite5m, tokens.cacheWrite1h, tokens.cacheRead]
                        .map(
                            JSONDocument.integer))),
            .init(
                K.session,
                .object([
                    .init(K.requests, .integer(session.requests)), .init(K.cost, .amount(session.cost)),
                    .init(K.calls, .integer(session.calls)),
                    .init(K.buckets, .array(Self.amounts(session.buckets).map(JSONDocument.amount))),
                    .init(
                        K.bucketTokens, .array(Self.counts(session.buckets.tokens).map(JSONDocument.integer))),
                ])),
            .init(K.byTool, Self.groups(byTool, keys: toolKeys)),
            .init(K.byMCPServer, Self.groups(byMCPServer, keys: serverKeys)),
            .init(K.bySubagent, Self.requestGroups(bySubagent)),
            .init(K.bySkill, Self.requestGroups(bySkill)),
            .init(K.byModel, Self.requestGroups(byModel)),
            .init(K.topCalls, .array(topCalls.map(Self.topCall))),
            .init(
                K.inside,
                .array(
                    inside.sorted { $0.key < $1.key }.map {
                        .object([.init(K.name, .string($0.key)), .init(K.callKeys, Self.keys($0.value))])
                    })),
            .init(
                K.unjoinedCalls,
                .array(
                    unjoinedCalls.sorted { $0.key < $1.key }.map {
                        .object([.init(K.name, .string($0.key)), .init(K.calls, .integer($0.value))])
                    })),
            .init(K.unjoinedRequests, .integer(unjoinedRequests)),
        ]
        if let firstUnjoined { members.append(.init(K.firstUnjoined, .integer(firstUnjoined))) }
        members.append(
            .init(
                K.charactersPerToken,
                .array(
                    charactersPerToken.sorted { $0.key < $1.key }.map {
                        .object([
                            .init(K.name, .string($0.key)),
                            .init(K.characters, .integer($0.value.characters)),
                            .init(K.tokens, .integer($0.value.tokens)),
                        ])
                    })))
        members.append(
            .init(
                K.hours,
                .array(
                    hours.sorted { $0.key < $1.key }.map { .array([.integer($0.key), .integer($0.value)]) })))
        return .object(members)
    }

    /// The row a roll-up line holds; nil when it is not a valid row.
    init?(_ document: JSONDocument) {
        guard let day = document[K.day]?.stringValue.flatMap({ CivilDate($0) }),
            let sessionID = document[K.sessionID]?.stringValue, let requests = document[K.requests]?.int,
            let cost = document[K.cost]?.usd, let tokens = document[K.tokens]?.ints, tokens.count == 5,
            let session = document[K.session], let sessionRequests = session[K.requests]?.int,
            let sessionCost = session[K.cost]?.usd, let sessionCalls = session[K.calls]?.int,
            let amounts = session[K.buckets]?.elements?.compactMap(\.usd), amounts.count == 6,
            let counts = session[K.bucketTokens]?.ints, counts.count == 6,
            let byTool = Self.groups(document[K.byTool]), let byServer = Self.groups(document[K.byMCPServer]),
            let bySubagent = Self.requestGroups(document[K.bySubagent]),
            let bySkill = Self.requestGroups(document[K.bySkill]),
            let byModel = Self.requestGroups(document[K.byModel]),
            let topCalls = document[K.topCalls]?.elements?.map(Self.topCall),
            !topCalls.contains(where: { $0 == nil }),
            let inside = document[K.inside]?.elements, let unjoined = document[K.unjoinedCalls]?.elements,
            let unjoinedRequests = document[K.unjoinedRequests]?.int,
            let families = document[K.charactersPerToken]?.elements, let hours = document[K.hours]?.elements
        else { return nil }
        self.init(day: day, sessionID: sessionID)
        project = document[K.project]?.stringValue ?? ""
        self.requests = requests
        self.cost = cost
        self.tokens = UsageTokens(
            input: tokens[0], output: tokens[1], cacheWrite5m: tokens[2], cacheWrite1h: tokens[3],
            cacheRead: tokens[4])
        self.session.requests = sessionRequests
        self.session.cost = sessionCost
        self.session.calls = sessionCalls
        self.session.project = project
        self.session.buckets = Self.buckets(amounts, counts)
        (self.byTool, toolKeys) = byTool
        (byMCPServer, serverKeys) = byServer
        self.bySubagent = bySubagent
        self.bySkill = bySkill
        self.byModel = byModel
        self.topCalls = topCalls.compactMap { $0 }
        for entry in inside {
            guard let name = entry[K.name]?.stringValue, let keys = Self.keys(entry[K.callKeys]) else {
                return nil
            }
            self.inside[name] = keys
        }
        for entry in unjoined {
            guard let name = entry[K.name]?.stringValue, let calls = entry[K.calls]?.int else { return nil }
            unjoinedCalls[name] = calls
        }
        self.unjoinedRequests = unjoinedRequests
        firstUnjoined = document[K.firstUnjoined]?.int
        for entry in families {
            guard let name = entry[K.name]?.stringValue, let characters = entry[K.characters]?.int,
                let tokens = entry[K.tokens]?.int
            else { return nil }
            charactersPerToken[name] = (characters, tokens)
        }
        for entry in hours {
            guard let pair = entry.ints, pair.count == 2 else { return nil }
            self.hours[pair[0]] = pair[1]
        }
    }

    private static func amounts(_ buckets: AttributionBuckets) -> [USD] {
        [
            buckets.tools, buckets.prompts, buckets.assistantText, buckets.thinking, buckets.setup,
            buckets.unattributed,
        ]
    }

    private static func counts(_ tokens: BucketTokens) -> [Int] {
        [
            tokens.tools, tokens.prompts, tokens.assistantText, tokens.thinking, tokens.setup,
            tokens.unattributed,
        ]
    }

    private static func buckets(_ amounts: [USD], _ counts: [Int]) -> AttributionBuckets {
        var buckets = AttributionBuckets()
        (buckets.tools, buckets.prompts, buckets.assistantText) = (amounts[0], amounts[1], amounts[2])
        (buckets.thinking, buckets.setup, buckets.unattributed) = (amounts[3], amounts[4], amounts[5])
        (buckets.tokens.tools, buckets.tokens.prompts, buckets.tokens.assistantText) = (
            counts[0], counts[1], counts[2]
        )
        (buckets.tokens.thinking, buckets.tokens.setup, buckets.tokens.unattributed) = (
            counts[3], counts[4], counts[5]
        )
        return buckets
    }

    static func keys(_ keys: [UInt64]) -> JSONDocument { .array(keys.map { .string(hex($0)) }) }

    static func keys(_ document: JSONDocument?) -> [UInt64]? {
        guard let elements = document?.elements else { return nil }
        var keys: [UInt64] = []
        keys.reserveCapacity(elements.count)
        for element in elements {
            guard let text = element.stringValue, let key = UInt64(text, radix: 16) else { return nil }
            keys.append(key)
        }
        return keys
    }

    /// `key` as 16 hex digits.
    static func hex(_ key: UInt64) -> String {
        let digits = String(key, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func groups(_ groups: [String: RollupGroup], keys: [String: [UInt64]]) -> JSONDocument {
        .array(
            groups.sorted { $0.key < $1.key }.map { name, entry in
                let group = entry.group
                return .object([
                    .init(K.name, .string(name)), .init(K.calls, .integer(group.calls)),
                    .init(K.cost, .amount(group.cost)),
                    .init(K.issue, .amount(group.issue)), .init(K.result, .amount(group.result)),
                    .init(K.carry, .amount(group.carry)), .init(K.subagent, .amount(group.subagent)),
                    .init(K.tokens, .integer(group.tokens)),
                    .init(K.carryTokens, .integer(group.carryTokens)),
                    .init(K.estimatedTokens, .integer(group.estimatedTokens)),
                    .init(K.callCosts, .array(entry.costs.map { .integer(Int($0)) })),
                    .init(K.callKeys, Self.keys(keys[name] ?? [])),
                ])
            })
    }

    private static func groups(_ document: JSONDocument?) -> ([String: RollupGroup], [String: [UInt64]])? {
        guard let elements = document?.elements else { return nil }
        var groups: [String: RollupGroup] = [:]
        var keys: [String: [UInt64]] = [:]
        for element in elements {
            guard let name = element[K.name]?.stringValue, let calls = element[K.calls]?.int,
                let cost = element[K.cost]?.usd, let issue = element[K.issue]?.usd,
                let result = element[K.result]?.usd, let carry = element[K.carry]?.usd,
                let subagent = element[K.subagent]?.usd, let tokens = element[K.tokens]?.int,
                let carryTokens = element[K.carryTokens]?.int,
                let estimated = element[K.estimatedTokens]?.int,
                let costs = element[K.callCosts]?.ints, let callKeys = Self.keys(element[K.callKeys])
            else { return nil }
            var group = AttributionReport.CallGroup(name: name)
            group.calls = calls
            (group.cost, group.issue, group.result, group.carry, group.subagent) = (
                cost, issue, result, carry, subagent
            )
            (group.tokens, group.carryTokens, group.estimatedTokens) = (tokens, carryTokens, estimated)
            var entry = RollupGroup(group: group)
            entry.costs = costs.map { Int64($0) }
            groups[name] = entry
            keys[name] = callKeys
        }
        return (groups, keys)
    }

    private static func requestGroups(_ groups: [String: AttributionReport.RequestGroup]) -> JSONDocument {
        .array(
            groups.sorted { $0.key < $1.key }.map {
                .object([
                    .init(K.name, .string($0.key)), .init(K.requests, .integer($0.value.requests)),
                    .init(K.cost, .amount($0.value.cost)),
                ])
            })
    }

    private static func requestGroups(_ document: JSONDocument?) -> [String: AttributionReport.RequestGroup]?
    {
        guard let elements = document?.elements else { return nil }
        var groups: [String: AttributionReport.RequestGroup] = [:]
        for element in elements {
            guard let name = element[K.name]?.stringValue, let requests = element[K.requests]?.int,
                let cost = element[K.cost]?.usd
            else { return nil }
            groups[name] = AttributionReport.RequestGroup(name: name, requests: requests, cost: cost)
        }
        return groups
    }

    private static func topCall(_ top: AttributionReport.TopCall) -> JSONDocument {
        let call = top.cost
        var members: [JSONDocument.Member] = [
            .init(K.toolUseID, .string(call.id)), .init(K.sessionID, .string(call.sessionID)),
        ]
        if let agent = call.agentID { members.append(.init(K.agentID, .string(agent))) }
        if let time = call.timestamp { members.append(.init(K.timestamp, .integer(time.milliseconds))) }
        members += [
            .init(K.model, .string(call.model)), .init(K.issue, .amount(call.issue)),
            .init(K.result, .amount(call.result)),
            .init(K.carry, .amount(call.carry)), .init(K.subagent, .amount(call.subagent)),
            .init(K.tokens, .integer(call.tokens)), .init(K.carryTokens, .integer(call.carryTokens)),
            .init(K.subagentTokens, .integer(call.subagentTokens)), .init(K.tool, .string(top.tool)),
        ]
        if let detail = top.detail { members.append(.init(K.detail, .string(detail))) }
        return .object(members)
    }

    private static func topCall(_ document: JSONDocument) -> AttributionReport.TopCall? {
        guard let id = document[K.toolUseID]?.stringValue, let session = document[K.sessionID]?.stringValue,
            let model = document[K.model]?.stringValue, let issue = document[K.issue]?.usd,
            let result = document[K.result]?.usd, let carry = document[K.carry]?.usd,
            let subagent = document[K.subagent]?.usd, let tokens = document[K.tokens]?.int,
            let carryTokens = document[K.carryTokens]?.int,
            let subagentTokens = document[K.subagentTokens]?.int,
            let tool = document[K.tool]?.stringValue
        else { return nil }
        var call = CallCost(id: id, sessionID: session, agentID: document[K.agentID]?.stringValue)
        call.timestamp = document[K.timestamp]?.int.map { Timestamp(milliseconds: $0) }
        call.model = model
        (call.issue, call.result, call.carry, call.subagent) = (issue, result, carry, subagent)
        (call.tokens, call.carryTokens, call.subagentTokens) = (tokens, carryTokens, subagentTokens)
        return AttributionReport.TopCall(cost: call, tool: tool, detail: document[K.detail]?.stringValue)
    }
}

extension JSONDocument {
    /// An integer.
    static func integer(_ value: Int) -> JSONDocument { .number(String(value)) }

    /// An amount, as integer picodollars.
    static func amount(_ value: USD) -> JSONDocument { .number(String(value.picodollars)) }

    /// The integer, when this is a number written as one.
    var int: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The picodollars, when this is an integer.
    var usd: USD? {
        if case .number(let text) = self { return Int128(text).map { USD(picodollars: $0) } }
        return nil
    }

    /// The integers, when this is an array of them.
    var ints: [Int]? {
        guard let elements else { return nil }
        var values: [Int] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = element.int else { return nil }
            values.append(value)
        }
        return values
    }
}

/// A group of calls in a roll-up row and each call's cost at its first hand-on (for the exact
/// median and p95 of the merged range).
struct RollupGroup: Sendable {
    var group: AttributionReport.CallGroup
    var costs: [Int64] = []

    mutating func add(_ call: CallCost, isNew: Bool, estimate: Int) {
        group.add(call, isNew: isNew, estimate: estimate)
        if isNew { costs.append(Int64(clamping: call.total.picodollars)) }
    }

    mutating func absorb(_ other: RollupGroup) {
        group.absorb(other.group)
        costs += other.costs
    }
}
