import SessionLogCore

/// What `sync` remembers between runs, in `usage-sync-state.jsonl` in the log directory: how far
/// it has read each transcript, and the project of each session it has seen.
///
/// One JSON object per line: `{"transcript": PATH, "device": N, "inode": N, "size": N, "offset": N}`
/// or `{"session": ID, "project": NAME}`. A missing or unreadable state only costs a full re-read:
/// the ledger's reader drops the copies that gives.
public struct SyncState: Equatable, Sendable {
    /// How far one transcript has been read.
    public struct Progress: Equatable, Sendable {
        /// The file's device and inode when it was read.
        public var device: UInt64
        /// See `device`.
        public var inode: UInt64
        /// Its size when it was last examined.
        public var size: Int
        /// The offset after the last line taken.
        public var offset: Int
    }

    /// The file's name in the log directory.
    public static let fileName = "usage-sync-state.jsonl"

    /// Progress per transcript path.
    public var transcripts: [String: Progress] = [:]
    /// The project of each session: the base name of the `cwd` of its first request.
    public var projects: [String: String] = [:]

    /// Creates an empty state.
    public init() {}

    /// Parses a state file's bytes; lines it cannot read are ignored (their transcripts are read again).
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            parseLine(bytes, start: start, end: end)
            start = end + 1
        }
    }

    private mutating func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        var scanner = JSONScanner(bytes, start: start, end: end)
        var path: String?
        var session: String?
        var project: String?
        var numbers: [Int] = [-1, -1, -1, -1]
        do throws(JSONScanError) {
            guard scanner.peek() == UInt8(ascii: "{") else { return }
            var cursor = try scanner.enterObject()
            while let key = try scanner.nextKey(&cursor) {
                if scanner.matches(key, "transcript") {
                    path = try scanner.scanOptionalString().map { scanner.decode($0) }
                } else if scanner.matches(key, "session") {
                    session = try scanner.scanOptionalString().map { scanner.decode($0) }
                } else if scanner.matches(key, "project") {
                    project = try scanner.scanOptionalString().map { scanner.decode($0) }
                } else if scanner.matches(key, "device") {
                    numbers[0] = try scanner.scanInteger() ?? -1
                } else if scanner.matches(key, "inode") {
                    numbers[1] = try scanner.scanInteger() ?? -1
                } else if scanner.matches(key, "size") {
                    numbers[2] = try scanner.scanInteger() ?? -1
                } else if scanner.matches(key, "offset") {
                    numbers[3] = try scanner.scanInteger() ?? -1
                } else {
                    try scanner.skipValue()
                }
            }
        } catch {
            return
        }
        if let path, numbers.allSatisfy({ $0 >= 0 }) {
            transcripts[path] = Progress(
                device: UInt64(numbers[0]), inode: UInt64(numbers[1]), size: numbers[2], offset: numbers[3])
        } else if let session, let project {
            projects[session] = project
        }
    }

    /// The state as file bytes, sorted so that an unchanged state writes identical bytes.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        for path in transcripts.keys.sorted() {
            let progress = transcripts[path]!
            var writer = JSONWriter(capacity: 160)
            writer.beginObject()
            writer.field("transcript", path)
            writer.field("device", Int(truncatingIfNeeded: progress.device))
            writer.field("inode", Int(truncatingIfNeeded: progress.inode))
            writer.field("size", progress.size)
            writer.field("offset", progress.offset)
            writer.endObject()
            output += writer.bytes
            output.append(UInt8(ascii: "\n"))
        }
        for session in projects.keys.sorted() {
            var writer = JSONWriter(capacity: 96)
            writer.beginObject()
            writer.key("session")
            writer.string(session)
            writer.key("project")
            writer.string(projects[session]!)
            writer.endObject()
            output += writer.bytes
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }
}
