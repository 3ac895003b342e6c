import Testing

@testable import SessionStats

@Suite("Did you mean")
struct ClosestNameTests {
    @Test(
        "a small typo finds the closest name",
        arguments: [
            ("sesions", "sessions"), ("reprot", "report"), ("rotat", "rotate"), ("--rnage", "--range"),
            ("--jsno", "--json"), ("--dirr", "--dir"),
        ])
    func suggests(typed: String, expected: String) {
        let names = StatsCommand.commands.map(\.name) + ClosestName.options(in: ReportCommand.help)
        #expect(ClosestName.match(typed, among: names) == expected)
    }

    @Test(
        "unrelated or short words get no suggestion", arguments: ["frobnicate", "xy", "--bogus", "zzzzzzz"])
    func noSuggestion(typed: String) {
        let names = StatsCommand.commands.map(\.name) + ClosestName.options(in: ReportCommand.help)
        #expect(ClosestName.match(typed, among: names) == nil)
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func editDistance() {
        #expect(ClosestName.editDistance("", "abc") == 3)
        #expect(ClosestName.editDistance("kitten", "sitting") == 3)
        #expect(ClosestName.editDistance("--rnage", "--range") == 2)
        #expect(ClosestName.editDistance("same", "same") == 0)
    }

    @Test("the help's options are the candidates")
    func optionsFromHelp() {
        let options = ClosestName.options(in: RotateCommand.help)
        #expect(options.contains("--keep-days"))
        #expect(options.contains("--dry-run"))
        #expect(options.contains("--dir"))
        #expect(!options.contains("--json"))
    }

    @Test("a mistyped command or option prints the suggestion on stderr, exit 64")
    func printed() {
        let command = TestContext()
        #expect(command.run(["sesions"]) == .usage)
        #expect(
            command.captured.standardError
                == "error: unknown command: sesions\ndid you mean 'sessions'?\nrun 'session-stats --help' for usage\n"
        )
        let option = TestContext()
        #expect(option.run(["report", "--rnage", "week"]) == .usage)
        #expect(
            option.captured.standardError.contains(
                "error: unknown option: --rnage\ndid you mean '--range'?\n"))
    }
}
