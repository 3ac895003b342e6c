import SessionLogCore

/// The pricing notes for scripts.
extension JSONWriter {
    /// `"estimated_models": [{"model", "priced_as"}], "unpriced_models": [...]`, as in `report --json`'s usage.
    mutating func pricingNotes(_ notes: PricingNotes) {
        key("estimated_models")
        beginArray()
        for entry in notes.estimatedModels {
            beginObject()
            field("model", entry.model)
            field("priced_as", entry.pricedAs)
            endObject()
        }
        endArray()
        key("unpriced_models")
        beginArray()
        for model in notes.unpricedModels { string(model) }
        endArray()
    }
}
