import SessionLogCore

/// Walks a command line: options (with `--name value` or `--name=value`) and positional arguments.
public struct ArgumentCursor {
    /// One step of the walk.
    public enum Argument: Equatable, Sendable {
        /// `--name` or `-n`, without any `=value`.
        case option(String)
        /// Anything else, and everything after `--`.
        case positional(String)
    }

    private let arguments: [String]
    private var index = 0
    private var attachedValue: String?
    private var optionsEnded = false

    /// Creates a cursor over `arguments` (without the program or command name).
    public init(_ arguments: [String]) { self.arguments = arguments }

    /// The next argument, or nil at the end; fails when the previous option's `=value` went unused.
    public mutating func next() throws(UsageError) -> Argument? {
        if attachedValue != nil, index > 0 {
            throw .unexpectedValue(option: ArgumentCursor.name(of: arguments[index - 1]))
        }
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") { return .positional(argument) }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                attachedValue = String(argument[argument.index(after: equals)...])
                return .option(String(argument[..<equals]))
            }
            return .option(argument)
        }
        return nil
    }

    /// The value of `option`: its `=value`, else the next argument.
    public mutating func value(for option: String) throws(UsageError) -> String {
        if let attached = attachedValue {
            attachedValue = nil
            return attached
        }
        guard index < arguments.count else { throw .missingValue(option: option) }
        index += 1
        return arguments[index - 1]
    }

    /// The value of `option` as a whole number of 0 or more.
    public mutating func count(for option: String) throws(UsageError) -> Int {
        let text = try value(for: option)
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(text) else {
            throw .badNumber(option: option, value: text)
        }
        return number
    }

    /// The value of `option` as a day: `today`, `yesterday`, `Nd`, `Nw`, `YYYY-MM-DD` or `YYYYMMDD`.
    public mutating func date(for option: String) throws(UsageError) -> RelativeDate {
        let text = try value(for: option)
        switch RelativeDate.parse(text) {
        case .success(let date): return date
        case .failure(.noSuchDay): throw .noSuchDay(option: option, value: text)
        case .failure(.notADate): throw .badDate(option: option, value: text)
        }
    }

    /// The value of `option`, which must not be empty.
    public mutating func nonEmptyValue(for option: String) throws(UsageError) -> String {
        let text = try value(for: option)
        guard !text.isEmpty else { throw .badValue(option: option, value: "\"\"", expected: "a value") }
        return text
    }

    private static func name(of argument: String) -> String {
        argument.firstIndex(of: "=").map { String(argument[..<$0]) } ?? argument
    }
}
