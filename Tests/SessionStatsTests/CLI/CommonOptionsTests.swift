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

    static let jan14 = CivilDate(year: 2026, month: 1, day: 14)
    static let jan20 = CivilDate(year: 2026, month: 1, day: 20)

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

    @Test("--since and --until combine; --range and --date replace what came before")
    func ranges() throws {
        #expect(
            try Self.parse(["--since", "2026-01-14", "--until", "2026-01-20"]).range
                == .span(since: Self.jan14, until: Self.jan20))
        #expect(
            try Self.parse(["--until", "2026-01-20", "--since", "2026-01-14"]).range
                == .span(since: Self.jan14, until: Self.jan20))
        #expect(try Self.parse(["--range", "week", "--date", "2026-01-14"]).range == .date(Self.jan14))
        #expect(try Self.parse(["--date", "2026-01-14", "--range", "week"]).range == .week)
        #expect(
            try Self.parse(["--range", "week", "--since", "2026-01-14"]).range
                == .span(since: Self.jan14, until: nil))
    }

    @Test(
        "usage errors",
        arguments: [
            (
                ["--range", "fortnight"],
                UsageError.badChoice(option: "--range", value: "fortnight", choices: DateRange.names)
            ),
            (["--range"], .missingValue(option: "--range")),
            (["--date", "2026-02-30"], .badDate(option: "--date", value: "2026-02-30")),
            (["--since", "soon"], .badDate(option: "--since", value: "soon")),
            (["--until", "2026/01/20"], .badDate(option: "--until", value: "2026/01/20")),
            (
                ["--since", "2026-01-20", "--until", "2026-01-14"],
                .reversedRange(since: CommonOptionsTests.jan20, until: CommonOptionsTests.jan14)
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
