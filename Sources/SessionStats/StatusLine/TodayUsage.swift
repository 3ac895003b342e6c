import SessionLogCore

/// Today's exact spend from today's usage-ledger file, as the status line needs it: one priced
/// copy of each request (the rules of `RequestKey`), and the models that could not be priced.
///
/// It is built incrementally: `StatusLineCache` keeps it with the byte offset of the ledger file
/// it covers and a fingerprint of the prices used, so each refresh decodes only appended lines.
public struct TodayUsage: Equatable, Sendable {
    /// What is kept of one request: enough to apply `RequestKey.prefers` to a later copy.
    public struct Kept: Equatable, Sendable {
        /// Its exact cost in picodollars (0 when its model is unpriced).
        public var picodollars: Int128
        /// Its total tokens.
        public var tokens: Int
        /// Whether it came from a side chain.
        public var isSidechain: Bool
        /// Its time, in milliseconds since the epoch.
        public var milliseconds: Int

        /// Creates a kept request.
        public init(picodollars: Int128, tokens: Int, isSidechain: Bool, milliseconds: Int) {
            self.picodollars = picodollars
            self.tokens = tokens
            self.isSidechain = isSidechain
            self.milliseconds = milliseconds
        }

        /// Whether `candidate` should replace this copy, as `RequestKey.prefers` decides.
        func isReplaced(by candidate: Kept) -> Bool {
            if candidate.tokens != tokens { return candidate.tokens > tokens }
            if candidate.isSidechain != isSidechain { return !candidate.isSidechain }
            return candidate.milliseconds < milliseconds
        }
    }

    /// The local day counted.
    public var day: CivilDate
    /// A hash of the pricing file the costs were worked out with (0: the built-in table).
    public var pricing: UInt64
    /// Kept requests by a 64-bit hash of their `RequestKey`.
    public var requests: [UInt64: Kept] = [:]
    /// Models seen today that could not be priced.
    public var unpricedModels: Set<String> = []
    /// Ledger lines that could not be read.
    public var skipped = 0

    /// Creates empty totals for `day`, priced with the pricing file of hash `pricing`.
    public init(day: CivilDate, pricing: UInt64) {
        self.day = day
        self.pricing = pricing
    }

    /// Today's exact spend; unpriced requests count nothing, and `unpricedModels` names them.
    public var total: USD { USD(picodollars: requests.values.reduce(0) { $0 + $1.picodollars }) }

    /// Adds one ledger record, priced with `table`, keeping the preferred copy of its request.
    public mutating func add(_ record: UsageRecord, table: PriceTable) {
        let price = table.match(record.model).price
        if price == nil { unpricedModels.insert(record.model) }
        let kept = Kept(
            picodollars: price?.cost(of: record).picodollars ?? 0, tokens: record.tokens.total,
            isSidechain: record.isSidechain, milliseconds: record.timestamp.milliseconds)
        let key = FNV1a.hash(RequestKey.of(record).utf8)
        if let old = requests[key], !old.isReplaced(by: kept) { return }
        requests[key] = kept
    }
}

extension TodayUsage {
    /// Adds another directory's requests for the same day, one copy of each.
    public mutating func merge(_ other: TodayUsage) {
        for (key, kept) in other.requests {
            if let old = requests[key], !old.isReplaced(by: kept) { continue }
            requests[key] = kept
        }
        unpricedModels.formUnion(other.unpricedModels)
        skipped += other.skipped
    }

    /// A hash of the first pricing file `PricingFile.table` would read (0 when there is none), so a
    /// cache priced with other rates is rebuilt.
    public static func pricingFingerprint(logDirectory: String, variables: (String) -> String?) -> UInt64 {
        for path in PricingFile.candidates(logDirectory: logDirectory, variables: variables) {
            guard FileAccess.status(path) != nil else { continue }
            return FNV1a.hash(UsageLedger.contents(ofFile: path) ?? []) | 1
        }
        return 0
    }

    /// Brings `cache.usage` up to date with today's ledger file in `directory`: the cached totals
    /// plus the complete lines appended since, when the cache still matches the file and the
    /// prices; else the whole file. Sets it to nil when there is no file for today (or no prices).
    /// Returns whether the cache changed.
    @discardableResult
    public static func refresh(
        directory: String, day: CivilDate, variables: (String) -> String?, cache: inout StatusLineCache
    ) -> Bool {
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + LogFileName.usage(day)
        func forget() -> Bool {
            defer { cache.usage = nil }
            return cache.usage != nil
        }
        // O_NONBLOCK: a FIFO put in the file's place must not hang the status line.
        guard let descriptor = try? FileDescriptor.open(path, .readOnly, options: .nonBlocking) else {
            return forget()
        }
        defer { try? descriptor.close() }
        guard let status = try? descriptor.status(), status.kind == .regular else { return forget() }
        let fingerprint = pricingFingerprint(logDirectory: directory, variables: variables)
        var totals = TodayUsage(day: day, pricing: fingerprint)
        var start = 0
        if let (mark, cached) = cache.usage, cached.day == day, cached.pricing == fingerprint,
            mark.matches(descriptor, status: status)
        {
            totals = cached
            start = mark.offset
        }
        let end = FileMark.lastLineEnd(descriptor, size: status.size, from: start)
        if end == start, start > 0 { return false }
        if end > start {
            // A malformed pricing file leaves the estimate, as the other reports refuse to guess.
            guard let table = try? PricingFile.table(logDirectory: directory, variables: variables) else {
                return forget()
            }
            var bytes = [UInt8](repeating: 0, count: end - start)
            var done = 0
            while done < bytes.count {
                let count = bytes.withUnsafeMutableBytes {
                    try? descriptor.read(
                        into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]), at: start + done)
                }
                // A failed read leaves the cache as it was: the next refresh tries again.
                guard let count, count > 0 else { return false }
                done += count
            }
            var decoder = UsageLineDecoder()
            bytes.withUnsafeBufferPointer { buffer in
                UsageLedgerReader.forEachLine(buffer) { lineStart, lineEnd in
                    var scanner = JSONScanner(buffer, start: lineStart, end: lineEnd)
                    if scanner.isAtEnd() { return }
                    do throws(JSONScanError) {
                        if let record = try decoder.decode(&scanner), scanner.isAtEnd() {
                            totals.add(record, table: table)
                        } else {
                            totals.skipped += 1
                        }
                    } catch {
                        totals.skipped += 1
                    }
                }
            }
        }
        guard let mark = FileMark.make(descriptor, status: status, offset: end) else { return false }
        cache.usage = (mark, totals)
        return true
    }
}
