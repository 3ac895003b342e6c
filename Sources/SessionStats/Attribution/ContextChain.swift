import SessionLogCore

/// One conversation context (a session's main chain, a subagent's, an aside's): what it holds and
/// the tool calls it issued, while it is open. Applies the per-request rule of docs/attribution.md.
///
/// A request costs a few passes over the pieces its context holds (its cache reads are shared over
/// all of them), so those pieces live in flat arrays of sizes and owners, and the calls' running
/// costs in an array of plain integers: a pass allocates, hashes and reference-counts nothing.
struct ContextChain {
    /// Which part of a tool call's cost a share is.
    enum Share {
        case issue
        case result
        case carry
    }

    /// Pieces of context, each with its owner and size in characters.
    ///
    /// An owner at or above zero is the position of a tool call in the chain; below zero it is a
    /// kind of text (`prompt`, `text`, `thinking`, `setup`).
    ///
    /// Its arrays are kept at their longest: `count` says how many pieces are there, so that emptying
    /// and refilling the lists of every request writes in place and allocates nothing.
    struct Pieces {
        /// Each piece's owner (the first `count`).
        private(set) var owners: [Int] = []
        /// Each piece's size in characters (the first `count`).
        private(set) var chars: [Int] = []
        /// How many pieces there are.
        private(set) var count = 0

        /// The owner of the user's prompts.
        static let prompt = -1
        /// The owner of the assistant's text.
        static let text = -2
        /// The owner of the assistant's thinking.
        static let thinking = -3
        /// The owner of the system prompt and tool definitions.
        static let setup = -4

        /// Whether there is no piece.
        var isEmpty: Bool { count == 0 }

        /// Adds a piece of `size` characters owned by `owner`.
        @inline(__always)
        mutating func append(_ owner: Int, _ size: Int) {
            if count < owners.count {
                owners[count] = owner
                chars[count] = size
            } else {
                owners.append(owner)
                chars.append(size)
            }
            count += 1
        }

        /// Adds `size` characters to piece `position`.
        @inline(__always)
        mutating func grow(_ position: Int, by size: Int) { chars[position] += size }

        /// Removes every piece, keeping the storage.
        mutating func removeAll() { count = 0 }

        /// Calls `body` with the owners and sizes of the pieces, in place.
        @inline(__always)
        func withPieces<Result>(
            _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int>) -> Result
        ) -> Result {
            owners.withUnsafeBufferPointer { owners in
                chars.withUnsafeBufferPointer { chars in
                    body(
                        UnsafeBufferPointer(rebasing: owners[..<count]),
                        UnsafeBufferPointer(rebasing: chars[..<count]))
                }
            }
        }

        /// The sum of the sizes (those below zero as zero), and the position and size of the first
        /// of the largest, counting positions from `base`.
        func measure(base: Int = 0) -> Measure {
            var measure = Measure()
            measure.add(self, base: base)
            return measure
        }
    }

    /// The sum of a split's sizes (those below zero as zero) and the first of its largest.
    struct Measure {
        /// The sum.
        var total = 0
        /// The position of the first of the largest sizes.
        var largest = 0
        /// The largest size.
        var largestSize = Int.min
        /// Whether a size was below zero when taken in (the split loop then clamps each size).
        var hasNegative = false

        /// Takes in the sizes of `pieces`, at positions from `base`.
        @inline(__always)
        mutating func add(_ pieces: Pieces, base: Int) {
            pieces.withPieces { _, sizes in
                for index in sizes.indices { add(sizes[index], at: base + index) }
            }
        }

        /// Takes in size `size` at `position`, after every position before it.
        @inline(__always)
        mutating func add(_ size: Int, at position: Int) {
            total += max(size, 0)
            if size < 0 { hasNegative = true }
            if size > largestSize {
                largest = position
                largestSize = size
            }
        }
    }

    /// A call's running cost, in picodollars and tokens.
    struct Money {
        /// `CallCost.issue` in picodollars.
        var issue: Int128 = 0
        /// `CallCost.result` in picodollars.
        var result: Int128 = 0
        /// `CallCost.carry` in picodollars.
        var carry: Int128 = 0
        /// `CallCost.subagent` in picodollars.
        var subagent: Int128 = 0
        /// `CallCost.tokens` but for `carryTokens` (the carry loop, run over every piece held, adds
        /// one sum, not two).
        var tokens = 0
        /// `CallCost.carryTokens`.
        var carryTokens = 0
        /// `CallCost.subagentTokens`.
        var subagentTokens = 0
    }

    let sessionID: String
    let agentID: String?
    let isSidechain: Bool
    /// When its last request was answered.
    var last: Timestamp
    /// A subagent's chain keeps its buckets apart until it closes: they go to the call that started
    /// it, or to its session when none did.
    private(set) var ownBuckets = AttributionBuckets()
    /// The chain keys of the subagents its calls started.
    private(set) var startedAgents: [String] = []
    // The tool calls it issued or answered, in order: who they are, and what they cost so far.
    private var callList: [Call] = []
    private var money: [Money] = []
    // Positions of the calls by `HookCallIndex.key` of their id (no hash of the id, nor of the key:
    // `CallKeyTable`), and of the rare call whose key an earlier call of the chain has, by id.
    private var callIndex = CallKeyTable<Int>()
    private var collided: [String: Int] = [:]
    private var started = false
    // What the context held before the current request, one piece per owner: where each call's
    // piece is (-1: none) and each kind's (by `-owner - 1`).
    private var held = Pieces()
    private var heldOfCall: [Int] = []
    private var heldOfKind = [-1, -1, -1, -1]
    // The measure of `held`, kept as pieces come and grow (sizes only grow until a drop; a piece
    // that shrinks, which no ledger line makes, has it measured again).
    private var heldMeasure = Measure()
    private var heldMeasured = true
    // The previous response's blocks: they enter the context of the next request.
    private var response = Pieces()
    // What enters the context with the current request (its storage swapped with `response`'s).
    private var entering = Pieces()

    init(sessionID: String, agentID: String?, isSidechain: Bool, start: Timestamp) {
        self.sessionID = sessionID
        self.agentID = agentID
        self.isSidechain = isSidechain
        last = start
    }

    // A call as the chain holds it: the rest of its `CallCost` is the chain's or in `money`, so a
    // new call retains its id, not the chain's ids as well.
    private struct Call {
        var id: String
        // `HookCallIndex.key(id)`, handed on with the call so that the join need not hash it again.
        var key: UInt64
        var timestamp: Timestamp?
        var model = ""
    }

    /// Calls `body` with each tool call it issued or answered, in order, with its costs and the
    /// `HookCallIndex.key` of its id (one at a time: a closing chain hands on thousands of calls
    /// without building an array of them).
    func forEachCall(_ body: (CallCost, UInt64) -> Void) {
        for index in callList.indices {
            let held = callList[index]
            var call = CallCost(id: held.id, sessionID: sessionID, agentID: agentID)
            call.timestamp = held.timestamp
            call.model = held.model
            let cost = money[index]
            call.issue = USD(picodollars: cost.issue)
            call.result = USD(picodollars: cost.result)
            call.carry = USD(picodollars: cost.carry)
            call.subagent = USD(picodollars: cost.subagent)
            call.tokens = cost.tokens + cost.carryTokens
            call.carryTokens = cost.carryTokens
            call.subagentTokens = cost.subagentTokens
            body(call, held.key)
        }
    }

    /// How many tool calls it issued or answered.
    var callCount: Int { callList.count }

    /// Shares the request's price, cut into `parts`, into `buckets` (a subagent's: its own) and the
    /// calls' costs; `keys` are those of the request's call ids.
    mutating func attribute(
        _ record: UsageRecord, keys: RequestCallKeys, parts: CostParts, into buckets: inout AttributionBuckets
    ) {
        guard agentID != nil else { return share(record, keys: keys, parts: parts, into: &buckets) }
        var own = ownBuckets
        share(record, keys: keys, parts: parts, into: &own)
        ownBuckets = own
    }

    /// The position of call `id`, whose `HookCallIndex.key` is `key`, when the chain has it.
    func position(of id: String, key: UInt64) -> Int? { find(id, key: key) }

    /// Notes that call `position` started the subagent whose chain key is `key`.
    mutating func started(_ key: String) { startedAgents.append(key) }

    /// Charges call `position` with the whole cost of the subagent it started; a subagent's chain
    /// (a subagent that started another) counts it in its own buckets' tools.
    mutating func charge(_ position: Int, subagent buckets: AttributionBuckets) {
        money[position].subagent += buckets.total.picodollars
        money[position].subagentTokens += buckets.tokens.total
        if agentID != nil {
            ownBuckets.tools = ownBuckets.tools + buckets.total
            ownBuckets.tokens.tools += buckets.tokens.total
        }
    }

    private mutating func share(
        _ record: UsageRecord, keys: RequestCallKeys, parts: CostParts, into buckets: inout AttributionBuckets
    ) {
        last = record.timestamp
        let pieces = record.pieces
        guard pieces.isKnown else {
            // A ledger line from before sizes were recorded: its calls exist, their cost is unknown.
            for (index, id) in record.toolUseIDs.enumerated() {
                issued(id, key: keys.tools[index], by: record)
            }
            buckets.unattributed = buckets.unattributed + parts.total
            buckets.tokens.unattributed += record.tokens.total
            started = true
            dropHeld()
            response.removeAll()
            return
        }
        let first = !started || pieces.compacted
        let newTokens = record.tokens.input + record.tokens.cacheWrite
        if pieces.compacted {
            // The old context, the previous response included, left with the compaction.
            dropHeld()
            response.removeAll()
        }
        // The previous response's blocks enter first; the storage they leave is the answer's.
        swap(&entering, &response)
        response.removeAll()
        if pieces.promptChars > 0 { entering.append(Pieces.prompt, pieces.promptChars) }
        for (index, id) in pieces.resultIDs.enumerated() {
            entering.append(call(id, key: keys.results[index]), pieces.resultChars[index])
        }
        if first {
            let visible = entering.withPieces { _, sizes in sizes.reduce(0, +) }
            let setup = max(0, 4 * newTokens - visible)
            if setup > 0 { entering.append(Pieces.setup, setup) }
            buckets.setup = buckets.setup + parts.read
            buckets.tokens.setup += record.tokens.cacheRead
            Self.share(
                parts.new, tokens: newTokens, over: entering, as: .result, measured: entering.measure(),
                money: &money, into: &buckets)
        } else {
            let heldMeasure = measureHeld()
            Self.share(
                parts.read, tokens: record.tokens.cacheRead, over: held, as: .carry, measured: heldMeasure,
                money: &money, into: &buckets)
            if record.tokens.cacheRead == 0 && !held.isEmpty {
                // A cache miss: the whole context was written again.
                var measure = heldMeasure
                measure.add(entering, base: held.count)
                Self.share(
                    parts.new, tokens: newTokens, over: held, as: .carry, then: entering, as: .result,
                    measured: measure, money: &money, into: &buckets)
            } else {
                Self.share(
                    parts.new, tokens: newTokens, over: entering, as: .result, measured: entering.measure(),
                    money: &money, into: &buckets)
            }
        }
        if pieces.textChars > 0 { response.append(Pieces.text, pieces.textChars) }
        if pieces.thinkingChars > 0 { response.append(Pieces.thinking, pieces.thinkingChars) }
        for (index, id) in record.toolUseIDs.enumerated() {
            let position = issued(id, key: keys.tools[index], by: record)
            let chars = index < pieces.toolInputChars.count ? pieces.toolInputChars[index] : 0
            response.append(position, chars)
        }
        Self.share(
            parts.output, tokens: record.tokens.output, over: response, as: .issue,
            measured: response.measure(),
            money: &money, into: &buckets)
        buckets.unattributed = buckets.unattributed + parts.webSearch
        for index in 0..<entering.count { hold(entering.owners[index], entering.chars[index]) }
        entering.removeAll()
        started = true
    }

    // The index of call `id` (whose key is `key`), added when new.
    private mutating func call(_ id: String, key: UInt64) -> Int {
        let count = callList.count
        // One probe: the key's slot is claimed for a new call as it is looked up.
        let index = callIndex.value(forKey: key, inserting: count)
        if index != count {
            if hasID(id, at: index) { return index }
            if let other = collided[id] { return other }
            collided[id] = count
        }
        callList.append(Call(id: id, key: key))
        money.append(Money())
        heldOfCall.append(-1)
        return count
    }

    private func find(_ id: String, key: UInt64) -> Int? {
        guard let index = callIndex[key] else { return nil }
        return hasID(id, at: index) ? index : collided[id]
    }

    // Whether call `index` is `id`, read in place (not a copy of the call).
    private func hasID(_ id: String, at index: Int) -> Bool {
        callList.withUnsafeBufferPointer { $0[index].id == id }
    }

    @discardableResult
    private mutating func issued(_ id: String, key: UInt64, by record: UsageRecord) -> Int {
        let index = call(id, key: key)
        if callList[index].timestamp == nil {
            callList[index].timestamp = record.timestamp
            callList[index].model = record.model
        }
        return index
    }

    private mutating func hold(_ owner: Int, _ chars: Int) {
        let position = owner >= 0 ? heldOfCall[owner] : heldOfKind[-owner - 1]
        if position >= 0 {
            held.grow(position, by: chars)
            if chars < 0 {
                heldMeasured = false
            } else if heldMeasured {
                // Grown, it is the first of the largest when it passes the largest, or equals it
                // from before it.
                let size = held.chars[position]
                heldMeasure.total += max(size, 0) - max(size - chars, 0)
                if size > heldMeasure.largestSize
                    || (size == heldMeasure.largestSize && position < heldMeasure.largest)
                {
                    heldMeasure.largest = position
                    heldMeasure.largestSize = size
                }
            }
            return
        }
        if owner >= 0 {
            heldOfCall[owner] = held.count
        } else {
            heldOfKind[-owner - 1] = held.count
        }
        heldMeasure.add(chars, at: held.count)
        held.append(owner, chars)
    }

    // The measure of `held`, taken again only after a piece shrank.
    private mutating func measureHeld() -> Measure {
        if !heldMeasured {
            heldMeasure = held.measure()
            heldMeasured = true
        }
        return heldMeasure
    }

    private mutating func dropHeld() {
        for index in 0..<held.count where held.owners[index] >= 0 { heldOfCall[held.owners[index]] = -1 }
        heldOfKind = [-1, -1, -1, -1]
        held.removeAll()
        heldMeasure = Measure()
        heldMeasured = true
    }

    // Shares `amount` and `tokens` by the sizes of `first` then `second` (each piece's share of the
    // kind its list gives), as `ProportionalSplit` does: each share rounded down, the rest to the
    // largest size (the earliest of equal ones); with nothing to share by, both are unattributed.
    // `measured` is the measure of both lists.
    private static func share(
        _ amount: USD, tokens: Int, over first: borrowing Pieces, as firstKind: Share,
        then second: borrowing Pieces = Pieces(), as secondKind: Share = .result, measured: Measure,
        money: inout [Money], into buckets: inout AttributionBuckets
    ) {
        if amount.picodollars == 0 && tokens == 0 { return }
        let total = measured.total
        let largest = measured.largest
        guard total > 0 else {
            buckets.unattributed = buckets.unattributed + amount
            buckets.tokens.unattributed += tokens
            return
        }
        var sums = Sums()
        let picodollars = amount.picodollars
        if first.count + second.count == 1 {
            // One piece (most answers, many entering lists): its share is the whole amount, exactly
            // what the split below would give it, with no ratio to make.
            let inFirst = first.count == 1
            let owner = inFirst ? first.owners[0] : second.owners[0]
            money.withUnsafeMutableBufferPointer { money in
                Self.give(
                    picodollars, tokens: tokens, to: owner, as: inFirst ? firstKind : secondKind, money, &sums
                )
            }
            return add(sums, to: &buckets)
        }
        // By exact ratios (no division per piece) when both amounts fit 64 bits and the sizes 32.
        if picodollars >= 0, picodollars <= Int128(UInt64.max), tokens >= 0,
            let ratio = ExactRatio(UInt64(picodollars), over: UInt64(total)),
            let tokenRatio = ExactRatio(UInt64(tokens), over: UInt64(total))
        {
            money.withUnsafeMutableBufferPointer { money in
                var given = Given()
                let clamps = measured.hasNegative
                Self.ratioSplit(ratio, tokenRatio, first, as: firstKind, clamps: clamps, money, &given)
                Self.ratioSplit(ratio, tokenRatio, second, as: secondKind, clamps: clamps, money, &given)
                sums = given.sums
                // The largest piece has its floor already; the picodollars and tokens left go to it too.
                let inFirst = largest < first.count
                let owner = inFirst ? first.owners[largest] : second.owners[largest - first.count]
                Self.give(
                    picodollars - Int128(given.picodollars), tokens: tokens - Int(given.tokens), to: owner,
                    as: inFirst ? firstKind : secondKind, money, &sums)
            }
            return add(sums, to: &buckets)
        }
        let narrow = picodollars >= 0 && picodollars <= Int128(UInt64.max / UInt64(total))
        let narrowTokens = tokens >= 0 && UInt64(tokens) <= UInt64.max / UInt64(total)
        var split = Split(
            picodollars: picodollars, tokens: tokens, total: total, largest: largest, narrow: narrow,
            narrowTokens: narrowTokens)
        money.withUnsafeMutableBufferPointer { money in
            split.give(first, as: firstKind, base: 0, money, &sums)
            split.give(second, as: secondKind, base: first.count, money, &sums)
            Self.give(
                split.largestShare + picodollars - split.given,
                tokens: Int(split.largestTokens + Int128(tokens) - split.givenTokens),
                to: split.largestOwner, as: split.largestKind, money, &sums)
        }
        add(sums, to: &buckets)
    }

    private static func add(_ sums: Sums, to buckets: inout AttributionBuckets) {
        buckets.tools = buckets.tools + USD(picodollars: sums.tools)
        buckets.prompts = buckets.prompts + USD(picodollars: sums.kinds.0)
        buckets.assistantText = buckets.assistantText + USD(picodollars: sums.kinds.1)
        buckets.thinking = buckets.thinking + USD(picodollars: sums.kinds.2)
        buckets.setup = buckets.setup + USD(picodollars: sums.kinds.3)
        buckets.tokens.tools += sums.toolTokens
        buckets.tokens.prompts += sums.kindTokens.0
        buckets.tokens.assistantText += sums.kindTokens.1
        buckets.tokens.thinking += sums.kindTokens.2
        buckets.tokens.setup += sums.kindTokens.3
    }

    // One split's shares given so far; the largest piece's share waits for the rest.
    private struct Split {
        let picodollars: Int128
        let tokens: Int
        let total: Int
        let largest: Int
        let narrow: Bool
        let narrowTokens: Bool
        var given: Int128 = 0
        var givenTokens: Int128 = 0
        var largestShare: Int128 = 0
        var largestTokens: Int128 = 0
        var largestOwner = 0
        var largestKind = Share.issue

        init(picodollars: Int128, tokens: Int, total: Int, largest: Int, narrow: Bool, narrowTokens: Bool) {
            self.picodollars = picodollars
            self.tokens = tokens
            self.total = total
            self.largest = largest
            self.narrow = narrow
            self.narrowTokens = narrowTokens
        }

        @inline(__always)
        mutating func give(
            _ list: borrowing Pieces, as kind: Share, base: Int, _ money: UnsafeMutableBufferPointer<Money>,
            _ sums: inout Sums
        ) {
            list.withPieces { owners, sizes in
                for index in sizes.indices {
                    let value = max(sizes[index], 0)
                    let share =
                        narrow
                        ? Int128(UInt64(picodollars) &* UInt64(value) / UInt64(total))
                        : picodollars * Int128(value) / Int128(total)
                    let tokenShare =
                        narrowTokens
                        ? Int128(UInt64(tokens) &* UInt64(value) / UInt64(total))
                        : Int128(tokens) * Int128(value) / Int128(total)
                    given += share
                    givenTokens += tokenShare
                    if base + index == largest {
                        largestShare = share
                        largestTokens = tokenShare
                        largestOwner = owners[index]
                        largestKind = kind
                        continue
                    }
                    ContextChain.give(
                        share, tokens: Int(tokenShare), to: owners[index], as: kind, money, &sums)
                }
            }
        }
    }

    // What a split by exact ratios gave so far: every piece's floor share.
    private struct Given {
        var picodollars: UInt64 = 0
        var tokens: UInt64 = 0
        var sums = Sums()
    }

    // Gives every piece of `list` its floor share by `ratio` and `tokenRatio`, as `kind` (the largest
    // piece's rest comes after): the loop every request runs over all the pieces its context holds,
    // one per kind of share so that the loop tests no kind. `clamps`: some size may be below zero.
    private static func ratioSplit(
        _ ratio: ExactRatio, _ tokenRatio: ExactRatio, _ list: borrowing Pieces, as kind: Share, clamps: Bool,
        _ money: UnsafeMutableBufferPointer<Money>, _ given: inout Given
    ) {
        guard !list.isEmpty else { return }
        list.withPieces { owners, sizes in
            switch kind {
            case .carry:
                // `tokens` leaves out the carry's tokens: one sum here, not two.
                ratioSplit(ratio, tokenRatio, owners, sizes, clamps, money, &given) { call, share, tokens in
                    call.pointee.carry &+= Int128(share)
                    call.pointee.carryTokens &+= tokens
                }
            case .result:
                ratioSplit(ratio, tokenRatio, owners, sizes, clamps, money, &given) { call, share, tokens in
                    call.pointee.result &+= Int128(share)
                    call.pointee.tokens &+= tokens
                }
            case .issue:
                ratioSplit(ratio, tokenRatio, owners, sizes, clamps, money, &given) { call, share, tokens in
                    call.pointee.issue &+= Int128(share)
                    call.pointee.tokens &+= tokens
                }
            }
        }
    }

    // One loop per case, each without the tests it does not need: no clamp of sizes when none is
    // below zero (no ledger line has one), one multiplication for the tokens when they are fewer
    // than the characters (the ratio's whole part is 0: most requests).
    @inline(__always)
    private static func ratioSplit(
        _ ratio: ExactRatio, _ tokenRatio: ExactRatio, _ owners: UnsafeBufferPointer<Int>,
        _ sizes: UnsafeBufferPointer<Int>, _ clamps: Bool, _ money: UnsafeMutableBufferPointer<Money>,
        _ given: inout Given, _ charge: (UnsafeMutablePointer<Money>, UInt64, Int) -> Void
    ) {
        switch (clamps, tokenRatio.isFraction) {
        case (false, true):
            ratioSplit(ratio, tokenRatio, owners, sizes, money, &given, clamps: false, fraction: true, charge)
        case (false, false):
            ratioSplit(
                ratio, tokenRatio, owners, sizes, money, &given, clamps: false, fraction: false, charge)
        case (true, true):
            ratioSplit(ratio, tokenRatio, owners, sizes, money, &given, clamps: true, fraction: true, charge)
        case (true, false):
            ratioSplit(ratio, tokenRatio, owners, sizes, money, &given, clamps: true, fraction: false, charge)
        }
    }

    @inline(__always)
    private static func ratioSplit(
        _ ratio: ExactRatio, _ tokenRatio: ExactRatio, _ owners: UnsafeBufferPointer<Int>,
        _ sizes: UnsafeBufferPointer<Int>, _ money: UnsafeMutableBufferPointer<Money>, _ given: inout Given,
        clamps: Bool, fraction: Bool, _ charge: (UnsafeMutablePointer<Money>, UInt64, Int) -> Void
    ) {
        var gave: UInt64 = 0
        var gaveTokens: UInt64 = 0
        // What the few pieces of text got: the calls' sum is the rest, not a third and fourth sum
        // per piece.
        var text: UInt64 = 0
        var textTokens: UInt64 = 0
        // A call's owner is its position in `money`, which is then not empty.
        let calls = money.baseAddress.unsafelyUnwrapped
        for index in 0..<sizes.count {
            // Every size is at most the total, which the ratios need.
            let value = clamps ? UInt64(max(sizes[index], 0)) : UInt64(bitPattern: Int64(sizes[index]))
            let share = ratio.share(of: value)
            let tokenShare = fraction ? tokenRatio.fractionShare(of: value) : tokenRatio.share(of: value)
            // Each part is at most its amount: none of these sums wraps.
            gave &+= share
            gaveTokens &+= tokenShare
            let owner = owners[index]
            if owner >= 0 {
                charge(calls + owner, share, Int(bitPattern: UInt(tokenShare)))
            } else {
                text &+= share
                textTokens &+= tokenShare
                give(kind: owner, Int128(share), tokens: Int(bitPattern: UInt(tokenShare)), &given.sums)
            }
        }
        given.picodollars &+= gave
        given.tokens &+= gaveTokens
        given.sums.tools += Int128(gave &- text)
        given.sums.toolTokens += Int(gaveTokens &- textTokens)
    }

    // What one split gave each bucket, added to the buckets once at its end.
    private struct Sums {
        var tools: Int128 = 0
        var toolTokens = 0
        var kinds: (Int128, Int128, Int128, Int128) = (0, 0, 0, 0)
        var kindTokens = (0, 0, 0, 0)
    }

    @inline(__always)
    private static func give(
        _ share: Int128, tokens: Int, to owner: Int, as kind: Share,
        _ money: UnsafeMutableBufferPointer<Money>,
        _ sums: inout Sums
    ) {
        guard owner >= 0 else { return give(kind: owner, share, tokens: tokens, &sums) }
        sums.tools += share
        sums.toolTokens += tokens
        switch kind {
        case .issue:
            money[owner].issue += share
            money[owner].tokens += tokens
        case .result:
            money[owner].result += share
            money[owner].tokens += tokens
        case .carry:
            money[owner].carry += share
            money[owner].carryTokens += tokens
        }
    }

    // A share of text (`owner` below zero): into its kind's sums.
    @inline(__always)
    private static func give(kind owner: Int, _ share: Int128, tokens: Int, _ sums: inout Sums) {
        switch owner {
        case Pieces.prompt:
            sums.kinds.0 += share
            sums.kindTokens.0 += tokens
        case Pieces.text:
            sums.kinds.1 += share
            sums.kindTokens.1 += tokens
        case Pieces.thinking:
            sums.kinds.2 += share
            sums.kindTokens.2 += tokens
        default:
            sums.kinds.3 += share
            sums.kindTokens.3 += tokens
        }
    }
}
