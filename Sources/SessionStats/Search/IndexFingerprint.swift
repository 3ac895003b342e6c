import SessionLogCore

/// A 64-bit FNV-1a hash that is the same in every run (Swift's `Hasher` is seeded per process), so
/// the session index can store it and tell on the next run whether the files it describes changed.
struct IndexFingerprint: Equatable, Sendable {
    /// The hash so far.
    private(set) var value: UInt64 = 14_695_981_039_346_656_037

    /// Creates an empty fingerprint.
    init() {}

    /// Adds the UTF-8 of `text` and a separator.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { add(byte: byte) }
        }
        add(byte: 0xFF)
    }

    /// Adds the eight bytes of `number`.
    mutating func add(_ number: UInt64) {
        var rest = number
        for _ in 0..<8 {
            add(byte: UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    /// Adds `number`.
    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    @inline(__always)
    private mutating func add(byte: UInt8) { value = (value ^ UInt64(byte)) &* 1_099_511_628_211 }

    /// The transcript files of `listing`, in any order: path, device, inode and size of each.
    static func of(_ listing: TranscriptFinder.Listing) -> UInt64 {
        // A sum of per-file hashes does not depend on the order the folders were walked in.
        var sum = UInt64(listing.files.count)
        for file in listing.files {
            var print = IndexFingerprint()
            print.add(file.path)
            print.add(file.device)
            print.add(file.inode)
            print.add(file.size)
            sum = sum &+ print.value
        }
        return sum
    }

    /// The log files of `marks`, in any order.
    static func of(_ marks: [String: LogFileMark]) -> UInt64 {
        var sum = UInt64(marks.count)
        for (path, mark) in marks {
            var print = IndexFingerprint()
            print.add(path)
            print.add(mark.device)
            print.add(mark.inode)
            print.add(mark.size)
            sum = sum &+ print.value
        }
        return sum
    }

    /// Every price of `table`: a cost cached under one table is not reused under another.
    static func of(_ table: PriceTable) -> UInt64 {
        var print = IndexFingerprint()
        for (id, price) in table.models.sorted(by: { $0.key < $1.key }) {
            print.add(id)
            print.add(price.name)
            print.add(price.family)
            for entry in price.rates {
                print.add(entry.from.daysSinceEpoch)
                print.add(entry.rates)
            }
            if let long = price.longContext {
                print.add(long.threshold)
                print.add(long.rates)
            }
            print.add(price.fastMultiplier ?? -1)
        }
        return print.value
    }

    private mutating func add(_ rates: PriceRates) {
        for rate in [rates.input, rates.output, rates.cacheWrite5m, rates.cacheWrite1h, rates.cacheRead] {
            add(rate)
        }
    }
}
