import SessionLogCore

extension PriceTable {
    /// Anthropic's list prices, as docs/pricing.md cites them (sources checked 2026-12-01).
    ///
    /// Rates are USD per million tokens in millionths of a dollar: `m(5)` is $5, `c(625)` is $6.25.
    public static let builtIn = PriceTable(models: builtInModels)

    private static func m(_ dollars: Int) -> Int { dollars * 1_000_000 }
    private static func c(_ cents: Int) -> Int { cents * 10_000 }
    private static let origin = CivilDate(year: 2024, month: 1, day: 1)

    private static func flat(_ name: String, _ family: String, _ rates: PriceRates, fast: Int? = nil)
        -> ModelPrice
    {
        ModelPrice(name: name, family: family, rates: [(origin, rates)], fastMultiplier: fast)
    }

    // Opus 4.5 to 4.8 and Opus 5: $5 / $25, writes $6.25 / $10, reads $0.50.
    private static let opus45 = PriceRates.perMillion(
        input: m(5), output: m(25), write5m: c(625), write1h: m(10), read: c(50))
    private static let opus4 = PriceRates.perMillion(
        input: m(15), output: m(75), write5m: c(1875), write1h: m(30), read: c(150))
    private static let sonnet4 = PriceRates.perMillion(
        input: m(3), output: m(15), write5m: c(375), write1h: m(6), read: c(30))
    // Sonnet 4 and 4.5 above 200k prompt tokens: input ×2, output ×1.5, cache rates with input.
    private static let sonnet4Long = PriceRates.perMillion(
        input: m(6), output: c(2250), write5m: c(750), write1h: m(12), read: c(60))
    private static let sonnet5 = PriceRates.perMillion(
        input: m(2), output: m(10), write5m: c(250), write1h: m(4), read: c(20))
    private static let haiku55 = PriceRates.perMillion(
        input: c(10), output: c(50), write5m: 125_000, write1h: c(20), read: c(1))
    private static let fable5 = PriceRates.perMillion(
        input: m(10), output: m(50), write5m: c(1250), write1h: m(20), read: m(1))

    static let builtInModels: [String: ModelPrice] = {
        var models: [String: ModelPrice] = [:]
        func add(_ ids: [String], _ price: ModelPrice) { for id in ids { models[id] = price } }
        add(
            ["claude-fable-5-1"],
            flat(
                "Fable 5.1", "fable",
                PriceRates.perMillion(
                    input: m(10), output: m(50), write5m: c(1250), write1h: m(20), read: c(25))))
        add(["claude-fable-5"], flat("Fable 5", "fable", fable5))
        add(
            ["claude-mythos-5-1"],
            flat(
                "Mythos 5.1", "fable",
                PriceRates.perMillion(
                    input: m(10), output: m(50), write5m: c(1250), write1h: m(20), read: c(25))))
        add(["claude-mythos-5"], flat("Mythos 5", "fable", fable5))
        add(
            ["claude-opus-5-5"],
            flat(
                "Opus 5.5", "opus",
                PriceRates.perMillion(
                    input: m(4), output: m(20), write5m: m(5), write1h: m(8), read: c(20)), fast: 2))
        add(["claude-opus-5"], flat("Opus 5", "opus", opus45, fast: 2))
        add(["claude-opus-4-8"], flat("Opus 4.8", "opus", opus45, fast: 2))
        add(["claude-opus-4-7"], flat("Opus 4.7", "opus", opus45, fast: 6))
        add(["claude-opus-4-6"], flat("Opus 4.6", "opus", opus45, fast: 6))
        add(["claude-opus-4-5"], flat("Opus 4.5", "opus", opus45))
        add(["claude-opus-4-1"], flat("Opus 4.1", "opus", opus4))
        add(["claude-opus-4", "claude-opus-4-0"], flat("Opus 4", "opus", opus4))
        add(["claude-3-opus"], flat("Opus 3", "opus", opus4))
        add(
            ["claude-sonnet-5-5"],
            ModelPrice(
                name: "Sonnet 5.5", family: "sonnet",
                rates: [
                    (origin, sonnet5),
                    (
                        CivilDate(year: 2026, month: 10, day: 7),
                        PriceRates.perMillion(
                            input: m(2), output: m(10), write5m: c(250), write1h: m(4), read: c(10))
                    ),
                ]))
        add(["claude-sonnet-5"], flat("Sonnet 5", "sonnet", sonnet5))
        add(["claude-sonnet-4-6"], flat("Sonnet 4.6", "sonnet", sonnet4))
        add(
            ["claude-sonnet-4-5"],
            ModelPrice(
                name: "Sonnet 4.5", family: "sonnet", rates: [(origin, sonnet4)],
                longContext: (200_000, sonnet4Long)))
        add(
            ["claude-sonnet-4", "claude-sonnet-4-0"],
            ModelPrice(
                name: "Sonnet 4", family: "sonnet", rates: [(origin, sonnet4)],
                longContext: (200_000, sonnet4Long)))
        add(["claude-3-7-sonnet"], flat("Sonnet 3.7", "sonnet", sonnet4))
        add(["claude-3-5-sonnet"], flat("Sonnet 3.5", "sonnet", sonnet4))
        add(
            ["claude-haiku-5-5"],
            ModelPrice(
                name: "Haiku 5.5", family: "haiku", rates: [(origin, haiku55)],
                longContext: (100_000, haiku55.scaled(5))))
        add(
            ["claude-haiku-4-5"],
            flat(
                "Haiku 4.5", "haiku",
                PriceRates.perMillion(
                    input: m(1), output: m(5), write5m: c(125), write1h: m(2), read: c(10))))
        add(
            ["claude-3-5-haiku"],
            flat(
                "Haiku 3.5", "haiku",
                PriceRates.perMillion(
                    input: c(80), output: m(4), write5m: m(1), write1h: c(160), read: c(8))))
        add(
            ["claude-3-haiku"],
            flat(
                "Haiku 3", "haiku",
                PriceRates.perMillion(
                    input: c(25), output: c(125), write5m: c(30), write1h: c(50), read: c(3))))
        return models
    }()

    /// The model whose rates price unknown models of a family: the family's newest.
    static let newestOfFamily: [String: String] = [
        "opus": "claude-opus-5-5", "sonnet": "claude-sonnet-5-5", "haiku": "claude-haiku-5-5",
        "fable": "claude-fable-5-1", "mythos": "claude-mythos-5-1",
    ]
}
