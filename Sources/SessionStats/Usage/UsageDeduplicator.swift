/// Keeps one copy of every request among the records added, by `RequestKey`'s rules.
public struct UsageDeduplicator {
    /// The kept records, in the order their request was first seen.
    public private(set) var records: [UsageRecord] = []
    /// Copies dropped (or replaced by a better copy).
    public private(set) var duplicates = 0
    private var index: [String: Int] = [:]

    /// Creates an empty set.
    public init() {}

    /// Adds a copy of a request, keeping whichever copy the rules prefer.
    public mutating func add(_ record: UsageRecord) {
        let key = RequestKey.of(record)
        if let position = index[key] {
            duplicates += 1
            if RequestKey.prefers(record, over: records[position]) {
                var kept = record
                kept.merge(records[position])
                records[position] = kept
            } else {
                records[position].merge(record)
            }
        } else {
            index[key] = records.count
            records.append(record)
        }
    }

    /// Empties the set, keeping the duplicate count.
    public mutating func removeAll() {
        records.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
    }
}
