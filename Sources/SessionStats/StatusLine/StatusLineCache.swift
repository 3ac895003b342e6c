import SessionLogCore

/// What the status line remembers between refreshes, in `statusline.cache` in the log directory:
/// today's activity totals with the part of today's file they cover, and when each session last
/// wrote its capture line.
///
/// The file is one header line, `sessionlog-statusline-cache <version> <FNV-1a of the rest, hex>`,
/// then one JSON object. A file that is not exactly that (damaged, half-written, another version, not
/// a regular file the user owns) is ignored and rebuilt, never trusted; it is replaced atomically.
public struct StatusLineCache: Equatable, Sendable {
    /// When a session last wrote a capture line, and a hash of what it wrote.
    public struct Capture: Equatable, Sendable {
        /// When, in milliseconds since the epoch.
        public var milliseconds: Int
        /// A hash of the line's values, timestamp aside.
        public var values: UInt64

        /// Creates a capture note.
        public init(milliseconds: Int, values: UInt64) {
            self.milliseconds = milliseconds
            self.values = values
        }
    }

    /// The cache file's name in the log directory.
    public static let fileName = "statusline.cache"
    /// The format's version; a cache of another version is rebuilt.
    public static let version = 3
    static let magic = "sessionlog-statusline-cache"
    /// The largest cache file read; anything bigger is not one of ours.
    static let maximumBytes = 4 << 20
    /// How long capture notes are kept after their session's last write.
    static let captureRetentionMilliseconds = 86_400_000

    /// Today's totals, with the part of today's file they cover; nil before the first read.
    public var activity: (mark: FileMark, totals: TodayActivity)?
    /// Today's exact spend, with the part of today's usage-ledger file it covers; nil when there is none.
    public var usage: (mark: FileMark, totals: TodayUsage)?
    /// Capture notes by session id.
    public var captures: [String: Capture] = [:]

    /// Creates an empty cache.
    public init() {}

    public static func == (lhs: StatusLineCache, rhs: StatusLineCache) -> Bool {
        lhs.activity?.mark == rhs.activity?.mark && lhs.activity?.totals == rhs.activity?.totals
            && lhs.usage?.mark == rhs.usage?.mark && lhs.usage?.totals == rhs.usage?.totals
            && lhs.captures == rhs.captures
    }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        if let (mark, totals) = activity {
            writer.key("activity")
            writer.beginObject()
            writer.field("day", totals.day.description)
            writer.key("mark")
            writer.beginArray()
            writer.raw(String(mark.device))
            writer.raw(String(mark.inode))
            writer.integer(mark.offset)
            writer.raw(String(mark.head))
            writer.raw(String(mark.tail))
            writer.endArray()
            writer.field("skipped", totals.skipped)
            writer.key("unattributed")
            StatusLineCache.writeSession(totals.unattributed, model: false, to: &writer)
            writer.key("sessions")
            writer.beginObject()
            for (id, session) in totals.sessions.sorted(by: { $0.key < $1.key }) {
                writer.key(id)
                StatusLineCache.writeSession(session, model: true, to: &writer)
            }
            writer.endObject()
            writer.endObject()
        }
        if let (mark, totals) = usage {
            writer.key("usage")
            writer.beginObject()
            writer.field("day", totals.day.description)
            writer.key("mark")
            StatusLineCache.writeMark(mark, to: &writer)
            writer.key("pricing")
            writer.raw(String(totals.pricing))
            writer.field("skipped", totals.skipped)
            writer.key("unpriced")
            writer.beginObject()
            for model in totals.unpricedModels.sorted() {
                writer.key(model)
                writer.integer(0)
            }
            writer.endObject()
            writer.key("requests")
            writer.beginObject()
            for (key, kept) in totals.requests.sorted(by: { $0.key < $1.key }) {
                writer.key(String(key, radix: 16))
                writer.beginArray()
                writer.raw(String(kept.picodollars))
                writer.integer(kept.tokens)
                writer.integer(kept.isSidechain ? 1 : 0)
                writer.integer(kept.milliseconds)
                writer.endArray()
            }
            writer.endObject()
            writer.endObject()
        }
        writer.key("captures")
        writer.beginObject()
        for (id, capture) in captures.sorted(by: { $0.key < $1.key }) {
            writer.key(id)
            writer.beginArray()
            writer.integer(capture.milliseconds)
            writer.raw(String(capture.values))
            writer.endArray()
        }
        writer.endObject()
        writer.endObject()
        let body = writer.bytes
        let header =
            "\(StatusLineCache.magic) \(StatusLineCache.version) \(String(FNV1a.hash(body), radix: 16))\n"
        return Array(header.utf8) + body
    }

    private static func writeMark(_ mark: FileMark, to writer: inout JSONWriter) {
        writer.beginArray()
        writer.raw(String(mark.device))
        writer.raw(String(mark.inode))
        writer.integer(mark.offset)
        writer.raw(String(mark.head))
        writer.raw(String(mark.tail))
        writer.endArray()
    }

    private static func writeSession(
        _ session: TodayActivity.Session, model: Bool, to writer: inout JSONWriter
    ) {
        writer.beginArray()
        if model {
            if let name = session.model { writer.string(name) } else { writer.null() }
        }
        writer.integer(session.operations)
        writer.integer(session.tokens.input)
        writer.integer(session.tokens.output)
        writer.integer(session.tokens.prompt)
        writer.endArray()
    }

    /// Reads a cache from its file's bytes; nil unless the header, version and checksum all match
    /// and the body is complete.
    public static func decode(_ bytes: [UInt8]) -> StatusLineCache? {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        let body = bytes[(newline + 1)...]
        guard header.count == 3, header[0] == magic, header[1] == String(version),
            let checksum = UInt64(header[2], radix: 16), checksum == FNV1a.hash(body)
        else { return nil }
        return Array(body).withUnsafeBufferPointer { buffer -> StatusLineCache? in
            var scanner = JSONScanner(buffer)
            var cache = StatusLineCache()
            do throws(JSONScanError) {
                guard scanner.peekKind() == .object else { return nil }
                var valid = true
                try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
                    if scanner.matches(key, "activity") {
                        cache.activity = try readActivity(&scanner)
                        if cache.activity == nil { valid = false }
                    } else if scanner.matches(key, "usage") {
                        cache.usage = try readUsage(&scanner)
                        if cache.usage == nil { valid = false }
                    } else if scanner.matches(key, "captures") {
                        try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
                            let id = scanner.decode(key)
                            let numbers = try integers(&scanner)
                            guard numbers.count == 2, let ms = Int(numbers[0]), let hash = UInt64(numbers[1])
                            else {
                                valid = false
                                return
                            }
                            cache.captures[id] = Capture(milliseconds: ms, values: hash)
                        }
                    } else {
                        _ = try scanner.skipValue()
                    }
                }
                scanner.skipWhitespace()
                guard valid, scanner.offset == scanner.end else { return nil }
            } catch {
                return nil
            }
            return cache
        }
    }

    private static func readUsage(_ scanner: inout JSONScanner) throws(JSONScanError) -> (
        FileMark, TodayUsage
    )? {
        guard scanner.peekKind() == .object else { return nil }
        var day: CivilDate?
        var mark: FileMark?
        var pricing: UInt64?
        var skipped: Int?
        var unpriced: Set<String> = []
        var requests: [UInt64: TodayUsage.Kept] = [:]
        var valid = true
        try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
            if scanner.matches(key, "day") {
                day = try scanner.scanOptionalString().flatMap { CivilDate(scanner.decode($0)) }
            } else if scanner.matches(key, "mark") {
                guard let read = try readMark(&scanner) else {
                    valid = false
                    return
                }
                mark = read
            } else if scanner.matches(key, "pricing") {
                guard scanner.peekKind() == .number else {
                    valid = false
                    return
                }
                let range = try scanner.scanNumber()
                pricing = UInt64(
                    String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self))
            } else if scanner.matches(key, "skipped") {
                guard scanner.peekKind() == .number, let value = try scanner.scanInteger(), value >= 0 else {
                    valid = false
                    return
                }
                skipped = value
            } else if scanner.matches(key, "unpriced") {
                guard scanner.peekKind() == .object else {
                    valid = false
                    return
                }
                try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
                    unpriced.insert(scanner.decode(key))
                    _ = try scanner.skipValue()
                }
            } else if scanner.matches(key, "requests") {
                guard scanner.peekKind() == .object else {
                    valid = false
                    return
                }
                try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
                    let numbers = try integers(&scanner)
                    guard let hash = UInt64(scanner.decode(key), radix: 16), numbers.count == 4,
                        let cost = Int128(numbers[0]), let tokens = Int(numbers[1]),
                        let side = Int(numbers[2]), side <= 1, let ms = Int(numbers[3])
                    else {
                        valid = false
                        return
                    }
                    requests[hash] = TodayUsage.Kept(
                        picodollars: cost, tokens: tokens, isSidechain: side == 1, milliseconds: ms)
                }
            } else {
                _ = try scanner.skipValue()
            }
        }
        guard valid, let day, let mark, let pricing, let skipped else { return nil }
        var totals = TodayUsage(day: day, pricing: pricing)
        totals.requests = requests
        totals.unpricedModels = unpriced
        totals.skipped = skipped
        return (mark, totals)
    }

    private static func readActivity(_ scanner: inout JSONScanner) throws(JSONScanError) -> (
        FileMark, TodayActivity
    )? {
        var day: CivilDate?
        var mark: FileMark?
        var skipped = 0
        var unattributed: TodayActivity.Session?
        var sessions: [String: TodayActivity.Session] = [:]
        var valid = true
        try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
            if scanner.matches(key, "day") {
                day = try scanner.scanOptionalString().flatMap { CivilDate(scanner.decode($0)) }
            } else if scanner.matches(key, "mark") {
                mark = try readMark(&scanner)
            } else if scanner.matches(key, "skipped") {
                skipped = try scanner.scanInteger() ?? 0
            } else if scanner.matches(key, "unattributed") {
                unattributed = try session(&scanner, model: false)
            } else if scanner.matches(key, "sessions") {
                try StatusLineInput.members(&scanner) { key, scanner throws(JSONScanError) in
                    let id = scanner.decode(key)
                    guard let session = try session(&scanner, model: true) else {
                        valid = false
                        return
                    }
                    sessions[id] = session
                }
            } else {
                _ = try scanner.skipValue()
            }
        }
        guard valid, let day, let mark, let unattributed else { return nil }
        var totals = TodayActivity(day: day)
        totals.sessions = sessions
        totals.unattributed = unattributed
        totals.skipped = skipped
        return (mark, totals)
    }

    private static func session(_ scanner: inout JSONScanner, model: Bool) throws(JSONScanError)
        -> TodayActivity.Session?
    {
        guard scanner.peekKind() == .array else {
            _ = try scanner.skipValue()
            return nil
        }
        scanner.offset += 1
        var name: String?
        if model {
            switch scanner.peekKind() {
            case .string: name = scanner.decode(try scanner.scanString())
            case .null: _ = try scanner.scanLiteral()
            default: return nil
            }
            guard try comma(&scanner) else { return nil }
        }
        var numbers: [Int] = []
        while numbers.count < 4 {
            guard scanner.peekKind() == .number, let value = try scanner.scanInteger(), value >= 0 else {
                return nil
            }
            numbers.append(value)
            if numbers.count < 4 { guard try comma(&scanner) else { return nil } }
        }
        guard scanner.peek() == UInt8(ascii: "]") else { return nil }
        scanner.offset += 1
        return TodayActivity.Session(
            model: name, operations: numbers[0],
            tokens: TokenCount(input: numbers[1], output: numbers[2], prompt: numbers[3]))
    }

    private static func comma(_ scanner: inout JSONScanner) throws(JSONScanError) -> Bool {
        guard scanner.peek() == UInt8(ascii: ",") else { return false }
        scanner.offset += 1
        return true
    }

    /// A cached `FileMark`, written as `[device, inode, offset, head, tail]`; nil when it is not one.
    private static func readMark(_ scanner: inout JSONScanner) throws(JSONScanError) -> FileMark? {
        let numbers = try integers(&scanner)
        guard numbers.count == 5, let device = UInt64(numbers[0]), let inode = UInt64(numbers[1]),
            let offset = Int(numbers[2]), offset >= 0, let head = UInt64(numbers[3]),
            let tail = UInt64(numbers[4])
        else { return nil }
        return FileMark(device: device, inode: inode, offset: offset, head: head, tail: tail)
    }

    /// The raw texts of an array of non-negative integers; empty when the value is anything else.
    private static func integers(_ scanner: inout JSONScanner) throws(JSONScanError) -> [Substring] {
        guard scanner.peekKind() == .array else {
            _ = try scanner.skipValue()
            return []
        }
        let start = scanner.offset
        _ = try scanner.skipValue()
        let text = String(
            decoding: UnsafeBufferPointer(rebasing: scanner.bytes[(start + 1)..<(scanner.offset - 1)]),
            as: UTF8.self)
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 &- 0x30 < 10 } }) else { return [] }
        return parts
    }

    /// Reads the cache of `directory`; nil when there is none that can be trusted.
    public static func load(directory: String) -> StatusLineCache? {
        guard
            let descriptor = try? FileDescriptor.open(
                path(in: directory), .readOnly, options: [.noFollow, .nonBlocking])
        else { return nil }
        defer { try? descriptor.close() }
        guard let status = try? descriptor.status(), status.kind == .regular,
            status.owner == CurrentProcess.userID,
            status.size <= maximumBytes
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: status.size)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                try? descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]))
            }
            guard let count, count > 0 else { return nil }
            done += count
        }
        return decode(bytes)
    }

    /// Replaces the cache of `directory` atomically (a private temporary file renamed over it);
    /// returns false, leaving no temporary file, when that is not possible (read-only directory, …).
    @discardableResult
    public func save(directory: String) -> Bool {
        let target = StatusLineCache.path(in: directory)
        let temporary = target + ".\(CurrentProcess.id).tmp"
        guard
            let descriptor = try? FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .exclusive, .noFollow], permissions: 0o600)
        else { return false }
        var failed = (try? descriptor.writeAll(encoded())) == nil
        if (try? descriptor.close()) == nil { failed = true }
        if failed || (try? FileSystem.rename(temporary, to: target)) == nil {
            try? FileSystem.remove(temporary)
            return false
        }
        return true
    }

    /// The cache file's path in `directory`.
    static func path(in directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + fileName
    }
}
