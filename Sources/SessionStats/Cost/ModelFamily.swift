/// The model families of the built-in rate table.
public enum ModelFamily: String, CaseIterable, Hashable, Sendable {
    /// Opus 4.5 and later: $5 / $25 per million tokens.
    case opus45
    /// Opus 4 and 4.1: $15 / $75.
    case opus4
    /// Sonnet (4.x and the earlier 3.x, priced alike): $3 / $15.
    case sonnet
    /// Haiku 4.5: $1 / $5.
    case haiku45
    /// Haiku 3.5: $0.80 / $4.
    case haiku35

    /// The name reports show.
    public var label: String {
        switch self {
        case .opus45: "Opus 4.5+"
        case .opus4: "Opus 4/4.1"
        case .sonnet: "Sonnet 4.x"
        case .haiku45: "Haiku 4.5"
        case .haiku35: "Haiku 3.5"
        }
    }

    /// The family's list prices.
    public var rates: TokenRates {
        switch self {
        case .opus45: TokenRates(centsPerMillionInput: 500, output: 2500)
        case .opus4: TokenRates(centsPerMillionInput: 1500, output: 7500)
        case .sonnet: TokenRates(centsPerMillionInput: 300, output: 1500)
        case .haiku45: TokenRates(centsPerMillionInput: 100, output: 500)
        case .haiku35: TokenRates(centsPerMillionInput: 80, output: 400)
        }
    }

    /// The family of a model id such as `claude-opus-4-5-20251101`, `claude-3-5-haiku-20241022`,
    /// `us.anthropic.claude-sonnet-4-5-20250929-v1:0`, `opus` or `sonnet[1m]`; nil when it is not in the table.
    public static func of(model: String) -> ModelFamily? {
        let words = ModelFamily.words(of: model.lowercased())
        guard let index = words.firstIndex(where: { $0 == "opus" || $0 == "sonnet" || $0 == "haiku" }) else {
            return nil
        }
        // The version follows the name (claude-opus-4-1) or, in the 3.x naming, precedes it (claude-3-5-haiku).
        var version = ModelFamily.version(in: words[(index + 1)...])
        if version == nil { version = ModelFamily.version(in: words[..<index]) }
        switch words[index] {
        case "sonnet":
            return .sonnet
        case "opus":
            guard let version else { return .opus45 }
            if version >= (4, 5) { return .opus45 }
            return version.major == 4 ? .opus4 : nil
        default:
            guard let version else { return .haiku45 }
            if version >= (4, 5) { return .haiku45 }
            return version == (3, 5) ? .haiku35 : nil
        }
    }

    /// The id split at anything that is not a letter or a digit.
    private static func words(of model: String) -> [Substring] {
        model.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
    }

    /// The first run of one- or two-digit words in `words` read as major and minor version;
    /// longer numbers are dates (20251101) and end the run.
    private static func version(in words: some Collection<Substring>) -> (major: Int, minor: Int)? {
        var numbers: [Int] = []
        for word in words {
            guard word.utf8.count <= 2, let number = Int(word) else {
                if numbers.isEmpty && Int(word) == nil { continue }
                break
            }
            numbers.append(number)
            if numbers.count == 2 { break }
        }
        guard let major = numbers.first else { return nil }
        return (major, numbers.count > 1 ? numbers[1] : 0)
    }
}
