/// One option a command takes: its spellings, the value it needs, and its help text.
///
/// A command's parser accepts only the options in its list and its help is printed from the same
/// list, so the two cannot drift (`CommandLineSpec`).
public struct OptionSpec: Equatable, Sendable {
    /// The spellings, short first: `["-n", "--limit"]`.
    public var names: [String]
    /// The value's placeholder (`N`, `DIR`), or nil for a flag.
    public var value: String?
    /// The help text, one line each.
    public var summary: [String]

    /// Creates an option; `summary` lines after the first continue its help text.
    public init(_ names: String..., value: String? = nil, help summary: String...) {
        self.names = names
        self.value = value
        self.summary = summary
    }

    /// Whether `name` is one of its spellings.
    public func matches(_ name: String) -> Bool { names.contains(name) }

    /// The column at which help texts start.
    static let textColumn = 22

    /// Its help lines: `  --top N             sessions and files …`, long spellings on their own line.
    public var helpLines: [String] {
        let syntax = "  " + names.joined(separator: ", ") + (value.map { " " + $0 } ?? "")
        let indent = String(repeating: " ", count: OptionSpec.textColumn)
        var lines: [String] = []
        var rest = summary[...]
        if syntax.count < OptionSpec.textColumn - 1, let first = rest.first {
            lines.append(syntax + String(repeating: " ", count: OptionSpec.textColumn - syntax.count) + first)
            rest = rest.dropFirst()
        } else {
            lines.append(syntax)
        }
        lines += rest.map { indent + $0 }
        return lines
    }

    /// `title` and the help lines of `options`, followed by a blank line; empty for no options.
    public static func section(_ title: String, _ options: [OptionSpec]) -> String {
        guard !options.isEmpty else { return "" }
        return ([title] + options.flatMap(\.helpLines)).joined(separator: "\n") + "\n\n"
    }
}

/// Everything a command accepts on its command line: its own options and the shared groups.
public struct CommandLineSpec: Sendable {
    /// The command's own options.
    public var own: [OptionSpec]
    /// The shared options it takes.
    public var groups: CommonOptions.Groups

    /// Creates a command line spec.
    public init(own: [OptionSpec] = [], groups: CommonOptions.Groups) {
        self.own = own
        self.groups = groups
    }

    /// Every option accepted: its own, then the shared ones of its groups, `--help` and `--version`.
    public var all: [OptionSpec] { own + CommonOptions.specs(for: groups).flatMap(\.options) }

    /// The option spelled `name`, if the command accepts it.
    public func option(named name: String) -> OptionSpec? { all.first { $0.matches(name) } }

    /// The help sections: its own options, then the shared ones; `defaultRange` as in `CommonOptions.help`.
    public func help(defaultRange: String = "today") -> String {
        OptionSpec.section("options:", own) + CommonOptions.help(for: groups, defaultRange: defaultRange)
    }
}
