import SessionLogCore

/// Streams the entries of log directories: activity files, and rollups where those were rotated away.
///
/// Reads in large chunks with memory independent of log size, decoding each record in one pass on
/// the calling thread. Entries count for the local day of their timestamp (rollup rows for the day
/// they carry), and only those on `days` are handed on. Problems are counted in `diagnostics`, never
/// thrown.
///
/// An entry near midnight may sit in the file of the day before or after its own, so for a range of
/// days the activity files dated just outside it are read too, but only in part: the end of the day
/// before's (`LogFileReader.readTail`), the start of the day after's, until `LogFileReader.headOverrun`
/// entries in a row are past the range (`LogFileReader.readHead`). Rollups of those days are read
/// whole. Lines of such files whose problems could be counted (bad, blank or `invalid` lines) almost
/// surely belong to the file's own day, so only files dated within the range count them.
public struct LogReader {
    /// The directories, read in this order.
    public let directories: [String]
    /// The days wanted, or nil for all.
    public let days: ClosedRange<CivilDate>?
    /// The optional fields decoded; the others are nil (or empty) in the entries handed on.
    public let fields: LogFields
    /// What the last `forEach` ran into.
    public private(set) var diagnostics = ReadDiagnostics()
    let localDays: LocalDayResolver
    /// The worker threads reading files when at least two are read whole; 1 reads on the calling thread.
    public var threads = LogReader.defaultThreads
    let chunkSize: Int
    let maximumRecordBytes: Int

    /// Creates a reader of the entries on `days` (nil: all) in `directories`, in local time per `TZ`,
    /// that decodes the optional `fields` (default: all).
    public init(directories: [String], days: ClosedRange<CivilDate>?, fields: LogFields = .all) {
        self.init(directories: directories, days: days, localDays: LocalDayResolver(), fields: fields)
    }

    /// Creates a reader with its day resolution and buffer sizes given, for tests.
    public init(
        directories: [String], days: ClosedRange<CivilDate>?, localDays: LocalDayResolver,
        fields: LogFields = .all, chunkSize: Int = LogFileReader.defaultChunkSize,
        maximumRecordBytes: Int = LogFileReader.defaultMaximumRecordBytes
    ) {
        self.directories = directories
        self.days = days
        self.fields = fields
        self.localDays = localDays
        self.chunkSize = chunkSize
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// The files to read, in order; missing and unreadable directories are noted in `diagnostics`.
    public func files(diagnostics: inout ReadDiagnostics) -> [LogFile] {
        var files: [LogFile] = []
        for path in directories {
            do throws(LogDirectoryError) {
                files += try LogDirectory.scan(path).files(for: days)
            } catch {
                switch error {
                case .missing: diagnostics.missingDirectories.append(path)
                case .unreadable(_, let code):
                    diagnostics.unreadable(path, "cannot read directory: \(AppendError.describe(code))")
                }
            }
        }
        return files
    }

    /// Calls `body` for every entry whose day is in `days`, in file order (directories in the order
    /// given, files by date); `invalid` hook lines are counted, not handed on. Diagnostics start afresh.
    ///
    /// When `body` throws, reading stops and the error is rethrown.
    public mutating func forEach<E: Error>(_ body: (LogEntry) throws(E) -> Void) throws(E) {
        var diagnostics = ReadDiagnostics()
        defer { self.diagnostics = diagnostics }
        let files = files(diagnostics: &diagnostics)
        var failure: E?
        var entries = 0
        var invalidLines = 0
        let days = self.days
        // Hands `entry` on; false when `body` threw.
        func deliver(_ entry: LogEntry) -> Bool {
            entries += 1
            do throws(E) {
                try body(entry)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if readsInParallel(files) {
            readInParallel(files, diagnostics: &diagnostics, invalidLines: &invalidLines, deliver)
        } else {
            var buffer = ReadBuffer(capacity: chunkSize, limit: max(maximumRecordBytes, chunkSize))
            var decoder = LogLineDecoder(localDays: localDays, fields: fields)
            for file in files {
                let keepGoing = LogReader.read(
                    file, days: days, buffer: &buffer, decoder: &decoder, diagnostics: &diagnostics,
                    invalidLines: &invalidLines, deliver)
                if !keepGoing { break }
            }
        }
        diagnostics.entries += entries
        diagnostics.invalidHookLines += invalidLines
        if let failure { throw failure }
    }

    /// Folds every entry `forEach` would hand on into one value, in file order: `add` puts an entry
    /// into a value begun with `make()`, `merge` adds a later files' value to an earlier one's.
    ///
    /// Reading on worker threads, each file is folded into its own value there and only those values
    /// are merged on the calling thread; so `merge` must give what adding the entries one after
    /// another would. On one thread every entry goes into a single value. Diagnostics start afresh.
    public mutating func reduce<Partial: Sendable>(
        _ make: @Sendable () -> Partial, add: @Sendable (inout Partial, LogEntry) -> Void,
        merge: (inout Partial, Partial) -> Void
    ) -> Partial {
        var diagnostics = ReadDiagnostics()
        defer { self.diagnostics = diagnostics }
        let files = files(diagnostics: &diagnostics)
        var invalidLines = 0
        defer { diagnostics.invalidHookLines += invalidLines }
        if readsInParallel(files) {
            return reduceInParallel(
                files, diagnostics: &diagnostics, invalidLines: &invalidLines, make: make, add: add,
                merge: merge)
        }
        var total = make()
        var entries = 0
        var buffer = ReadBuffer(capacity: chunkSize, limit: max(maximumRecordBytes, chunkSize))
        var decoder = LogLineDecoder(localDays: localDays, fields: fields)
        for file in files {
            _ = LogReader.read(
                file, days: days, buffer: &buffer, decoder: &decoder, diagnostics: &diagnostics,
                invalidLines: &invalidLines
            ) { entry in
                add(&total, entry)
                entries += 1
                return true
            }
        }
        diagnostics.entries += entries
        return total
    }

    /// Reads the files of one of the days `forEach` reads (the rollup, then the activity bytes it does
    /// not hold) and calls `deliver` with the entries it hands on, until `deliver` returns false;
    /// returns false then.
    static func read(
        _ file: LogFile, days: ClosedRange<CivilDate>?, buffer: inout ReadBuffer,
        decoder: inout LogLineDecoder,
        diagnostics: inout ReadDiagnostics, invalidLines: inout Int, _ deliver: (LogEntry) -> Bool
    ) -> Bool {
        // Reads the open file from `offset` (activity) or whole (rollup), as its date asks.
        func read(
            _ descriptor: FileDescriptor, from offset: Int, path: String, kind: LogFileReader.Kind,
            date: CivilDate
        )
            -> Bool
        {
            guard let days, !days.contains(date) else {
                return LogFileReader.read(
                    descriptor, from: offset, path: path, kind: kind, buffer: &buffer, decoder: &decoder,
                    diagnostics: &diagnostics
                ) { entry in
                    guard LogReader.wanted(entry, days: days, invalidLines: &invalidLines) else {
                        return true
                    }
                    return deliver(entry)
                }
            }
            // A file just outside the range: its problems are not the range's, nor its invalid lines.
            var outside = ReadDiagnostics()
            defer { diagnostics.mergeFiles(of: outside) }
            func wanted(_ entry: LogEntry) -> Bool {
                guard days.contains(entry.day), entry.event != .invalid else { return true }
                return deliver(entry)
            }
            switch kind {
            case .rollup:
                return LogFileReader.read(
                    descriptor, from: 0, path: path, kind: kind, buffer: &buffer, decoder: &decoder,
                    diagnostics: &outside, wanted)
            case .activity where date < days.lowerBound:
                return LogFileReader.readTail(
                    descriptor, after: offset, path: path, kind: kind, from: days.lowerBound, buffer: &buffer,
                    decoder: &decoder, diagnostics: &outside, wanted)
            case .activity:
                return LogFileReader.readHead(
                    descriptor, from: offset, path: path, kind: kind, through: days.upperBound,
                    buffer: &buffer,
                    decoder: &decoder, diagnostics: &outside, wanted)
            }
        }
        var keepGoing = true
        switch LogReader.open(file) {
        case .failed(let path, let error): diagnostics.unreadable(path, LogFileReader.reason(error))
        case .rollupOnly(let path, let descriptor):
            keepGoing = read(descriptor, from: 0, path: path, kind: .rollup, date: file.date)
            try? descriptor.close()
        case .activity(let descriptor, let rollup, let covered):
            if let rollup {
                keepGoing = read(rollup, from: 0, path: file.rollupPath ?? "", kind: .rollup, date: file.date)
                try? rollup.close()
            }
            if keepGoing {
                keepGoing = read(descriptor, from: covered, path: file.path, kind: .activity, date: file.date)
            }
            try? descriptor.close()
        case .gone: break
        }
        return keepGoing
    }

    /// What opening one day's files gave.
    enum OpenedDay {
        /// The activity file, the day's rollup if it has one, and how many bytes of the activity
        /// file that rollup already holds.
        case activity(FileDescriptor, rollup: FileDescriptor?, covered: Int)
        /// Only the rollup: none was listed, or rotate removed it between listing and opening.
        case rollupOnly(String, FileDescriptor)
        /// Nothing left to read.
        case gone
        /// A file that exists could not be opened.
        case failed(String, AppendError)
    }

    /// Opens the files of `file`'s day: the activity file first, then the rollup, so that a rotate
    /// running meanwhile is seen either before (old rollup, whole file) or after (new rollup whose
    /// markers hold the file); an activity file removed since the listing falls back to the rollup.
    static func open(_ file: LogFile) -> OpenedDay {
        func openRollup(_ path: String) -> OpenedDay {
            do throws(AppendError) {
                return .rollupOnly(path, try SafeFile.openForReading(path))
            } catch {
                if case .open(_, Errno.noSuchFile.code) = error { return .gone }
                return .failed(path, error)
            }
        }
        guard file.kind == .activity else { return openRollup(file.path) }
        let descriptor: FileDescriptor
        do throws(AppendError) {
            descriptor = try SafeFile.openForReading(file.path)
        } catch {
            guard case .open(_, Errno.noSuchFile.code) = error else { return .failed(file.path, error) }
            // Rotated between listing and opening: the rollup was renamed into place before the removal.
            let date = file.date
            let directory = String(file.path.dropLast(LogFileName.activity(date).utf8.count))
            return openRollup(file.rollupPath ?? directory + LogFileName.rollup(date))
        }
        guard let rollupPath = file.rollupPath else { return .activity(descriptor, rollup: nil, covered: 0) }
        switch openRollup(rollupPath) {
        case .rollupOnly(_, let rollup):
            let size = (try? descriptor.status())?.size ?? 0
            let covered = RollupSource.coveredPrefix(
                descriptor.rawValue, size: size, sources: RollupSource.read(rollup.rawValue))
            return .activity(descriptor, rollup: rollup, covered: covered)
        case .failed(let path, let error):
            try? descriptor.close()
            return .failed(path, error)
        default: return .activity(descriptor, rollup: nil, covered: 0)
        }
    }

    /// Whether `entry` is handed on: on a wanted day, and not an `invalid` hook line (those are counted).
    @inline(__always)
    static func wanted(_ entry: LogEntry, days: ClosedRange<CivilDate>?, invalidLines: inout Int)
        -> Bool
    {
        if let days, !days.contains(entry.day) { return false }
        if entry.event == .invalid {
            invalidLines +|= entry.events
            return false
        }
        return true
    }
}
