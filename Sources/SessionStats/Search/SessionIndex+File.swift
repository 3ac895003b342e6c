import SessionLogCore

/// `search-index.jsonl`: a version line, then one line per session and one per hook-log or ledger
/// file read. Opened by the safe-open rules, written whole to a temporary file (mode 0600) and renamed
/// over the old one, so a reader sees the old index or the new one and a crash leaves no half file.
extension SessionIndex {
    /// The index in `directory`; empty when there is none, it cannot be read, or it is another version
    /// (it is rebuilt then, as on the first run).
    static func load(directory: String) -> SessionIndex {
        guard let bytes = contents(of: TranscriptRoots.join(directory, fileName)) else {
            return SessionIndex()
        }
        var index = SessionIndex()
        let complete = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var start = 0
            var first = true
            while start < buffer.count {
                let end =
                    buffer.baseAddress.flatMap { FileAccess.newline(in: $0, start: start, end: buffer.count) }
                    ?? buffer.count
                defer { start = end + 1 }
                var scanner = JSONScanner(buffer, start: start, end: end)
                do throws(JSONScanError) {
                    if first {
                        guard try readVersion(&scanner) == version else { return false }
                        first = false
                    } else {
                        try index.readLine(&scanner)
                    }
                } catch {
                    return false
                }
            }
            return !first
        }
        return complete ? index : SessionIndex()
    }

    /// Writes the index into `directory`, creating it (0700) when missing.
    func save(directory: String) throws(SearchError) {
        let path = TranscriptRoots.join(directory, Self.fileName)
        let folder: FileDescriptor
        do throws(AppendError) {
            folder = try SafeFile.openDirectory(directory, create: true)
        } catch {
            throw .indexWrite(path, reason: error.message)
        }
        defer { try? folder.close() }
        let temporary = path + ".tmp-" + String(FileAccess.processID)
        do throws(RotationError) {
            try AtomicFile.replace(path, with: encoded(), temporary: temporary, directory: folder)
        } catch {
            throw .indexWrite(path, reason: error.message)
        }
    }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("version", Self.version)
        writer.endObject()
        bytes += writer.bytes + [UInt8(ascii: "\n")]
        for session in sessions.values.sorted(by: { $0.id < $1.id }) {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("session", session.id)
            writer.field("cwd", session.cwd)
            writer.field("project", session.project)
            // Milliseconds: the warm listing parses every line of the index, and numbers are the cheapest.
            writer.field("first", session.first?.milliseconds)
            writer.field("last", session.last?.milliseconds)
            writer.field("title", session.title)
            writer.field("title_kind", session.titleKind?.rawValue)
            writer.field("prompt", session.firstPrompt)
            if let transcript = session.transcript {
                writer.key("transcript")
                Self.write(transcript, to: &writer)
            }
            if !session.agents.isEmpty {
                writer.key("agents")
                writer.beginArray()
                for agent in session.agents { Self.write(agent, to: &writer) }
                writer.endArray()
            }
            writer.endObject()
            bytes += writer.bytes + [UInt8(ascii: "\n")]
        }
        for (path, mark) in logFiles.sorted(by: { $0.key < $1.key }) {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("log_file", path)
            writer.field("size", mark.size)
            writer.field("device", Int(truncatingIfNeeded: mark.device))
            writer.field("inode", Int(truncatingIfNeeded: mark.inode))
            writer.endObject()
            bytes += writer.bytes + [UInt8(ascii: "\n")]
        }
        return bytes
    }

    private static func write(_ file: IndexedFile, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("path", file.path)
        writer.field("device", Int(truncatingIfNeeded: file.device))
        writer.field("inode", Int(truncatingIfNeeded: file.inode))
        writer.field("size", file.size)
        writer.field("scanned", file.scanned)
        writer.endObject()
    }

    private static func readVersion(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int? {
        var cursor = try scanner.enterObject()
        var found: Int?
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "version") {
                found = try scanner.scanInteger()
            } else {
                try scanner.skipValue()
            }
        }
        return found
    }

    private mutating func readLine(_ scanner: inout JSONScanner) throws(JSONScanError) {
        if scanner.isAtEnd() { return }
        var session = IndexedSession(id: "")
        var logFile: String?
        var mark = LogFileMark(size: 0, device: 0, inode: 0)
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "session") {
                session.id = try Self.string(&scanner) ?? ""
            } else if scanner.matches(key, "cwd") {
                session.cwd = try Self.string(&scanner) ?? ""
            } else if scanner.matches(key, "project") {
                session.project = try Self.string(&scanner) ?? ""
            } else if scanner.matches(key, "first") {
                session.first = try Self.integer(&scanner).map(Timestamp.init(milliseconds:))
            } else if scanner.matches(key, "last") {
                session.last = try Self.integer(&scanner).map(Timestamp.init(milliseconds:))
            } else if scanner.matches(key, "title") {
                session.title = try Self.string(&scanner)
            } else if scanner.matches(key, "title_kind") {
                session.titleKind = try Self.integer(&scanner).flatMap(
                    TranscriptLine.TitleKind.init(rawValue:))
            } else if scanner.matches(key, "prompt") {
                session.firstPrompt = try Self.string(&scanner)
            } else if scanner.matches(key, "transcript") {
                session.transcript = try Self.file(&scanner)
            } else if scanner.matches(key, "agents") && scanner.peek() == UInt8(ascii: "[") {
                scanner.offset += 1
                while scanner.peek() != UInt8(ascii: "]") {
                    if scanner.peek() == UInt8(ascii: ",") { scanner.offset += 1 }
                    if let agent = try Self.file(&scanner) { session.agents.append(agent) }
                }
                scanner.offset += 1
            } else if scanner.matches(key, "log_file") {
                logFile = try Self.string(&scanner)
            } else if scanner.matches(key, "size") {
                mark.size = try Self.integer(&scanner) ?? 0
            } else if scanner.matches(key, "device") {
                mark.device = UInt64(truncatingIfNeeded: try Self.integer(&scanner) ?? 0)
            } else if scanner.matches(key, "inode") {
                mark.inode = UInt64(truncatingIfNeeded: try Self.integer(&scanner) ?? 0)
            } else {
                try scanner.skipValue()
            }
        }
        if let logFile {
            logFiles[logFile] = mark
        } else if !session.id.isEmpty {
            sessions[session.id] = session
        }
    }

    private static func file(_ scanner: inout JSONScanner) throws(JSONScanError) -> IndexedFile? {
        guard scanner.peek() == UInt8(ascii: "{") else {
            try scanner.skipValue()
            return nil
        }
        var file = IndexedFile(path: "", device: 0, inode: 0, size: 0, scanned: 0)
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "path") {
                file.path = try string(&scanner) ?? ""
            } else if scanner.matches(key, "device") {
                file.device = UInt64(truncatingIfNeeded: try integer(&scanner) ?? 0)
            } else if scanner.matches(key, "inode") {
                file.inode = UInt64(truncatingIfNeeded: try integer(&scanner) ?? 0)
            } else if scanner.matches(key, "size") {
                file.size = try integer(&scanner) ?? 0
            } else if scanner.matches(key, "scanned") {
                file.scanned = try integer(&scanner) ?? 0
            } else {
                try scanner.skipValue()
            }
        }
        return file.path.isEmpty ? nil : file
    }

    private static func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        try scanner.scanOptionalString().map { scanner.decode($0) }
    }

    private static func integer(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int? {
        if scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.scanLiteral()
            return nil
        }
        return try scanner.scanInteger()
    }

    // The whole file, opened by the safe-open rules; nil when it is missing or cannot be read.
    private static func contents(of path: String) -> [UInt8]? {
        guard let descriptor = try? SafeFile.openForReading(path) else { return nil }
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { try? descriptor.read(into: $0) }
            guard let count else { return nil }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
