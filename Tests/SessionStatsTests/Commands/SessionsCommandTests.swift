import Testing

@testable import SessionStats

@Suite("sessions command")
struct SessionsCommandTests {
    @Test("parsing: -n, --limit and shared options")
    func parse() throws {
        #expect(try SessionsCommand.parse([]).get().limit == 20)
        #expect(try SessionsCommand.parse(["-n", "5"]).get().limit == 5)
        #expect(try SessionsCommand.parse(["--limit=7", "--range", "week"]).get().limit == 7)
        #expect(try SessionsCommand.parse(["--project", "app"]).get().common.filter.project == "app")
    }

    @Test(
        "parsing errors",
        arguments: [
            (["-n", "many"], UsageError.badNumber(option: "-n", value: "many")),
            (["-n"], .missingValue(option: "-n")),
            (["extra"], .unexpectedArgument("extra")),
            (["--top", "3"], .unknownOption("--top")),
        ])
    func parseErrors(arguments: [String], error: UsageError) {
        #expect(throws: error) { try SessionsCommand.parse(arguments).get() }
    }

    @Test("usage errors exit 64")
    func usageExit() {
        let test = TestContext()
        #expect(test.run(["sessions", "-n", "x"]) == .usage)
        #expect(test.captured.standardError.hasPrefix("error: -n: "))
        #expect(test.captured.standardError.contains("session-stats sessions --help"))
    }

    @Test("no sessions in range: a message and exit 0")
    func empty() {
        let test = TestContext()
        #expect(test.run(["sessions", "--date", "2026-01-01"]) == .success)
        #expect(test.captured.standardOutput.hasPrefix("No sessions"))
    }
}
