import SessionLogCore

/// The join of the ledger's tool calls with the hook log's, for `AttributionBuilder` (a report) and
/// `AttributionRollupBuilder` (`rotate`) alike: the hook index's window of days, the calls the
/// ledger saw (`see`) until the first chain holding them closes (`take`), and the hook lines held
/// for open chains after they left the window.
///
/// A call's key, tool and server codes stay in memory (`tags`) from the first request that names it
/// until its first hand-on, then go to `RetiredCalls` (a scratch file behind a fixed filter), so a
/// later chain holding it again counts it once; the hook's strings live only while the call is in
/// the window or its chain is open (`held`).
struct CallJoin {
    /// A call a closed chain handed on, as the join knows it.
    struct Handed {
        /// The key of its `tool_use_id` (`HookCallIndex.key`).
        var key: UInt64
        /// Whether this is its first hand-on: it counts as a call (a later one adds only cost).
        var isNew: Bool
        /// Its hook line while in the window, or held for this, its first, hand-on.
        var hook: HookCallIndex.Call?
        /// Its tool (`AttributionBuilder.notInHookLog` when the hook did not log it).
        var tool: String
        /// Its MCP server, if any.
        var server: String?

        /// The hook's estimate of its tokens, counted at its first hand-on only.
        var estimate: Int { isNew ? hook?.estimatedTokens ?? 0 : 0 }
    }

    // A call the ledger saw: its tool and MCP server (0: none) as codes into `names`, and whether
    // it was counted.
    private struct Tag {
        var tool: UInt32
        var server: UInt32
        var taken = false
    }

    /// The hook log's side: the calls of the window and the subagents' types.
    private(set) var index: HookCallIndex
    // The calls the ledger saw that no chain handed on yet, by key (and, taken, those a chain
    // holds again after their first hand-on).
    private var tags = CallKeyTable<Tag>()
    // The calls handed on (counted) whose tags left memory.
    private let retired = RetiredCalls()
    // Calls the ledger saw whose hook entry left the index's window before their chain closed.
    private var held = CallKeyTable<HookCallIndex.Call>()
    private var names: [String] = [AttributionBuilder.notInHookLog]
    private var nameCodes: [String: UInt32] = [AttributionBuilder.notInHookLog: 0]

    /// Creates a join whose window starts as `index`.
    init(index: HookCallIndex = HookCallIndex()) {
        self.index = index
    }

    /// Adds one hook-log entry to the window; returns its key when it is a tool call.
    @discardableResult
    mutating func addHookCall(_ entry: LogEntry) -> UInt64? {
        guard let key = index.add(entry) else { return nil }
        // A copy of a call the ledger already saw stays seen.
        if tags.contains(key) || retired.lookup(key) != nil { index.join(key) }
        return key
    }

    /// Drops from the window the hook calls logged before `day`, oldest first, handing each to
    /// `body` (one not `joined` is unjoined); a joined one whose chain is still open is held until
    /// the chain closes.
    mutating func evictHookCalls(before day: CivilDate, _ body: (UInt64, HookCallIndex.Call) -> Void) {
        index.evict(before: day) { key, call in
            if call.joined, tags[key]?.taken == false { held[key] = call }
            body(key, call)
        }
    }

    // Notes that the ledger saw call `id`, taking its tool and server from the window the first
    // time; false when the window does not hold it.
    private mutating func see(key: UInt64) -> Bool {
        let hook = index.join(key)
        if !tags.contains(key) {
            if let entry = retired.lookup(key) {
                tags[key] = Tag(tool: entry.tool, server: entry.server, taken: true)
                return hook != nil
            }
            let tool = hook.map { code(index.calls.values[$0].tool) } ?? 0
            let server = hook.flatMap { index.calls.values[$0].mcpServer }.map { code($0) } ?? 0
            tags[key] = Tag(tool: tool, server: server)
        }
        return hook != nil
    }

    // `see(_:)`, `agentType(of:)` and `take(_:)` run for every request or closed call: inlined, as
    // when each builder had its own copy (callgrind: no instructions added per ledger line).

    /// Notes the calls request `record` issued and, when it is one request of a chain, those whose
    /// results it reads (a chain holds them, logged or not); false when the window lacks a call it
    /// issued (the request is unjoined). `keys` are those of the request's call ids.
    @inline(__always)
    mutating func see(_ record: UsageRecord, keys: RequestCallKeys) -> Bool {
        var joined = true
        for key in keys.tools where !see(key: key) { joined = false }
        if record.requests == 1, record.lastRequest == nil, record.pieces.isKnown {
            for key in keys.results { _ = see(key: key) }
        }
        return joined
    }

    /// The subagent type of request `record`'s agent, if it is a subagent's: the hook log's, else
    /// the ledger's.
    @inline(__always)
    func agentType(of record: UsageRecord) -> String? {
        record.agentID.map { index.agentTypes[$0] ?? record.attribution.agent ?? "(type unknown)" }
    }

    /// Hands on call `id`, which a closed chain held: the call leaves memory at its first hand-on,
    /// and a later chain holding it finds it retired.
    @inline(__always)
    mutating func take(_ id: String) -> Handed { take(key: HookCallIndex.key(id)) }

    /// `take(_:)` of the call whose `HookCallIndex.key` is `key`.
    @inline(__always)
    mutating func take(key: UInt64) -> Handed {
        let tag =
            tags.removeValue(forKey: key)
            ?? retired.lookup(key).map { Tag(tool: $0.tool, server: $0.server, taken: true) }
            ?? Tag(tool: 0, server: 0)
        let isNew = !tag.taken
        if isNew { retired.insert(RetiredCalls.Entry(key: key, tool: tag.tool, server: tag.server)) }
        // After its window and its first hand-on, a call's strings are gone: a later chain's share
        // (a resumed session replaying it) keeps its tool and server but names no detail.
        let hook = index.call(key) ?? (isNew ? held.removeValue(forKey: key) : nil)
        let tool = hook?.tool ?? names[Int(tag.tool)]
        let server = hook?.mcpServer ?? (tag.server == 0 ? nil : names[Int(tag.server)])
        return Handed(key: key, isNew: isNew, hook: hook, tool: tool, server: server)
    }

    /// Notes the calls a roll-up row counted (`AttributionRollupRow`) as handed on.
    mutating func retire(_ row: AttributionRollupRow) {
        var servers: [UInt64: UInt32] = [:]
        for (server, keys) in row.serverKeys {
            let code = code(server)
            for key in keys { servers[key] = code }
        }
        for (tool, keys) in row.toolKeys {
            let code = code(tool)
            for key in keys {
                retired.insert(RetiredCalls.Entry(key: key, tool: code, server: servers[key] ?? 0))
            }
        }
        for (tool, keys) in row.inside {
            let code = code(tool)
            for key in keys { retired.insert(RetiredCalls.Entry(key: key, tool: code, server: 0)) }
        }
    }

    /// Puts back a roll-up's open part (`AttributionRollup`): subagent types, the calls its open
    /// chains saw and the hook calls of its window or held for them; before any hook call.
    mutating func restoreOpenPart(of rollup: AttributionRollup) {
        for (agent, type) in rollup.agentTypes { index.restoreAgentType(agent, type) }
        for tag in rollup.openTags {
            tags[tag.key] = Tag(tool: code(tag.tool), server: tag.server.map { code($0) } ?? 0)
        }
        for open in rollup.openCalls {
            if open.held { held[open.key] = open.call } else { index.restore(open.key, open.call) }
        }
    }

    /// The open part for a roll-up: the calls seen and not handed on yet (by key), and every call
    /// in the window with the held ones of those calls (by day, then key); `logger` says who logged
    /// a call of the window.
    func openPart(logger: (UInt64) -> (session: String, project: String?)?) -> (
        tags: [AttributionRollup.OpenTag], calls: [AttributionRollup.OpenCall]
    ) {
        var openTags: [AttributionRollup.OpenTag] = []
        var openKeys: Set<UInt64> = []
        for (key, tag) in tags.entries where !tag.taken {
            openKeys.insert(key)
            openTags.append(
                AttributionRollup.OpenTag(
                    key: key, tool: names[Int(tag.tool)],
                    server: tag.server == 0 ? nil : names[Int(tag.server)]))
        }
        openTags.sort { $0.key < $1.key }
        var openCalls: [AttributionRollup.OpenCall] = []
        for (key, call) in index.calls {
            let logger = logger(key)
            openCalls.append(
                AttributionRollup.OpenCall(
                    key: key, call: call, sessionID: logger?.session ?? "", project: logger?.project,
                    held: false))
        }
        for (key, call) in held.entries where openKeys.contains(key) {
            openCalls.append(
                AttributionRollup.OpenCall(key: key, call: call, sessionID: "", project: nil, held: true))
        }
        openCalls.sort { ($0.call.day, $0.key) < ($1.call.day, $1.key) }
        return (openTags, openCalls)
    }

    /// Calls held in memory: tags of calls not handed on yet, hook lines held for open chains, and
    /// the retired calls not yet written to their scratch file.
    var retainedCalls: Int { tags.count + held.count + retired.bufferedCount }

    /// Retired calls per scratch-file block (tests lower it before the first request).
    var retiredBlockEntries: Int {
        get { retired.blockEntries }
        nonmutating set { retired.blockEntries = newValue }
    }

    private mutating func code(_ name: String) -> UInt32 {
        if let code = nameCodes[name] { return code }
        let code = UInt32(names.count)
        names.append(name)
        nameCodes[name] = code
        return code
    }
}
