import SessionLogCore

/// How the models of some requests were priced, for the notes every report that prices them
/// prints: the Claude models the table lacks (priced as their family's newest) and the models that
/// are not Claude's (tokens kept, $0 counted). A cost is never $0 or a stand-in's in silence.
public struct PricingNotes: Sendable, Equatable {
    /// How each model was priced.
    public private(set) var matches: [String: PriceTable.Match] = [:]

    /// No models yet.
    public init() {}

    /// The notes for models priced as `matches` says.
    public init(_ matches: [String: PriceTable.Match]) { self.matches = matches }

    /// Notes that `model` was priced as `match` says.
    public mutating func note(_ model: String, _ match: PriceTable.Match) { matches[model] = match }

    /// Adds `other`'s models.
    public mutating func merge(_ other: PricingNotes) { matches.merge(other.matches) { kept, _ in kept } }

    /// Models priced as their family's newest, with the model used: `claude-opus-6` → `Opus 5.5`.
    public var estimatedModels: [(model: String, pricedAs: String)] {
        matches.compactMap { model, match in
            if case .estimated(let price) = match { return (model, price.name) }
            return nil
        }.sorted { $0.model < $1.model }
    }

    /// Models that are not Claude's: their tokens count, their cost is not known.
    public var unpricedModels: [String] {
        matches.compactMap { model, match in match == .unpriced ? model : nil }.sorted()
    }
}
