import SessionLogCore

/// Prices by model id: the built-in table, overridden or extended by the user's `pricing.json`.
public struct PriceTable: Sendable {
    /// How a model id was priced.
    public enum Match: Hashable, Sendable {
        /// The table has the model.
        case exact(ModelPrice)
        /// A Claude model the table lacks, priced as its family's newest model (named in reports).
        case estimated(ModelPrice)
        /// Not a Claude model: tokens kept, no cost (named in reports).
        case unpriced

        /// The price used, if any.
        public var price: ModelPrice? {
            switch self {
            case .exact(let price), .estimated(let price): price
            case .unpriced: nil
            }
        }
    }

    /// Prices by normalized model id (see `normalize`).
    public var models: [String: ModelPrice]

    /// Creates a table.
    public init(models: [String: ModelPrice]) { self.models = models }

    /// How `model` (as a transcript names it) is priced.
    public func match(_ model: String) -> Match {
        let id = PriceTable.normalize(model)
        if let price = models[id] { return .exact(price) }
        guard let family = PriceTable.family(of: id),
            let newest = PriceTable.newestOfFamily[family], let price = models[newest]
        else { return .unpriced }
        return .estimated(price)
    }

    /// The table with `overrides` replacing or adding models.
    public func merging(_ overrides: [String: ModelPrice]) -> PriceTable {
        var models = models
        for (id, price) in overrides { models[PriceTable.normalize(id)] = price }
        return PriceTable(models: models)
    }

    /// A model id without provider prefixes (`anthropic/`, `us.anthropic.`), Bedrock and Vertex
    /// suffixes (`-v1:0`, `@20250514`), the `[1m]` context marker, a date (`-20251101`) or
    /// `-latest`, lowercased, with dots as dashes: `claude-opus-4-5`.
    public static func normalize(_ model: String) -> String {
        var id = Substring(model.lowercased())
        if let slash = id.lastIndex(of: "/") { id = id[id.index(after: slash)...] }
        for prefix in ["us.", "eu.", "apac.", "global.", "jp.", "au."] where id.hasPrefix(prefix) {
            id = id.dropFirst(prefix.count)
        }
        if id.hasPrefix("anthropic.") { id = id.dropFirst("anthropic.".count) }
        if let at = id.firstIndex(of: "@") { id = id[..<at] }
        if let bracket = id.firstIndex(of: "[") { id = id[..<bracket] }
        if let colon = id.firstIndex(of: ":") { id = id[..<colon] }
        var parts = id.replacingDots().split(separator: "-", omittingEmptySubsequences: false).map(
            String.init)
        if let last = parts.last, last.count >= 2, last.hasPrefix("v"),
            last.dropFirst().allSatisfy(\.isNumber)
        {
            parts.removeLast()
        }
        if parts.last == "latest" { parts.removeLast() }
        if let last = parts.last, last.count == 8, last.allSatisfy(\.isNumber) { parts.removeLast() }
        return parts.joined(separator: "-")
    }

    /// The family of a normalized Claude model id (`opus`, `sonnet`, `haiku`, `fable`, `mythos`),
    /// or nil for a model that is not Claude's. The bare aliases `opus`, `sonnet`… count too.
    static func family(of id: String) -> String? {
        let words = id.split(separator: "-")
        let isClaude = words.first == "claude" || words.count == 1
        guard isClaude else { return nil }
        return words.lazy.map(String.init).first { PriceTable.newestOfFamily[$0] != nil }
    }
}

extension Substring {
    fileprivate func replacingDots() -> String { String(map { $0 == "." ? "-" : $0 }) }
}
