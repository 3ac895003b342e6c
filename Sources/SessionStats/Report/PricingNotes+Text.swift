import SessionLogCore

/// The pricing notes for people.
extension PricingNotes {
    /// One line per stand-in (`Priced as Opus 5.5: claude-opus-6`) and one naming the unpriced
    /// models, each after `indent`, in yellow; empty when every model is in the table.
    public func text(indent: String = "", style: TextStyle) -> String {
        var text = ""
        for entry in estimatedModels {
            text +=
                indent + style.yellow("Priced as \(entry.pricedAs): \(VisibleText.escape(entry.model))")
                + "\n"
        }
        let unpriced = unpricedModels
        if !unpriced.isEmpty {
            let names = unpriced.map(VisibleText.escape).joined(separator: ", ")
            text += indent + style.yellow("Unpriced (not Claude models, $0 counted): " + names) + "\n"
        }
        return text
    }
}
