import SessionLogCore

/// Prices requests by a table, matching each model against it once, and notes how each was priced.
struct ModelPricer {
    let table: PriceTable
    /// How each model seen so far was priced.
    private(set) var notes = PricingNotes()

    /// How `model` is priced, matched once.
    mutating func match(_ model: String) -> PriceTable.Match {
        if let known = notes.matches[model] { return known }
        let match = table.match(model)
        notes.note(model, match)
        return match
    }

    /// The exact cost of `record` (0 for a model that is not Claude's).
    mutating func cost(of record: UsageRecord) -> USD {
        match(record.model).price?.cost(of: record) ?? .zero
    }
}
