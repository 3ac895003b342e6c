import SessionLogCore

/// `attribution-rollup.jsonl` in a log directory: attribution of the days `rotate` rolled the ledger
/// up for (docs/attribution.md, "Roll-ups"). A header line, one line per day and session
/// (`AttributionRollupRow`), then what the rotated range left open: the requests of its open chains,
/// the hook calls still in the join's window or held for an open chain, and the calls open chains
/// saw that were not counted yet. A report merges the rows of its days and replays the open part
/// before the unrotated days, so its attribution is the one it gave before `rotate`.
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
    }

    /// A call an open chain saw that was not counted yet.
    struct OpenTag: Sendable {
        var key: UInt64
        var tool: String
        var server: String?
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
    /// The rows, by day then session.
    public var rows: [AttributionRollupRow] = []
    /// The requests of the chains the rotated range left open, in ledger order.
    public var openRequests: [UsageRecord] = []
    var openCalls: [OpenCall] = []
    var openTags: [OpenTag] = []

    /// An empty roll-up.
    public init() {}

    private typealias K = AttributionRollupKey

    /// The file's lines, newline-terminated.
    public var bytes: [UInt8] {
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
        var bytes = JSONDocument.object(header).jsonBytes(indent: 0)
        bytes.append(UInt8(ascii: "\n"))
        for row in rows.sorted(by: { ($0.day, $0.sessionID) < ($1.day, $1.sessionID) }) {
            bytes += row.document.jsonBytes(indent: 0)
            bytes.append(UInt8(ascii: "\n"))
        }
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
        return bytes
    }

    /// Reads a roll-up from its bytes; nil when its header is missing or of another version.
    /// `skipped` counts the other lines that could not be read.
    public init?(bytes: [UInt8], skipped: inout Int) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first, let header = try? JSONDocument(parsing: Array(first)),
            header[K.version]?.int == Self.version, let top = header[K.topCount]?.int,
            let days = header[K.days]?.elements, let sequence = header[K.sequence]?.int,
            let sinceSweep = header[K.sinceSweep]?.int, let latest = header[K.latest]?.int,
            let agents = header[K.agentTypes]?.elements
        else { return nil }
        lines.removeFirst()
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
        var decoder = UsageLineDecoder()
        let requestPrefix = Array("{\"\(K.openRequest)\":".utf8)
        for line in lines {
            if line.starts(with: requestPrefix) {
                // The ledger line as written, decoded by the ledger's own decoder.
                let record = Array(line).withUnsafeBufferPointer { buffer -> UsageRecord? in
                    var scanner = JSONScanner(buffer, start: requestPrefix.count, end: buffer.count - 1)
                    return (try? decoder.decode(&scanner)) ?? nil
                }
                if let record { openRequests.append(record) } else { skipped += 1 }
                continue
            }
            guard let document = try? JSONDocument(parsing: Array(line)) else {
                skipped += 1
                continue
            }
            if let call = document[K.openCall] {
                guard let key = call[K.key]?.stringValue.flatMap({ UInt64($0, radix: 16) }),
                    let day = call[K.day]?.stringValue.flatMap({ CivilDate($0) }),
                    let session = call[K.sessionID]?.stringValue, let tool = call[K.tool]?.stringValue,
                    let estimate = call[K.estimatedTokens]?.int, case .bool(let joined)? = call[K.joined],
                    case .bool(let held)? = call[K.held]
                else {
                    skipped += 1
                    continue
                }
                let hook = HookCallIndex.Call(
                    day: day, tool: tool, detail: call[K.detail]?.stringValue,
                    mcpServer: call[K.server]?.stringValue, estimatedTokens: estimate, joined: joined)
                openCalls.append(
                    OpenCall(
                        key: key, call: hook, sessionID: session, project: call[K.project]?.stringValue,
                        held: held))
            } else if let tag = document[K.openTag] {
                guard let key = tag[K.key]?.stringValue.flatMap({ UInt64($0, radix: 16) }),
                    let tool = tag[K.tool]?.stringValue
                else {
                    skipped += 1
                    continue
                }
                openTags.append(OpenTag(key: key, tool: tool, server: tag[K.server]?.stringValue))
            } else if let row = AttributionRollupRow(document) {
                rows.append(row)
            } else {
                skipped += 1
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

    /// The roll-up of log directory `directory`: nil when it has none; `.failure` names a file that
    /// exists but cannot be read or has no valid header.
    public static func load(_ directory: String) -> Result<AttributionRollup?, RotationError> {
        let ledger = UsageLedger(directory: directory)
        guard let bytes = ledger.contents(fileName) else {
            let error = FileAccess.lastError
            if error == Errno.noSuchFile.code { return .success(nil) }
            return .failure(.unreadable(ledger.path(fileName), reason: AppendError.describe(error)))
        }
        var skipped = 0
        guard let rollup = AttributionRollup(bytes: bytes, skipped: &skipped) else {
            return .failure(.unreadable(ledger.path(fileName), reason: "no attribution roll-up header"))
        }
        return .success(rollup)
    }
}
