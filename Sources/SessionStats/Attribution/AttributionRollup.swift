import SessionLogCore

/// `attribution-rollup.jsonl` in a log directory: attribution of the days `rotate` rolled the ledger
/// up for (docs/attribution.md, "Roll-ups"). A header line, one line per day and session
/// (`AttributionRollupRow`), then what the rotated range left open: the requests of its open chains,
/// the hook calls still in the join's window or held for an open chain, and the calls open chains
/// saw that were not counted yet. A report merges the rows of its days and replays the open part
/// before the unrotated days, so its attribution is the one it gave before `rotate`.
///
/// This value holds the header and the open part only: the rows, which grow with the days rotated,
/// are streamed, one line at a time, by `AttributionRollupReader` and `AttributionRollupWriter`.
public struct AttributionRollup: Sendable {
    /// A hook call the rotated range left open.
    struct OpenCall: Sendable {
        var key: UInt64
        var call: HookCallIndex.Call
        /// The session and project that logged it (reports filter by them).
        var sessionID: String
        var project: String?
        /// Whether it had left the index, held for its open chain.
        var held: Bool

        init(key: UInt64, call: HookCallIndex.Call, sessionID: String, project: String?, held: Bool) {
            (self.key, self.call, self.sessionID, self.project, self.held) = (
                key, call, sessionID, project, held
            )
        }

        /// The call an `open_call` entry holds; nil when a field is missing.
        init?(_ entry: JSONDocument) {
            guard let key = entry[K.key]?.stringValue.flatMap({ UInt64($0, radix: 16) }),
                let day = entry[K.day]?.stringValue.flatMap({ CivilDate($0) }),
                let session = entry[K.sessionID]?.stringValue, let tool = entry[K.tool]?.stringValue,
                let estimate = entry[K.estimatedTokens]?.int, case .bool(let joined)? = entry[K.joined],
                case .bool(let held)? = entry[K.held]
            else { return nil }
            let hook = HookCallIndex.Call(
                day: day, tool: tool, detail: entry[K.detail]?.stringValue,
                mcpServer: entry[K.server]?.stringValue, estimatedTokens: estimate, joined: joined)
            self.init(
                key: key, call: hook, sessionID: session, project: entry[K.project]?.stringValue, held: held)
        }
    }

    /// A call an open chain saw that was not counted yet.
    struct OpenTag: Sendable {
        var key: UInt64
        var tool: String
        var server: String?

        init(key: UInt64, tool: String, server: String?) {
            (self.key, self.tool, self.server) = (key, tool, server)
        }

        /// The call an `open_tag` entry holds; nil when a field is missing.
        init?(_ entry: JSONDocument) {
            guard let key = entry[K.key]?.stringValue.flatMap({ UInt64($0, radix: 16) }),
                let tool = entry[K.tool]?.stringValue
            else { return nil }
            self.init(key: key, tool: tool, server: entry[K.server]?.stringValue)
        }
    }

    /// The file's name in the log directory.
    public static let fileName = "attribution-rollup.jsonl"
    /// The format version this code writes and reads.
    public static let version = 1

    /// How many most expensive calls each row keeps (a report's top list is exact up to this many).
    public var topCount = 10
    /// The local days the rows cover: their ledger was rolled up after attribution took them in.
    public var days: Set<CivilDate> = []
    /// Requests attributed by every rotate so far.
    public var sequence = 0
    /// `Attributor.sinceSweep` at the end of the rotated range.
    public var sinceSweep = 0
    /// The latest request time of the rotated range.
    public var latest = Timestamp(milliseconds: 0)
    /// Subagent types by agent id, from the rotated hook log.
    public var agentTypes: [String: String] = [:]
    /// The requests of the chains the rotated range left open, in ledger order.
    public var openRequests: [UsageRecord] = []
    var openCalls: [OpenCall] = []
    var openTags: [OpenTag] = []

    /// An empty roll-up.
    public init() {}

    private typealias K = AttributionRollupKey

    /// The header line, newline-terminated, appended to `bytes`.
    func appendHeader(to bytes: inout [UInt8]) {
        var header: [JSONDocument.Member] = [
            .init(K.version, .integer(Self.version)), .init(K.topCount, .integer(topCount)),
            .init(K.days, .array(days.sorted().map { .string($0.description) })),
            .init(K.sequence, .integer(sequence)), .init(K.sinceSweep, .integer(sinceSweep)),
            .init(K.latest, .integer(latest.milliseconds)),
        ]
        header.append(
            .init(
                K.agentTypes,
                .array(
                    agentTypes.sorted { $0.key < $1.key }.map {
                        .object([.init(K.agentID, .string($0.key)), .init(K.agentType, .string($0.value))])
                    })))
        bytes += JSONDocument.object(header).jsonBytes(indent: 0)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The open part's lines (requests, calls, tags), newline-terminated, appended to `bytes`.
    func appendOpenPart(to bytes: inout [UInt8]) {
        for record in openRequests {
            bytes += Array("{\"\(K.openRequest)\":".utf8)
            bytes += record.ledgerLine.dropLast()
            bytes += Array("}\n".utf8)
        }
        for open in openCalls {
            var members: [JSONDocument.Member] = [
                .init(K.key, .string(AttributionRollupRow.hex(open.key))),
                .init(K.day, .string(open.call.day.description)), .init(K.sessionID, .string(open.sessionID)),
                .init(K.tool, .string(open.call.tool)),
                .init(K.estimatedTokens, .integer(open.call.estimatedTokens)),
                .init(K.joined, .bool(open.call.joined)), .init(K.held, .bool(open.held)),
            ]
            if let project = open.project { members.append(.init(K.project, .string(project))) }
            if let detail = open.call.detail { members.append(.init(K.detail, .string(detail))) }
            if let server = open.call.mcpServer { members.append(.init(K.server, .string(server))) }
            bytes += JSONDocument.object([.init(K.openCall, .object(members))]).jsonBytes(indent: 0)
            bytes.append(UInt8(ascii: "\n"))
        }
        for tag in openTags {
            var members: [JSONDocument.Member] = [
                .init(K.key, .string(AttributionRollupRow.hex(tag.key))), .init(K.tool, .string(tag.tool)),
            ]
            if let server = tag.server { members.append(.init(K.server, .string(server))) }
            bytes += JSONDocument.object([.init(K.openTag, .object(members))]).jsonBytes(indent: 0)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// The whole file with `rows` (sorted here by day then session), in memory: for tests and small
    /// roll-ups; `rotate` streams its rows to the file (`AttributionRollupWriter`).
    func bytes(rows: [AttributionRollupRow]) -> [UInt8] {
        var bytes: [UInt8] = []
        appendHeader(to: &bytes)
        for row in rows.sorted(by: { ($0.day, $0.sessionID) < ($1.day, $1.sessionID) }) {
            row.append(to: &bytes)
        }
        appendOpenPart(to: &bytes)
        return bytes
    }

    /// The header a roll-up's first line holds, with no open part yet; nil when it is no header or
    /// of another version.
    init?(header: JSONDocument) {
        guard header[K.version]?.int == Self.version, let top = header[K.topCount]?.int,
            let days = header[K.days]?.elements, let sequence = header[K.sequence]?.int,
            let sinceSweep = header[K.sinceSweep]?.int, let latest = header[K.latest]?.int,
            let agents = header[K.agentTypes]?.elements
        else { return nil }
        topCount = top
        self.days = Set(days.compactMap { $0.stringValue.flatMap { CivilDate($0) } })
        self.sequence = sequence
        self.sinceSweep = sinceSweep
        self.latest = Timestamp(milliseconds: latest)
        for agent in agents {
            if let id = agent[K.agentID]?.stringValue, let type = agent[K.agentType]?.stringValue {
                agentTypes[id] = type
            }
        }
    }

    /// Adds `part` (a row's share of a session) to `session`.
    static func add(_ part: SessionAttribution, to session: inout SessionAttribution) {
        session.requests += part.requests
        session.cost = session.cost + part.cost
        session.calls += part.calls
        session.buckets = session.buckets + part.buckets
        if session.project.isEmpty { session.project = part.project }
    }

    /// Adds each of `parts` to the session of the same id in `sessions`.
    static func add(_ parts: [String: SessionAttribution], to sessions: inout [String: SessionAttribution]) {
        for (id, part) in parts { add(part, to: &sessions[id, default: SessionAttribution(sessionID: id)]) }
    }
}
