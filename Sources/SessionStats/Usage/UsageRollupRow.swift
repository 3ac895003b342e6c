import SessionLogCore

/// One line of `usage-rollup-YYYY-MM-DD.jsonl`: the requests of one hour that share a day, session,
/// project, model and everything that prices them, summed, with the keys of the requests it holds.
///
///     {"usage_rollup":2,"day":"2026-11-20","session_id":"…","project":"app","cwd":"/home/u/app",
///      "model":"claude-opus-4-5",
///      "requests":3,"input":30,"output":900,"cache_write_5m":100,"cache_write_1h":0,"cache_read":5000,
///      "cache_misses":[{"cache_miss":"system_changed","requests":1,"missed_5m":0,"missed_1h":4000,
///      "uncached":0}],"first":"2026-11-20T09:00:01.000Z","last":"2026-11-20T09:41:10.500Z",
///      "keys":["m|msg_01…",…]}
///
/// See docs/usage-format.md, "Roll-ups". Version 1 rows (no `cache_misses`) are read too.
public struct UsageRollupRow: Equatable, Sendable {
    /// The local day the requests counted for when rolled up (the ledger file's date).
    public var day: CivilDate
    /// The summed requests: `timestamp` the first, `lastRequest` the last, `requests` how many;
    /// no message, request or tool-use ids.
    public var record: UsageRecord
    /// The `RequestKey` of each request held, so a copy that reaches the ledger later is not counted again.
    public var keys: [String]

    /// The keys of a row line besides the ledger line's own (`UsageKeys`).
    public enum Key {
        /// The format version; marks the line as a roll-up row.
        public static let rollup: StaticString = "usage_rollup"
        public static let day: StaticString = "day"
        public static let requests: StaticString = "requests"
        public static let longContext: StaticString = "long_context"
        public static let first: StaticString = "first"
        public static let last: StaticString = "last"
        public static let keys: StaticString = "keys"
        public static let cacheMisses: StaticString = "cache_misses"
        public static let missed5m: StaticString = "missed_5m"
        public static let missed1h: StaticString = "missed_1h"
        public static let uncached: StaticString = "uncached"
    }

    /// The format version this code writes; it reads this one and every earlier one.
    public static let version = 2

    /// Creates a row of one request.
    public init(day: CivilDate, request: UsageRecord, key: String, isLongContext: Bool) {
        self.day = day
        var record = UsageRecord(
            timestamp: request.timestamp, sessionID: request.sessionID, project: request.project,
            cwd: request.cwd, model: request.model, tokens: request.tokens)
        record.webSearchRequests = request.webSearchRequests
        record.speed = request.speed
        record.inferenceGeo = request.inferenceGeo
        record.isSidechain = request.isSidechain
        record.agentID = request.agentID
        record.attribution = request.attribution
        record.requests = 1
        record.lastRequest = request.timestamp
        record.isLongContext = isLongContext
        if let miss = request.cacheMiss { record.rollupMisses = [UsageRollupMiss(miss, in: request.tokens)] }
        self.record = record
        keys = [key]
    }

    /// The row's cache misses by reason, sorted by reason.
    public var misses: [UsageRollupMiss] {
        get { record.rollupMisses }
        set { record.rollupMisses = newValue }
    }

    private init(day: CivilDate, record: UsageRecord, keys: [String]) {
        self.day = day
        self.record = record
        self.keys = keys
    }

    /// What puts requests in one row: the same day, hour slot and every field a report groups or prices by.
    public struct Group: Hashable, Sendable {
        var day: CivilDate
        var slot: Int
        var sessionID: String
        var project: String
        var model: String
        var speed: String?
        var inferenceGeo: String?
        var isLongContext: Bool
        var isSidechain: Bool
        var agentID: String?
        var attribution: UsageAttribution
    }

    /// The row's group.
    public var group: Group {
        Group(
            day: day, slot: UsageRollupRow.slot(record.timestamp), sessionID: record.sessionID,
            project: record.project, model: record.model, speed: record.speed,
            inferenceGeo: record.inferenceGeo,
            isLongContext: record.isLongContext ?? false, isSidechain: record.isSidechain,
            agentID: record.agentID, attribution: record.attribution)
    }

    /// The hour slot of a request: the requests strictly inside one UTC hour share one, and those
    /// exactly on the hour have their own. So a row never straddles a point on the hour, and every
    /// window that starts and ends on the hour (5-hour billing blocks, either end inclusive or not)
    /// holds a row whole or not at all.
    public static func slot(_ time: Timestamp) -> Int {
        let hour = 3_600_000
        let milliseconds = time.milliseconds
        let floor = milliseconds >= 0 ? milliseconds / hour : -((-milliseconds + hour - 1) / hour)
        return milliseconds == floor * hour ? 2 * floor : 2 * floor + 1
    }

    /// Adds `other`'s requests (of the same group) when every sum stays within the format's limit;
    /// returns whether it did.
    public mutating func absorb(_ other: UsageRollupRow) -> Bool {
        let limit = ValueLimits.rollupValue
        let a = record.tokens
        let b = other.record.tokens
        let sums = [
            a.input + b.input, a.output + b.output, a.cacheWrite5m + b.cacheWrite5m,
            a.cacheWrite1h + b.cacheWrite1h, a.cacheRead + b.cacheRead,
            record.webSearchRequests + other.record.webSearchRequests,
            record.requests + other.record.requests,
        ]
        var misses = misses
        for miss in other.misses {
            if let index = misses.firstIndex(where: { $0.reason == miss.reason }) {
                misses[index].add(miss)
            } else {
                misses.append(miss)
            }
        }
        let missSums = misses.flatMap { [$0.requests, $0.missed5m, $0.missed1h, $0.uncached] }
        guard sums.allSatisfy({ $0 <= limit }), missSums.allSatisfy({ $0 <= limit }) else { return false }
        self.misses = misses.sorted { $0.reason < $1.reason }
        record.tokens = a + b
        record.webSearchRequests += other.record.webSearchRequests
        record.requests += other.record.requests
        if UsageSessionTotals.startsEarlier(
            other.record.timestamp, other.record.cwd, than: record.timestamp, record.cwd)
        {
            record.cwd = other.record.cwd
        }
        record.timestamp = min(record.timestamp, other.record.timestamp)
        record.lastRequest = max(record.lastTimestamp, other.record.lastTimestamp)
        keys += other.keys
        return true
    }

    /// Whether a single request's numbers fit a row (each at most `ValueLimits.rollupValue`).
    public static func fits(_ request: UsageRecord) -> Bool {
        let limit = ValueLimits.rollupValue
        let t = request.tokens
        return [t.input, t.output, t.cacheWrite5m, t.cacheWrite1h, t.cacheRead, request.webSearchRequests]
            .allSatisfy { $0 <= limit }
    }

    /// The row as one line of compact JSON, newline included; absent and false fields are left out.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter(capacity: 256 + keys.count * 40)
        writer.beginObject()
        writer.field(key: Key.rollup, UsageRollupRow.version)
        writer.field(key: Key.day, day.description)
        writer.key(key: UsageKeys.sessionID)
        writer.string(record.sessionID)
        writer.key(key: UsageKeys.project)
        writer.string(record.project)
        if !record.cwd.isEmpty {
            writer.key(key: UsageKeys.cwd)
            writer.string(record.cwd)
        }
        writer.key(key: UsageKeys.model)
        writer.string(record.model)
        writer.field(key: UsageKeys.speed, record.speed)
        writer.field(key: UsageKeys.inferenceGeo, record.inferenceGeo)
        if record.isLongContext == true { writer.field(key: Key.longContext, true) }
        if record.isSidechain { writer.field(key: UsageKeys.sidechain, true) }
        writer.field(key: UsageKeys.agentID, record.agentID)
        writer.field(key: UsageKeys.attributionSkill, record.attribution.skill)
        writer.field(key: UsageKeys.attributionPlugin, record.attribution.plugin)
        writer.field(key: UsageKeys.attributionMCPServer, record.attribution.mcpServer)
        writer.field(key: UsageKeys.attributionMCPTool, record.attribution.mcpTool)
        writer.field(key: UsageKeys.attributionAgent, record.attribution.agent)
        writer.field(key: Key.requests, record.requests)
        writer.field(key: UsageKeys.input, record.tokens.input)
        writer.field(key: UsageKeys.output, record.tokens.output)
        writer.field(key: UsageKeys.cacheWrite5m, record.tokens.cacheWrite5m)
        writer.field(key: UsageKeys.cacheWrite1h, record.tokens.cacheWrite1h)
        writer.field(key: UsageKeys.cacheRead, record.tokens.cacheRead)
        if record.webSearchRequests != 0 {
            writer.field(key: UsageKeys.webSearchRequests, record.webSearchRequests)
        }
        if !misses.isEmpty {
            writer.key(key: Key.cacheMisses)
            writer.beginArray()
            for miss in misses {
                writer.beginObject()
                writer.field(key: UsageKeys.cacheMiss, miss.reason)
                writer.field(key: Key.requests, miss.requests)
                writer.field(key: Key.missed5m, miss.missed5m)
                writer.field(key: Key.missed1h, miss.missed1h)
                writer.field(key: Key.uncached, miss.uncached)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.field(key: Key.first, record.timestamp.iso8601)
        writer.field(key: Key.last, record.lastTimestamp.iso8601)
        writer.key(key: Key.keys)
        writer.beginArray()
        for key in keys { writer.string(key) }
        writer.endArray()
        writer.endObject()
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Reads the object at the scanner's offset as a row; nil when it is well-formed JSON but no
    /// valid row: no `usage_rollup` of a version this code reads, no valid `day`, `first`, `last` (not before
    /// `first`, in the same hour slot), `session_id` or `model`, a count that is no integer from 0
    /// to 2^53, a `cache_misses` entry without its reason, or not exactly one key per request.
    public static func decode(_ scanner: inout JSONScanner) throws(JSONScanError) -> UsageRollupRow? {
        var keys: [String] = []
        let row = try decode(&scanner) { (scanner: inout JSONScanner) throws(JSONScanError) -> Int in
            keys = try scanner.scanStringArray()
            return keys.count
        }
        return row.map { UsageRollupRow(day: $0.day, record: $0.record, keys: keys) }
    }

    /// Reads a row as `decode` does, but calls `eachKey` with the index and token of each of its keys
    /// instead of keeping them: a year of roll-ups holds millions of keys.
    static func decode(
        _ scanner: inout JSONScanner, eachKey: (Int, JSONStringToken, JSONScanner) -> Void
    ) throws(JSONScanError) -> (day: CivilDate, record: UsageRecord)? {
        try decode(&scanner) { (scanner: inout JSONScanner) throws(JSONScanError) -> Int in
            try scanner.forEachStringElement(eachKey)
        }
    }

    // The row's day and summed requests; `scanKeys` reads the `keys` value and returns how many keys it held.
    private static func decode(
        _ scanner: inout JSONScanner, keys scanKeys: (inout JSONScanner) throws(JSONScanError) -> Int
    ) throws(JSONScanError) -> (day: CivilDate, record: UsageRecord)? {
        var version = 0
        var day: CivilDate?
        var sessionID: String?
        var model: String?
        var first: Timestamp?
        var last: Timestamp?
        var keyCount = 0
        var valid = true
        var record = UsageRecord(
            timestamp: Timestamp(milliseconds: 0), sessionID: "", model: "", tokens: .zero)
        record.isLongContext = false
        record.requests = 0

        func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
            guard let token = try scanner.scanOptionalString() else { return nil }
            return scanner.decode(token)
        }
        func time(_ scanner: inout JSONScanner) throws(JSONScanError) -> Timestamp? {
            guard let token = try scanner.scanOptionalString(), !token.hasEscapes else { return nil }
            return Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
        }
        func count(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int {
            guard scanner.peekKind() == .number else {
                valid = false
                try scanner.skipValue()
                return 0
            }
            guard let value = scanner.parseInteger(try scanner.scanNumber()), value >= 0,
                value <= ValueLimits.rollupValue
            else {
                valid = false
                return 0
            }
            return value
        }

        // One entry of `cache_misses`; nil when it is no object, has no reason or no request.
        func rollupMiss(_ scanner: inout JSONScanner) throws(JSONScanError) -> UsageRollupMiss? {
            guard scanner.peekKind() == .object else {
                try scanner.skipValue()
                return nil
            }
            var miss = UsageRollupMiss(reason: "", requests: 0, missed5m: 0, missed1h: 0, uncached: 0)
            var reason: String?
            var entry = try scanner.enterObject()
            while let field = try scanner.nextKey(&entry) {
                if scanner.matches(field, UsageKeys.cacheMiss) {
                    reason = try string(&scanner)
                } else if scanner.matches(field, Key.requests) {
                    miss.requests = try count(&scanner)
                } else if scanner.matches(field, Key.missed5m) {
                    miss.missed5m = try count(&scanner)
                } else if scanner.matches(field, Key.missed1h) {
                    miss.missed1h = try count(&scanner)
                } else if scanner.matches(field, Key.uncached) {
                    miss.uncached = try count(&scanner)
                } else {
                    try scanner.skipValue()
                }
            }
            guard let reason, miss.requests >= 1 else { return nil }
            miss.reason = reason
            return miss
        }

        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, Key.rollup) {
                version = try scanner.scanInteger() ?? -1
            } else if scanner.matches(key, Key.day) {
                day = try string(&scanner).flatMap { CivilDate($0) }
            } else if scanner.matches(key, UsageKeys.sessionID) {
                sessionID = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.project) {
                record.project = try string(&scanner) ?? ""
            } else if scanner.matches(key, UsageKeys.cwd) {
                record.cwd = try string(&scanner) ?? ""
            } else if scanner.matches(key, UsageKeys.model) {
                model = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.speed) {
                record.speed = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.inferenceGeo) {
                record.inferenceGeo = try string(&scanner)
            } else if scanner.matches(key, Key.longContext) {
                record.isLongContext = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, UsageKeys.sidechain) {
                record.isSidechain = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, UsageKeys.agentID) {
                record.agentID = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.attributionSkill) {
                record.attribution.skill = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.attributionPlugin) {
                record.attribution.plugin = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.attributionMCPServer) {
                record.attribution.mcpServer = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.attributionMCPTool) {
                record.attribution.mcpTool = try string(&scanner)
            } else if scanner.matches(key, UsageKeys.attributionAgent) {
                record.attribution.agent = try string(&scanner)
            } else if scanner.matches(key, Key.requests) {
                record.requests = try count(&scanner)
            } else if scanner.matches(key, UsageKeys.input) {
                record.tokens.input = try count(&scanner)
            } else if scanner.matches(key, UsageKeys.output) {
                record.tokens.output = try count(&scanner)
            } else if scanner.matches(key, UsageKeys.cacheWrite5m) {
                record.tokens.cacheWrite5m = try count(&scanner)
            } else if scanner.matches(key, UsageKeys.cacheWrite1h) {
                record.tokens.cacheWrite1h = try count(&scanner)
            } else if scanner.matches(key, UsageKeys.cacheRead) {
                record.tokens.cacheRead = try count(&scanner)
            } else if scanner.matches(key, UsageKeys.webSearchRequests) {
                record.webSearchRequests = try count(&scanner)
            } else if scanner.matches(key, Key.first) {
                first = try time(&scanner)
            } else if scanner.matches(key, Key.last) {
                last = try time(&scanner)
            } else if scanner.matches(key, Key.keys) {
                keyCount = try scanKeys(&scanner)
            } else if scanner.matches(key, Key.cacheMisses) {
                guard scanner.peek() == UInt8(ascii: "[") else {
                    valid = false
                    try scanner.skipValue()
                    continue
                }
                scanner.offset += 1
                var more = scanner.peek() != UInt8(ascii: "]")
                if !more { scanner.offset += 1 }
                while more {
                    if let miss = try rollupMiss(&scanner) {
                        record.rollupMisses.append(miss)
                    } else {
                        valid = false
                    }
                    guard let byte = scanner.peek() else { throw .unexpectedEnd(at: scanner.offset) }
                    scanner.offset += 1
                    if byte == UInt8(ascii: "]") {
                        more = false
                    } else if byte != UInt8(ascii: ",") {
                        throw .unexpectedByte(byte, at: scanner.offset - 1)
                    }
                }
            } else {
                try scanner.skipValue()
            }
        }
        guard valid, (1...UsageRollupRow.version).contains(version), let day, let sessionID, let model,
            let first,
            let last,
            first <= last, slot(first) == slot(last), record.requests >= 1, keyCount == record.requests,
            record.rollupMisses.reduce(0, { $0 + $1.requests }) <= record.requests
        else { return nil }
        record.rollupMisses.sort { $0.reason < $1.reason }
        record.sessionID = sessionID
        record.model = model
        record.timestamp = first
        record.lastRequest = last
        return (day, record)
    }
}
