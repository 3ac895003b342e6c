import SessionLogCore

/// Walks the ledger's requests and attributes every picodollar of each session (docs/attribution.md).
///
/// Memory is per open chain: a chain idle for longer than `idleLimit` is closed and its calls
/// handed on, as are all chains at `finish`. Requests must come in time order within a chain,
/// which is the ledger's order.
public struct Attributor {
    /// How each model is priced.
    public var pricing: PriceTable
    /// A chain with no request for this long is closed (milliseconds); a later request starts anew.
    public var idleLimit = 24 * 3_600_000
    /// Idle chains are looked for every this many requests (tests lower it).
    var sweepInterval = 4096
    /// Every session seen, by id.
    public private(set) var sessions: [String: SessionAttribution] = [:]
    /// Requests attributed.
    public private(set) var requests = 0
    /// Requests that came as rows of a usage roll-up (`rotate`): no sizes, no order, so their cost
    /// is unattributed.
    public private(set) var rolledUpRequests = 0
    private var chains: [String: ContextChain] = [:]
    // The chain of the last request and its session, kept out of the dictionaries: a chain's
    // requests mostly follow each other in the ledger. Not optionals: a flag says whether each is
    // there, so that a request reads and changes them in place (an optional's copy per look
    // retained all a chain holds, and an optional session compared to nil compared every field).
    private var current = Self.noChain
    private var hasCurrent = false
    private var currentKey = ""
    private var currentSession = SessionAttribution(sessionID: "")
    private var hasSession = false
    // What `current` holds when no chain is current.
    private static let noChain = ContextChain(
        sessionID: "", agentID: nil, isSidechain: false, start: Timestamp(milliseconds: 0))
    // Subagent chain key → the chain and position of the call that started it.
    private var links: [String: (parent: String, call: Int)] = [:]
    // Chains closed whose calls were not handed on yet, in the order they closed.
    private var closedChains: [ClosedChain] = []
    private var prices: [String: ModelPrice?] = [:]
    private var lastModel: String?
    /// Whether the last model priced (by `add` or `price(of:)`) was the one priced before it.
    private(set) var repeatsModel = false
    // The rates of the last request priced, and what decides them besides its model's price: its
    // UTC day, fast mode, US-only inference and long context (ModelPrice.rates(for:)). Requests in a
    // row mostly share all of them: the rates are then not looked up by day again.
    private var lastRates: PriceRates?
    private var lastRatesKey = RatesKey(day: Int.min, isFast: false, isUSOnly: false, isLongContext: false)
    private var lastPrice: ModelPrice?
    /// The latest request time seen; idle chains are closed relative to it.
    public private(set) var latest = Timestamp(milliseconds: 0)
    /// Requests since idle chains were last closed (every 4,096).
    public private(set) var sinceSweep = 0

    /// Creates an attributor that prices with `pricing`.
    public init(pricing: PriceTable) { self.pricing = pricing }

    /// The family of the model of the last request `add` took, nil when it is not priced.
    var lastRequestFamily: String? { lastPrice?.family }

    /// The price of `model`, nil when it is not priced.
    public mutating func price(of model: String) -> ModelPrice? {
        priceModel(model)
        return lastPrice
    }

    // Makes `lastPrice` the price of `model`. A request's price is then read in place: a copy of a
    // `ModelPrice` retains every string and array it holds, for every ledger line.
    private mutating func priceModel(_ model: String) {
        // Requests in a row mostly share their model.
        repeatsModel = lastModel.map { $0 == model } ?? false
        if repeatsModel { return }
        lastRatesKey.day = Int.min
        let price: ModelPrice?
        if let cached = prices[model] {
            price = cached
        } else {
            price = pricing.match(model).price
            prices[model] = price
        }
        lastModel = model
        lastPrice = price
    }

    // What decides a request's rates besides its model.
    private struct RatesKey: Equatable {
        var day: Int
        var isFast: Bool
        var isUSOnly: Bool
        var isLongContext: Bool
    }

    // `lastPrice?.rates(for: record)`, kept from the request before when the key is the same.
    private mutating func rates(of record: UsageRecord) -> PriceRates? {
        guard let lastPrice else { return nil }
        let seconds = record.timestamp.seconds
        let key = RatesKey(
            day: seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400),
            isFast: record.speed == "fast", isUSOnly: record.inferenceGeo == "us",
            isLongContext: record.isLongContext ?? lastPrice.isLongContext(record))
        if key != lastRatesKey {
            lastRates = lastPrice.rates(for: record)
            lastRatesKey = key
        }
        return lastRates
    }

    /// Attributes one request and returns its exact price (zero when its model is not priced);
    /// `closed` receives the calls of any chain closed on the way.
    @discardableResult
    public mutating func add(_ record: UsageRecord, closed: (CallCost) -> Void) -> USD {
        add(record, keys: RequestCallKeys(record), closed: closed)
    }

    /// `add(_:closed:)` with the keys of the request's call ids already hashed.
    @discardableResult
    mutating func add(_ record: UsageRecord, keys: RequestCallKeys, closed: (CallCost) -> Void) -> USD {
        let cost = add(record, keys: keys)
        handOnClosedChains(closed)
        return cost
    }

    /// `add(_:keys:closed:)` keeping the chains closed on the way for `takeClosedChains()`.
    @discardableResult
    mutating func add(_ record: UsageRecord, keys: RequestCallKeys) -> USD {
        requests += 1
        if record.timestamp > latest { latest = record.timestamp }
        sinceSweep += 1
        if sinceSweep >= sweepInterval {
            sinceSweep = 0
            sweep(olderThan: latest.milliseconds - idleLimit)
        }
        priceModel(record.model)
        let parts = CostParts(record, rates: rates(of: record))
        if record.requests != 1 || record.lastRequest != nil {
            parkSession()
            var session = sessions[record.sessionID] ?? SessionAttribution(sessionID: record.sessionID)
            session.buckets.unattributed = session.buckets.unattributed + parts.total
            session.buckets.tokens.unattributed += record.tokens.total
            session.requests += record.requests
            session.cost = session.cost + parts.total
            if session.project.isEmpty { session.project = record.project }
            sessions[record.sessionID] = session
            rolledUpRequests += record.requests
            return parts.total
        }
        if hasCurrent,
            current.sessionID != record.sessionID || current.agentID != record.agentID
                || current.isSidechain != record.isSidechain
        {
            parkChain()
        }
        if !hasCurrent {
            currentKey = Self.chainKey(record)
            current =
                chains.removeValue(forKey: currentKey)
                ?? ContextChain(
                    sessionID: record.sessionID, agentID: record.agentID, isSidechain: record.isSidechain,
                    start: record.timestamp)
            hasCurrent = true
        }
        if hasSession, currentSession.sessionID != record.sessionID { parkSession() }
        if !hasSession {
            currentSession =
                sessions.removeValue(forKey: record.sessionID)
                ?? SessionAttribution(sessionID: record.sessionID)
            hasSession = true
        }
        let callsBefore = current.callCount
        current.attribute(record, keys: keys, parts: parts, into: &currentSession.buckets)
        currentSession.calls += current.callCount - callsBefore
        currentSession.requests += 1
        currentSession.cost = currentSession.cost + parts.total
        if currentSession.project.isEmpty { currentSession.project = record.project }
        for (index, agent) in record.pieces.resultAgentIDs.enumerated() where !agent.isEmpty {
            let id = record.pieces.resultIDs[index]
            guard let position = current.position(of: id, key: keys.results[index]) else { continue }
            let key = record.sessionID + "\u{1}" + agent
            links[key] = (currentKey, position)
            current.started(key)
        }
        return parts.total
    }

    // Puts the current chain back into `chains`, leaving nothing behind that shares its storage.
    private mutating func parkChain() {
        guard hasCurrent else { return }
        var chain = Self.noChain
        swap(&chain, &current)
        chains[currentKey] = chain
        hasCurrent = false
    }

    // Puts the current session back into `sessions`.
    private mutating func parkSession() {
        guard hasSession else { return }
        var session = SessionAttribution(sessionID: "")
        swap(&session, &currentSession)
        sessions[session.sessionID] = session
        hasSession = false
    }

    /// Session `id`'s attribution so far, nil when no request of it came.
    func session(_ id: String) -> SessionAttribution? {
        if hasSession, currentSession.sessionID == id { return currentSession }
        return sessions[id]
    }

    /// The keys (`chainKey(_:)`) of the chains still open.
    var openChainKeys: Set<String> {
        var keys = Set(chains.keys)
        if hasCurrent { keys.insert(currentKey) }
        return keys
    }

    /// Rebuilds the chains a rotated range left open from their requests (`AttributionRollup`),
    /// counting none of them (their cost is in the roll-up's rows), and continues that range's
    /// `sinceSweep` and `latest`, so idle chains close where they would have.
    public mutating func resume(_ records: [UsageRecord], sinceSweep: Int, latest: Timestamp) {
        self.sinceSweep = Int.min / 2
        for record in records { add(record) { _ in } }
        sweep(olderThan: Int.min)
        closedChains = []
        for key in sessions.keys { sessions[key] = SessionAttribution(sessionID: key) }
        requests = 0
        self.sinceSweep = sinceSweep
        self.latest = max(self.latest, latest)
    }

    /// Closes every chain, handing on its calls.
    public mutating func finish(_ closed: (CallCost) -> Void) {
        sweep(olderThan: Int.max)
        handOnClosedChains(closed)
    }

    /// `finish(_:)` keeping the chains for `takeClosedChains()`.
    mutating func closeAllChains() { sweep(olderThan: Int.max) }

    /// Whether chains closed since the last `takeClosedChains()`.
    var hasClosedChains: Bool { !closedChains.isEmpty }

    /// The chains closed since the last call, in the order they closed, their calls not handed on
    /// yet: the caller hands them on (`ClosedChain.forEachCall`) in that order.
    mutating func takeClosedChains() -> [ClosedChain] {
        var taken: [ClosedChain] = []
        swap(&taken, &closedChains)
        return taken
    }

    // Hands on the calls of the chains closed since the last hand-on, in order.
    private mutating func handOnClosedChains(_ closed: (CallCost) -> Void) {
        for chain in takeClosedChains() { chain.forEachCall { call, _ in closed(call) } }
    }

    private mutating func sweep(olderThan limit: Int) {
        parkChain()
        parkSession()
        // Subagents first, so each is charged to its call before that call's chain closes; then by
        // key, so the order never follows the dictionary's (seeded per process).
        // Keys and flags only: a filter of the dictionary would copy every chain it keeps.
        var closing: [(key: String, isSubagent: Bool)] = []
        for index in chains.indices where chains.values[index].last.milliseconds < limit {
            closing.append((chains.keys[index], chains.values[index].agentID != nil))
        }
        closing.sort { $0.isSubagent != $1.isSubagent ? $0.isSubagent : $0.key < $1.key }
        for (key, _) in closing {
            guard let chain = chains.removeValue(forKey: key) else { continue }
            close(chain, key: key)
        }
    }

    // A subagent's chain goes to the call that started it when that call's chain is still open;
    // otherwise (and for every other chain) its buckets go to its session and its calls are handed on.
    private mutating func close(_ chain: ContextChain, key: String) {
        for started in chain.startedAgents where links[started]?.parent == key { links[started] = nil }
        guard chain.agentID != nil else {
            closedChains.append(ClosedChain(chain: chain, isInsideSubagent: false))
            return
        }
        if let link = links.removeValue(forKey: key), chains[link.parent] != nil {
            chains[link.parent]!.charge(link.call, subagent: chain.ownBuckets)
            if chains[link.parent]!.agentID == nil {
                sessions[chain.sessionID]!.buckets.tools =
                    sessions[chain.sessionID]!.buckets.tools + chain.ownBuckets.total
                sessions[chain.sessionID]!.buckets.tokens.tools += chain.ownBuckets.tokens.total
            }
            // Its own calls are part of that call's cost: handed on marked, never counted twice.
            closedChains.append(ClosedChain(chain: chain, isInsideSubagent: true))
            return
        }
        sessions[chain.sessionID]!.buckets = sessions[chain.sessionID]!.buckets + chain.ownBuckets
        closedChains.append(ClosedChain(chain: chain, isInsideSubagent: false))
    }

    /// The chain a request belongs to: its session and its agent (the main chain, a subagent, an aside).
    static func chainKey(_ record: UsageRecord) -> String {
        record.sessionID + "\u{1}" + (record.agentID ?? (record.isSidechain ? "~" : ""))
    }
}
