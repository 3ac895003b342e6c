import SessionLogCore

/// A command line that cannot be run: printed as `error: …` with a pointer to `--help`, exit 64.
public enum UsageError: Error, Equatable, Sendable {
    /// An option no command knows, or one this command does not take.
    case unknownOption(String)
    /// A subcommand that does not exist.
    case unknownCommand(String)
    /// An option that needs a value was last.
    case missingValue(option: String)
    /// A value given to an option that takes none, as in `--json=yes`.
    case unexpectedValue(option: String)
    /// A positional argument the command does not take.
    case unexpectedArgument(String)
    /// A required positional argument is missing.
    case missingArgument(String)
    /// A value in none of the forms a day takes (see `RelativeDate`).
    case badDate(option: String, value: String)
    /// A date in the right form that names no day, such as 2026-02-30.
    case noSuchDay(option: String, value: String)
    /// Two range options that cannot both hold, such as `--date` with `--since`.
    case conflictingRanges(String, String)
    /// A value that is not a whole number in range.
    case badNumber(option: String, value: String)
    /// A value that is not one of the accepted words.
    case badChoice(option: String, value: String, choices: [String])
    /// Some other malformed option value.
    case badValue(option: String, value: String, expected: String)
    /// `--since` is after `--until`.
    case reversedRange(since: CivilDate, until: CivilDate)
    /// A session prefix that fits several sessions.
    case ambiguousSession(prefix: String, candidates: [String])
    /// A session id that fits no session in the logs read.
    case unknownSession(String)
    /// An environment variable with a malformed value.
    case badEnvironment(name: String, value: String, expected: String)
    /// Neither `--dir`, `CLAUDE_LOG_DIR` nor `HOME` says where the logs are.
    case noLogDirectory
    /// The user's pricing.json cannot be used; the message names the file and line.
    case badPricingFile(String)
    /// `--version` given with other arguments, which it would silently ignore.
    case versionWithArguments
    /// An option that only one of a command's actions takes, given to another.
    case onlyFor(option: String, command: String)
    /// A command line that cannot work as given, said in full.
    case unusable(String)

    /// Candidates named in an ambiguity message before the rest are only counted.
    static let shownCandidates = 10

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .unknownOption(let option): "unknown option: \(option)"
        case .unknownCommand(let name): "unknown command: \(name)"
        case .missingValue(let option): "\(option) needs a value"
        case .unexpectedValue(let option): "\(option) takes no value"
        case .unexpectedArgument(let argument): "unexpected argument: \(argument)"
        case .missingArgument(let name): "missing \(name)"
        case .badDate(let option, let value): "\(option): not a date (\(RelativeDate.forms)): \(value)"
        case .noSuchDay(let option, let value): "\(option): no such day: \(value)"
        case .conflictingRanges(let first, let second):
            "\(first) and \(second) cannot be combined: give one range"
        case .badNumber(let option, let value): "\(option): not a whole number of 0 or more: \(value)"
        case .badChoice(let option, let value, let choices):
            "\(option): expected one of \(choices.joined(separator: ", ")): \(value)"
        case .badValue(let option, let value, let expected): "\(option): expected \(expected): \(value)"
        case .reversedRange(let since, let until): "--since \(since) is after --until \(until)"
        case .ambiguousSession(let prefix, let candidates):
            "session prefix \(prefix) matches \(candidates.count) sessions: "
                + candidates.prefix(UsageError.shownCandidates).joined(separator: ", ")
                + (candidates.count > UsageError.shownCandidates ? ", …" : "")
        case .unknownSession(let id): "no session matches \(id)"
        case .badEnvironment(let name, let value, let expected): "\(name): expected \(expected): \(value)"
        case .noLogDirectory: "no log directory: set CLAUDE_LOG_DIR or HOME, or pass --dir"
        case .badPricingFile(let message): message
        case .versionWithArguments: "--version takes no other arguments"
        case .onlyFor(let option, let command): "\(option) applies only to \(command)"
        case .unusable(let message): message
        }
    }

    /// The closest of `candidates` to a mistyped command or option, for a "did you mean".
    public func suggestion(among candidates: [String]) -> String? {
        switch self {
        case .unknownCommand(let typed), .unknownOption(let typed):
            ClosestName.match(typed, among: candidates)
        case .badChoice(_, let typed, let choices): ClosestName.match(typed, among: choices)
        default: nil
        }
    }
}
