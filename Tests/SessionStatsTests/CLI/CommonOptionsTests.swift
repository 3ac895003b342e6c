import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Shared options")
struct CommonOptionsTests {
    static func parse(_ arguments: [String], groups: CommonOptions.Groups = .all) throws(UsageError)
        -> CommonOptions
    {
        var options = CommonOptions()
        var cursor = ArgumentCursor(arguments)
        while let argument = try cursor.next() {
            guard case .option(let name) = argument else { throw .unexpectedArgument("\(argument)") }
            guard try options.consume(name, from: &cursor, accepting: groups) else {
                throw .unknownOption(name)
            }
        }
        return options
    }

    static let jan14 = RelativeDate.day(CivilDate(year: 2026, month: 1, day: 14))
    static let jan20 = RelativeDate.day(CivilDate(year: 2026, month: 1, day: 20))

    @Test("every flag sets its option")
    func everyFlag() throws {
        let options = try Self.parse([
            "--range", "month", "--project", "app", "--session", "abc", "--tool", "Bash", "--tag",
            "team=core",
            "--tag", "env=a=b", "--json", "--no-color", "--dir", "/a", "--dir=/b",
        ])
        #expect(options.range == .month)
        #expect(options.rangeGiven)
        #expect(options.filter.project == "app")
        #expect(options.filter.session == .prefix("abc"))
        #expect(options.filter.tool == "Bash")
        #expect(options.filter.tags == [.init(key: "team", value: "core"), .init(key: "env", value: "a=b")])
        #expect(options.json)
        #expect(options.noColor)
        #expect(options.directories == ["/a", "/b"])
        #expect(options.request == .run)
        #expect(try Self.parse(["--date", "2026-01-14"]).range == .date(Self.jan14))
        #expect(try Self.parse(["--help"]).request == .help)
        #expect(try Self.parse(["-h"]).request == .help)
        #expect(try Self.parse(["--version"]).request == .version)
    }

    @Test("defaults: today, no filter, the default directory")
    func defaults() throws {
        let options = try Self.parse([])
        #expect(options.range == .today)
        #expect(!options.rangeGiven)
        #expect(options.filter.isEmpty)
        #expect(try options.logDirectories(variables: ["HOME": "/home/u"].lookup) == ["/home/u/.claude/logs"])
        #expect(
            try options.logDirectories(variables: ["HOME": "/home/u", "CLAUDE_LOG_DIR": "/logs"].lookup) == [
                "/logs"
            ])
        #expect(throws: UsageError.noLogDirectory) { try options.logDirectories(variables: [:].lookup) }
    }

    @Test("--since and --until combine; the same option again replaces its value")
    func ranges() throws {
        #expect(
            try Self.parse(["--since", "2026-01-14", "--until", "2026-01-20"]).range
                == .span(since: Self.jan14, until: Self.jan20))
        #expect(
            try Self.parse(["--until", "2026-01-20", "--since", "2026-01-14"]).range
                == .span(since: Self.jan14, until: Self.jan20))
        #expect(try Self.parse(["--range", "week", "--range", "month"]).range == .month)
        #expect(try Self.parse(["--date", "2026-01-20", "--date", "2026-01-14"]).range == .date(Self.jan14))
        #expect(
            try Self.parse(["--since", "7d", "--until", "yesterday"]).range
                == .span(since: .daysAgo(7), until: .daysAgo(1)))
    }

    @Test(
        "--range, --date and --since/--until are different ranges: two of them are a usage error",
        arguments: [
            (["--range", "week", "--date", "2026-01-14"], "--range", "--date"),
            (["--date", "2026-01-14", "--range", "week"], "--date", "--range"),
            (["--range", "week", "--since", "2026-01-14"], "--range", "--since"),
            (["--until", "today", "--range", "week"], "--until", "--range"),
            (["--date", "today", "--until", "2026-01-14"], "--date", "--until"),
            (["--since", "7d", "--date", "today"], "--since", "--date"),
        ])
    func conflictingRanges(arguments: [String], first: String, second: String) {
        #expect(throws: UsageError.conflictingRanges(first, second)) { try Self.parse(arguments) }
    }

    @Test("relative days stay relative; --since after --until is found once resolved against today")
    func relativeRange() throws {
        let options = try Self.parse(["--since", "yesterday", "--until", "3d"])
        #expect(options.range == .span(since: .daysAgo(1), until: .daysAgo(3)))
        let today = CivilDate(year: 2026, month: 3, day: 2)
        #expect(
            throws: UsageError.reversedRange(
                since: CivilDate(year: 2026, month: 3, day: 1),
                until: CivilDate(year: 2026, month: 2, day: 27))
        ) { try options.checkRange(today: today) }
        let mixed = try Self.parse(["--since", "2026-02-01", "--until", "1w"])
        try mixed.checkRange(today: today)
        #expect(throws: UsageError.self) {
            try mixed.checkRange(today: CivilDate(year: 2026, month: 2, day: 5))
        }
    }

    @Test(
        "usage errors",
        arguments: [
            (
                ["--range", "fortnight"],
                UsageError.badChoice(option: "--range", value: "fortnight", choices: DateRange.names)
            ),
            (["--range"], .missingValue(option: "--range")),
            (["--date", "2026-02-30"], .noSuchDay(option: "--date", value: "2026-02-30")),
            (["--date", "20260230"], .noSuchDay(option: "--date", value: "20260230")),
            (["--since", "7"], .badDate(option: "--since", value: "7")),
            (["--since", "soon"], .badDate(option: "--since", value: "soon")),
            (["--until", "2026/01/20"], .badDate(option: "--until", value: "2026/01/20")),
            (
                ["--since", "2026-01-20", "--until", "2026-01-14"],
                .reversedRange(
                    since: CivilDate(year: 2026, month: 1, day: 20),
                    until: CivilDate(year: 2026, month: 1, day: 14))
            ),
            (["--tag", "novalue"], .badValue(option: "--tag", value: "novalue", expected: "key=value")),
            (["--tag", "=x"], .badValue(option: "--tag", value: "=x", expected: "key=value")),
            (["--project", ""], .badValue(option: "--project", value: "\"\"", expected: "a value")),
            (["--session"], .missingValue(option: "--session")),
            (["--json=1"], .unexpectedValue(option: "--json")),
            (["--bogus"], .unknownOption("--bogus")),
        ])
    func errors(arguments: [String], error: UsageError) {
        #expect(throws: error) { try Self.parse(arguments) }
    }

    @Test("options outside the accepted groups are not consumed")
    func groups() {
        #expect(throws: UsageError.unknownOption("--project")) {
            try Self.parse(["--project", "x"], groups: [.range])
        }
        #expect(throws: UsageError.unknownOption("--range")) {
            try Self.parse(["--range", "week"], groups: [.filters])
        }
        #expect(throws: UsageError.unknownOption("--dir")) {
            try Self.parse(["--dir", "/x"], groups: [.output])
        }
        #expect(throws: UsageError.unknownOption("--json")) { try Self.parse(["--json"], groups: [.sources]) }
    }

    @Test("help describes only the accepted groups")
    func help() {
        let text = CommonOptions.help(for: [.range, .sources])
        #expect(text.contains("--since"))
        #expect(text.contains("--dir DIR"))
        #expect(!text.contains("--project"))
        #expect(text.contains("--version"))
    }
}
