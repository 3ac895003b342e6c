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
                        guard let header = try readHeader(&scanner) else { return false }
                        index.stamp = header.stamp
                        first = false
                    } else {
                        switch try readLine(&scanner) {
                        case .session(let session): index.sessions[session.id] = session
                        case .logFile(let path, let mark): index.logFiles[path] = mark
                        case nil: break
                        }
                    }
                } catch {
                    return false
                }
            }
            return !first
        }
        return complete ? index : SessionIndex()
    }

    /// Hands `each` the sessions of the index in `directory`, newest first, decoding each line only
    /// when it is reached, until `each` returns false; false when there is no index of this version,
    /// `accept` refuses its header, or a line cannot be read.
    static func forEachNewest(
        directory: String, accept: (Header) -> Bool, _ each: (IndexedSession) -> Bool
    ) -> Bool {
        guard let descriptor = try? SafeFile.openForReading(TranscriptRoots.join(directory, fileName)) else {
            return false
        }
        defer { try? descriptor.close() }
        // Read a chunk at a time: a listing of the newest sessions needs only the first few lines.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var start = 0
        var first = true
        var atEnd = false
        while !atEnd {
            guard let count = chunk.withUnsafeMutableBytes({ try? descriptor.read(into: $0) }) else {
                return false
            }
            if count == 0 {
                atEnd = true
            } else {
                bytes.removeSubrange(..<start)
                start = 0
                bytes += chunk[..<count]
            }
            let outcome = bytes.withUnsafeBufferPointer { buffer -> Bool? in
                guard let base = buffer.baseAddress else { return atEnd ? !first : nil }
                while start < buffer.count {
                    guard
                        let end = FileAccess.newline(in: base, start: start, end: buffer.count)
                            ?? (atEnd ? buffer.count : nil)
                    else { return nil }  // A line that goes on in the next chunk.
                    defer { start = end + 1 }
                    var scanner = JSONScanner(buffer, start: start, end: end)
                    do throws(JSONScanError) {
                        if first {
                            guard let header = try readHeader(&scanner), accept(header) else { return false }
                            first = false
                        } else {
                            switch try readLine(&scanner) {
                            case .session(let session): if !each(session) { return true }
                            case .logFile: return true  // Sessions come first: no more of them.
                            case nil: continue
                            }
                        }
                    } catch {
                        return false
                    }
                }
                return atEnd ? !first : nil
            }
            if let outcome { return outcome }
        }
        return !first
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
        writer.field("sessions", sessions.count)
        writer.field("transcripts", stamp.transcripts.map { Int(truncatingIfNeeded: $0) })
        writer.field("logs", stamp.logs.map { Int(truncatingIfNeeded: $0) })
        writer.field("synced", stamp.synced.map { Int(truncatingIfNeeded: $0) })
        if let state = stamp.syncState {
            writer.key("sync_state")
            Self.write(state, to: &writer)
        }
        writer.endObject()
        bytes += writer.bytes + [UInt8(ascii: "\n")]
        for id in newestFirst {
            guard let session = sessions[id] else { continue }
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("session", session.id)
            writer.field("cwd", session.cwd)
            writer.field("project", session.project)
            if session.folderFromRequest { writer.field("cwd_from_request", true) }
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
            if case .some(.none) = session.cost {
                writer.key("cost")
                writer.null()
            } else if case .some(.some(let cost)) = session.cost,
                let picodollars = Int(exactly: cost.priced.picodollars)
            {
                writer.key("cost")
                writer.beginObject()
                writer.field("picodollars", picodollars)
                if !cost.unpricedModels.isEmpty {
                    writer.key("unpriced")
                    writer.beginArray()
                    for model in cost.unpricedModels { writer.string(model) }
                    writer.endArray()
                }
                if !cost.estimatedModels.isEmpty {
                    writer.key("estimated")
                    writer.beginObject()
                    for (model, name) in cost.estimatedModels.sorted(by: { $0.key < $1.key }) {
                        writer.field(model, name)
                    }
                    writer.endObject()
                }
                writer.endObject()
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

    private static func write(_ mark: LogFileMark, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("size", mark.size)
        writer.field("device", Int(truncatingIfNeeded: mark.device))
        writer.field("inode", Int(truncatingIfNeeded: mark.inode))
        writer.endObject()
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

    /// What the first line of the index says.
    struct Header: Sendable {
        /// The stamp the index was saved with.
        var stamp = Stamp()
        /// How many sessions it holds.
        var sessions = 0
    }

    // The first line: nil when it is another version.
    private static func readHeader(_ scanner: inout JSONScanner) throws(JSONScanError) -> Header? {
        var cursor = try scanner.enterObject()
        var found: Int?
        var header = Header()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "version") {
                found = try scanner.scanInteger()
            } else if scanner.matches(key, "sessions") {
                header.sessions = try integer(&scanner) ?? 0
            } else if scanner.matches(key, "transcripts") {
                header.stamp.transcripts = try integer(&scanner).map { UInt64(bitPattern: Int64($0)) }
            } else if scanner.matches(key, "logs") {
                header.stamp.logs = try integer(&scanner).map { UInt64(bitPattern: Int64($0)) }
            } else if scanner.matches(key, "synced") {
                header.stamp.synced = try integer(&scanner).map { UInt64(bitPattern: Int64($0)) }
            } else if scanner.matches(key, "sync_state") {
                header.stamp.syncState = try mark(&scanner)
            } else {
                try scanner.skipValue()
            }
        }
        return found == version ? header : nil
    }

    /// One line after the header.
    enum Line {
        /// A session.
        case session(IndexedSession)
        /// A hook-log or ledger file read.
        case logFile(String, LogFileMark)
    }

    // One line after the header; nil for an empty line or one without a session id.
    private static func readLine(_ scanner: inout JSONScanner) throws(JSONScanError) -> Line? {
        if scanner.isAtEnd() { return nil }
        var session = IndexedSession(id: "")
        var logFile: String?
        var mark = LogFileMark(size: 0, device: 0, inode: 0)
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "session") {
                session.id = try string(&scanner) ?? ""
            } else if scanner.matches(key, "cwd") {
                session.cwd = try string(&scanner) ?? ""
            } else if scanner.matches(key, "project") {
                session.project = try string(&scanner) ?? ""
            } else if scanner.matches(key, "cwd_from_request") {
                session.folderFromRequest = try scanner.scanOptionalBool() ?? false
            } else if scanner.matches(key, "first") {
                session.first = try integer(&scanner).map(Timestamp.init(milliseconds:))
            } else if scanner.matches(key, "last") {
                session.last = try integer(&scanner).map(Timestamp.init(milliseconds:))
            } else if scanner.matches(key, "title") {
                session.title = try string(&scanner)
            } else if scanner.matches(key, "title_kind") {
                session.titleKind = try integer(&scanner).flatMap(TranscriptLine.TitleKind.init(rawValue:))
            } else if scanner.matches(key, "prompt") {
                session.firstPrompt = try string(&scanner)
            } else if scanner.matches(key, "transcript") {
                session.transcript = try file(&scanner)
            } else if scanner.matches(key, "agents") && scanner.peek() == UInt8(ascii: "[") {
                scanner.offset += 1
                while scanner.peek() != UInt8(ascii: "]") {
                    if scanner.peek() == UInt8(ascii: ",") { scanner.offset += 1 }
                    if let agent = try file(&scanner) { session.agents.append(agent) }
                }
                scanner.offset += 1
            } else if scanner.matches(key, "cost") {
                session.cost = try cost(&scanner)
            } else if scanner.matches(key, "log_file") {
                logFile = try string(&scanner)
            } else if scanner.matches(key, "size") {
                mark.size = try integer(&scanner) ?? 0
            } else if scanner.matches(key, "device") {
                mark.device = UInt64(truncatingIfNeeded: try integer(&scanner) ?? 0)
            } else if scanner.matches(key, "inode") {
                mark.inode = UInt64(truncatingIfNeeded: try integer(&scanner) ?? 0)
            } else {
                try scanner.skipValue()
            }
        }
        if let logFile { return .logFile(logFile, mark) }
        return session.id.isEmpty ? nil : .session(session)
    }

    private static func cost(_ scanner: inout JSONScanner) throws(JSONScanError) -> SessionCost?? {
        if scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.scanLiteral()
            return .some(nil)
        }
        guard scanner.peek() == UInt8(ascii: "{") else {
            try scanner.skipValue()
            return nil
        }
        var cost = SessionCost()
        var priced = false
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "picodollars"), let value = try integer(&scanner) {
                cost.priced = USD(picodollars: Int128(value))
                priced = true
            } else if scanner.matches(key, "unpriced") {
                cost.unpricedModels = try scanner.scanStringArray()
            } else if scanner.matches(key, "estimated"), scanner.peekKind() == .object {
                var models = try scanner.enterObject()
                while let model = try scanner.nextKey(&models) {
                    let name = scanner.decode(model)
                    if let token = try scanner.scanOptionalString() {
                        cost.estimatedModels[name] = scanner.decode(token)
                    }
                }
            } else {
                try scanner.skipValue()
            }
        }
        return priced ? .some(cost) : nil
    }

    private static func mark(_ scanner: inout JSONScanner) throws(JSONScanError) -> LogFileMark? {
        guard scanner.peek() == UInt8(ascii: "{") else {
            try scanner.skipValue()
            return nil
        }
        var mark = LogFileMark(size: 0, device: 0, inode: 0)
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextKey(&cursor) {
            if scanner.matches(key, "size") {
                mark.size = try integer(&scanner) ?? 0
            } else if scanner.matches(key, "device") {
                mark.device = UInt64(truncatingIfNeeded: try integer(&scanner) ?? 0)
            } else if scanner.matches(key, "inode") {
                mark.inode = UInt64(truncatingIfNeeded: try integer(&scanner) ?? 0)
            } else {
                try scanner.skipValue()
            }
        }
        return mark
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
