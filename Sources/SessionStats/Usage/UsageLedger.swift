import SessionLogCore

/// The usage ledger of one log directory: its `usage-YYYY-MM-DD.jsonl` files, read and appended.
public struct UsageLedger: Sendable {
    /// The log directory.
    public let directory: String

    /// Creates a handle on the ledger in `directory`.
    public init(directory: String) { self.directory = directory }

    /// The path of a file of the directory.
    public func path(_ name: String) -> String { TranscriptRoots.join(directory, name) }

    /// The dates that have a usage file, and those that have a usage rollup.
    public func dates() -> (usage: Set<CivilDate>, rollups: Set<CivilDate>) {
        var usage: Set<CivilDate> = []
        var rollups: Set<CivilDate> = []
        for entry in FileAccess.entries(of: directory) ?? [] where entry.kind == .file {
            if let date = LogFileName.date(of: entry.name, prefix: LogFileName.usageRollupPrefix) {
                rollups.insert(date)
            } else if let date = LogFileName.date(of: entry.name, prefix: LogFileName.usagePrefix) {
                usage.insert(date)
            }
        }
        return (usage, rollups)
    }

    /// Opens `usage-sync.lock` (when a sync or rotate created it) and waits for its shared lock, which
    /// keeps `rotate` from removing ledger files while a report reads them; the descriptor to close,
    /// or nil.
    public func lockShared() -> Int32? {
        guard let descriptor = FileAccess.openForReading(path(UsageSync.lockName)) else { return nil }
        do throws(Errno) {
            try FileDescriptor(rawValue: descriptor).lock(.shared)
        } catch {
            FileAccess.close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Appends whole lines to the usage file of `date`, in one write, synced to disk, with the hook's open rules:
    /// created 0600, never through a symbolic link, never into a file another user owns.
    public func append(_ lines: [UInt8], date: CivilDate) throws(LedgerError) {
        let file = path(LogFileName.usage(date))
        guard let descriptor = FileAccess.openOwned(file, append: true) else {
            throw .write(file, reason: AppendError.describe(FileAccess.lastError))
        }
        defer { FileAccess.close(descriptor) }
        if let code = lines.withUnsafeBytes({ FileAccess.writeAll(descriptor, $0) }) {
            throw .write(file, reason: AppendError.describe(code))
        }
        // On disk before the sync state that says these lines were read: a power cut then loses nothing.
        if let code = FileAccess.sync(descriptor) { throw .write(file, reason: AppendError.describe(code)) }
    }

    /// Replaces a file of the directory with `bytes`: written to a temporary file, synced, renamed over it.
    public func replace(_ name: String, with bytes: [UInt8]) throws(LedgerError) {
        let file = path(name)
        let temporary = path(".\(name).\(FileAccess.processID).tmp")
        guard let descriptor = FileAccess.openOwned(temporary, append: false) else {
            throw .write(file, reason: AppendError.describe(FileAccess.lastError))
        }
        var failure = bytes.withUnsafeBytes { FileAccess.writeAll(descriptor, $0) }
        if failure == nil { failure = FileAccess.sync(descriptor) }
        FileAccess.close(descriptor)
        if failure == nil { failure = FileAccess.rename(temporary, to: file) }
        if let failure {
            FileAccess.remove(temporary)
            throw .write(file, reason: AppendError.describe(failure))
        }
    }

    /// The whole content of a file of the directory, or nil when it does not exist or cannot be read.
    public func contents(_ name: String) -> [UInt8]? {
        UsageLedger.contents(ofFile: path(name))
    }

    /// The whole content of the file at `path`, or nil when it cannot be read.
    static func contents(ofFile path: String) -> [UInt8]? {
        guard let descriptor = FileAccess.openForReading(path) else { return nil }
        defer { FileAccess.close(descriptor) }
        var bytes: [UInt8] = []
        var capacity = max(FileAccess.status(descriptor: descriptor)?.size ?? 0, 0) + 1
        while true {
            let old = bytes.count
            bytes.reserveCapacity(old + capacity)
            var got = 0
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            got = bytes.withUnsafeMutableBufferPointer { buffer in
                FileAccess.read(descriptor, into: buffer.baseAddress! + old, count: capacity)
            }
            if got < 0 { return nil }
            bytes.removeLast(capacity - got)
            if got == 0 { return bytes }
            capacity = max(capacity, 1 << 16)
        }
    }
}

extension UsageLedger {
    /// Reads the whole file `name` of the directory into the start of `buffer`, which is reused
    /// between calls and only grows; the byte count, or nil when the file cannot be read.
    func read(_ name: String, into buffer: inout [UInt8]) -> Int? {
        guard let descriptor = FileAccess.openForReading(path(name)) else { return nil }
        defer { FileAccess.close(descriptor) }
        let size = max(FileAccess.status(descriptor: descriptor)?.size ?? 0, 0)
        var count = 0
        while true {
            // Room for the rest of the file and one byte more (end of file), or 64 KiB if it grew.
            let needed = count + max(size + 1 - count, 1 << 16)
            if buffer.count < needed {
                buffer.append(contentsOf: repeatElement(0, count: needed - buffer.count))
            }
            let got = buffer.withUnsafeMutableBufferPointer { pointer in
                FileAccess.read(descriptor, into: pointer.baseAddress! + count, count: pointer.count - count)
            }
            if got < 0 { return nil }
            if got == 0 { return count }
            count += got
        }
    }
}

/// Why the usage ledger could not be written.
public enum LedgerError: Error, Equatable, Sendable {
    /// A file of the log directory could not be written.
    case write(String, reason: String)
    /// The log directory could not be created.
    case directory(String)
    /// The lock could not be taken.
    case lock(String, reason: String)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .write(let path, let reason): "cannot write \(path): \(reason)"
        case .directory(let message): message
        case .lock(let path, let reason): "cannot lock \(path): \(reason)"
        }
    }
}
