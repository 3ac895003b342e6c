import SessionLogCore

/// Builds billing blocks from priced requests fed in time order, one at a time: it holds only the
/// blocks, never the requests, and carries the open block across days (a block can span midnight).
public struct BillingBlockBuilder: Sendable {
    /// The blocks so far, oldest first; the last may still grow.
    public private(set) var blocks: [BillingBlock] = []

    /// Creates an empty builder.
    public init() {}

    /// Adds one request, or one usage roll-up row as a unit, no earlier than any added before.
    public mutating func add(_ record: UsageRecord, cost: USD) {
        let time = record.timestamp
        if var block = blocks.last,
            time.milliseconds - block.start.milliseconds <= BillingBlock.length,
            time.milliseconds - block.lastRequest.milliseconds <= BillingBlock.length
        {
            block.lastRequest = max(block.lastRequest, record.lastTimestamp)
            block.totals.add(record, cost: cost)
            blocks[blocks.count - 1] = block
        } else {
            let hour = time.milliseconds - ((time.milliseconds % 3_600_000) + 3_600_000) % 3_600_000
            var block = BillingBlock(
                start: Timestamp(milliseconds: hour), firstRequest: time, lastRequest: record.lastTimestamp)
            block.totals.add(record, cost: cost)
            blocks.append(block)
        }
    }

    /// Sorts one batch (a day's requests) by time and adds it.
    public mutating func add(_ batch: [(record: UsageRecord, cost: USD)]) {
        for (record, cost) in batch.sorted(by: { $0.record.timestamp < $1.record.timestamp }) {
            add(record, cost: cost)
        }
    }
}
