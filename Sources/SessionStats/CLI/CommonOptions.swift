import SessionLogCore

/// The options several commands share: range, filters, output and sources, plus `--help` and `--version`.
///
/// A command's parser hands each option it does not know itself to `consume`, naming the groups
/// it accepts; new commands reuse the same spellings, checks and help text this way.
public struct CommonOptions: Equatable, Sendable {
    /// What the command line asks for besides the command's own work.
    public enum Request: Equatable, Sendable {
        /// Do the command's work.
        case run
        /// Print the command's help.
        case help
        /// Print the version.
        case version
    }

    /// Groups of shared options a command can accept.
    public struct Groups: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// `--range`, `--date`, `--since`, `--until`.
        public static let range = Groups(rawValue: 1)
        /// `--project`, `--session`, `--tool`, `--tag`.
        public static let filters = Groups(rawValue: 2)
        /// `--json`, `--no-color`.
        public static let output = Groups(rawValue: 4)
        /// `--dir`.
        public static let sources = Groups(rawValue: 8)
        /// Everything.
        public static let all: Groups = [.range, .filters, .output, .sources]
    }

    /// `--help` or `--version`, when given.
    public var request = Request.run
    /// The days to cover; `.today` unless given.
    public var range = DateRange.today
    /// Whether a range option was given.
    public var rangeGiven = false
    /// The first range option given (`--range`, `--date`, `--since` or `--until`), to name in a conflict.
    public var rangeOption: String?
    /// The filters.
    public var filter = EntryFilter()
    /// `--json`.
    public var json = false
    /// `--no-color`.
    public var noColor = false
    /// `--dir`, in the order given; empty means the default directory.
    public var directories: [String] = []

    /// Creates the defaults.
    public init() {}

    /// Handles `option` if it belongs to `groups` (or is `--help`/`--version`), reading its value
    /// from `cursor`; returns false when it is not a shared option, so the caller can report it.
    public mutating func consume(
        _ option: String, from cursor: inout ArgumentCursor, accepting groups: Groups
    ) throws(UsageError) -> Bool {
        switch option {
        case "--help", "-h": request = .help
        case "--version": if request == .run { request = .version }
        case "--range" where groups.contains(.range):
            let name = try cursor.value(for: option)
            guard let named = DateRange(name: name) else {
                throw .badChoice(option: option, value: name, choices: DateRange.names)
            }
            try setRange(named, by: option)
        case "--date" where groups.contains(.range):
            try setRange(.date(try cursor.date(for: option)), by: option)
        case "--since" where groups.contains(.range):
            let since = try cursor.date(for: option)
            try setSpan(since: since, until: nil, by: option)
        case "--until" where groups.contains(.range):
            let until = try cursor.date(for: option)
            try setSpan(since: nil, until: until, by: option)
        case "--project" where groups.contains(.filters):
            filter.project = try cursor.nonEmptyValue(for: option)
        case "--session" where groups.contains(.filters):
            filter.session = .prefix(try cursor.nonEmptyValue(for: option))
        case "--tool" where groups.contains(.filters): filter.tool = try cursor.nonEmptyValue(for: option)
        case "--tag" where groups.contains(.filters):
            let text = try cursor.value(for: option)
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw .badValue(option: option, value: text, expected: "key=value")
            }
            filter.tags.append(
                EntryFilter.Tag(
                    key: String(text[..<equals]), value: String(text[text.index(after: equals)...])))
        case "--json" where groups.contains(.output): json = true
        case "--no-color" where groups.contains(.output): noColor = true
        case "--dir" where groups.contains(.sources):
            directories.append(try cursor.nonEmptyValue(for: option))
        default: return false
        }
        return true
    }

    // The same option again replaces its value, so an alias (`--range week`) can be overridden;
    // `--range`, `--date` and `--since`/`--until` are different ranges, and two of them cannot both hold.
    private mutating func setRange(_ newRange: DateRange, by option: String) throws(UsageError) {
        if let earlier = rangeOption, CommonOptions.rangeKind(earlier) != CommonOptions.rangeKind(option) {
            throw .conflictingRanges(earlier, option)
        }
        rangeOption = rangeOption ?? option
        range = newRange
        rangeGiven = true
    }

    // `--since` and `--until` combine with each other.
    private mutating func setSpan(since: RelativeDate?, until: RelativeDate?, by option: String)
        throws(UsageError)
    {
        var (oldSince, oldUntil): (RelativeDate?, RelativeDate?) = (nil, nil)
        if case .span(let s, let u) = range, rangeGiven { (oldSince, oldUntil) = (s, u) }
        try setRange(.span(since: since ?? oldSince, until: until ?? oldUntil), by: option)
        // Two calendar days are checked now; a relative one only when run, against the clock's today.
        if case .span(.day(let first)?, .day(let last)?) = range, last < first {
            throw .reversedRange(since: first, until: last)
        }
    }

    private static func rangeKind(_ option: String) -> String { option == "--until" ? "--since" : option }

    /// Fails when `--since` falls after `--until` once relative days are resolved against `today`.
    public func checkRange(today: CivilDate) throws(UsageError) {
        guard case .span(let since?, let until?) = range else { return }
        let (first, last) = (since.resolve(today: today), until.resolve(today: today))
        if last < first { throw .reversedRange(since: first, until: last) }
    }

    /// The directories to read: `--dir`, else `$CLAUDE_LOG_DIR` (a leading `~/` expanded), else
    /// `$HOME/.claude/logs`, which also stands in for a relative `CLAUDE_LOG_DIR` (see `LogDirectoryPath`).
    /// The same directory named twice (also through a symlink or another spelling) is read once.
    public func logDirectories(variables: (String) -> String?) throws(UsageError) -> [String] {
        if !directories.isEmpty { return CommonOptions.distinct(directories) }
        guard let path = LogDirectoryPath.resolve(variables).path else { throw .noLogDirectory }
        return [path]
    }

    /// `paths` without those naming a directory seen earlier in the list: compared by device and
    /// inode where they exist, else by spelling, so no log is counted twice.
    public static func distinct(_ paths: [String]) -> [String] {
        var seenFiles: Set<[UInt64]> = []
        var seenPaths: Set<String> = []
        return paths.filter { path in
            if let status = try? FileSystem.status(of: path) {
                return seenFiles.insert([status.device, status.inode]).inserted
            }
            return seenPaths.insert(path).inserted
        }
    }

    /// Why `CLAUDE_LOG_DIR` is not used as given, when it is the directory read (no `--dir`).
    public func logDirectoryProblem(variables: (String) -> String?) -> String? {
        directories.isEmpty ? LogDirectoryPath.resolve(variables).problem : nil
    }

    /// The shared options of `groups`, in help order, with each section's title (`%@` stands for
    /// the default range); `--help` and `--version` always come with the output section.
    public static func specs(for groups: Groups) -> [(title: String, options: [OptionSpec])] {
        var sections: [(title: String, options: [OptionSpec])] = []
        if groups.contains(.range) {
            sections.append(
                (
                    "range (default: %@; days are local calendar days, TZ is honoured):",
                    [
                        OptionSpec(
                            "--range", value: DateRange.names.joined(separator: "|"),
                            help: "week = today and the 6 days before; month = 30 days"),
                        OptionSpec("--date", value: "DAY", help: "one day"),
                        OptionSpec("--since", value: "DAY", help: "from this day on (inclusive)"),
                        OptionSpec(
                            "--until", value: "DAY", help: "up to this day (inclusive)",
                            "DAY: today, yesterday, 7d (7 days ago), 2w (14 days ago),",
                            "YYYY-MM-DD or YYYYMMDD; give one of --range, --date, --since/--until"),
                    ]
                ))
        }
        if groups.contains(.filters) {
            sections.append(
                (
                    "filters (exact matches, compared as data):",
                    [
                        OptionSpec("--project", value: "NAME", help: "one project"),
                        OptionSpec(
                            "--session", value: "ID", help: "one session; a unique prefix of its id is enough"
                        ),
                        OptionSpec("--tool", value: "NAME", help: "one tool, e.g. Bash or Edit"),
                        OptionSpec(
                            "--tag", value: "KEY=VALUE",
                            help: "lines tagged so by CLAUDE_LOG_TAGS (repeatable)"),
                    ]
                ))
        }
        var output: [OptionSpec] = []
        if groups.contains(.output) {
            output += [
                OptionSpec("--json", help: "machine-readable output"),
                OptionSpec(
                    "--no-color", help: "no colour (also when NO_COLOR is set or stdout is not a terminal)"),
            ]
        }
        output += [
            OptionSpec("-h", "--help", help: "show this help"),
            OptionSpec("--version", help: "show the version"),
        ]
        sections.append(("output:", output))
        if groups.contains(.sources) {
            sections.append(
                (
                    "sources:",
                    [
                        OptionSpec(
                            "--dir", value: "DIR", help: "a log directory; repeat to combine several",
                            "(default: $CLAUDE_LOG_DIR, else ~/.claude/logs)")
                    ]
                ))
        }
        return sections
    }

    /// Help sections describing the shared options in `groups`, each followed by a blank line;
    /// `defaultRange` says what a command covers when no range is given.
    public static func help(for groups: Groups, defaultRange: String = "today") -> String {
        specs(for: groups).map { section in
            OptionSpec.section(section.title.replacing("%@", with: defaultRange), section.options)
        }.joined()
    }
}
