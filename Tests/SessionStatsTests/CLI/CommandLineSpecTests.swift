import SessionLogCore
import Testing

@testable import SessionStats

/// Each command's help and parser come from one option list: whatever one has, the other has.
@Suite("Help and parser agree")
struct CommandLineSpecTests {
    /// A valid value for each placeholder the option lists use.
    static let samples: [String: String] = [
        "N": "3", "DIR": "/nonexistent-sessionlog-dir", "DAY": "today", "NAME": "x", "ID": "abc",
        "KEY=VALUE": "k=v", "FILE": "/nonexistent-settings.json", "PATH": "/nonexistent/session-logger",
        "LEVEL": "high", "N|max": "max", "USD": "20", "TEMPLATE": "{model}",
        DateRange.names.joined(separator: "|"): "week",
    ]

    static let commands = StatsCommand.commands.filter { $0.commandLine != nil }

    static func arguments(_ option: OptionSpec, _ name: String) -> [String] {
        [name] + (option.value.map { [samples[$0] ?? "missing sample for \($0)"] } ?? []) + ["--help"]
    }

    @Test("every command has an option list")
    func everyCommandHasOne() {
        let without = StatsCommand.commands.filter { $0.commandLine == nil }.map(\.name)
        #expect(without == [])
    }

    @Test(
        "every option the list names is in the help and accepted by the parser",
        arguments: commands.map(\.name))
    func listedOptionsWork(command name: String) throws {
        let command = try #require(StatsCommand.commands.first { $0.name == name })
        let spec = try #require(command.commandLine)
        let help = TestContext()
        #expect(command.run(["--help"], help.context) == .success)
        for option in spec.all {
            for spelling in option.names {
                #expect(
                    help.captured.standardOutput.contains(spelling + " ")
                        || help.captured.standardOutput.contains(spelling + ",")
                        || help.captured.standardOutput.contains(spelling + "\n"),
                    "\(name): \(spelling) not in help")
                let test = TestContext()
                let code = command.run(Self.arguments(option, spelling), test.context)
                #expect(code == .success, "\(name) \(spelling): \(test.captured.standardError)")
            }
        }
    }

    @Test(
        "an option another command takes but this one does not list is refused",
        arguments: commands.map(\.name))
    func unlistedOptionsAreRefused(command name: String) throws {
        let command = try #require(StatsCommand.commands.first { $0.name == name })
        let spec = try #require(command.commandLine)
        for other in Self.commands.flatMap({ $0.commandLine!.all }) {
            for spelling in other.names where spec.option(named: spelling) == nil {
                let test = TestContext()
                #expect(command.run(Self.arguments(other, spelling), test.context) == .usage)
                #expect(test.captured.standardError.hasPrefix("error: unknown option: \(spelling)\n"))
            }
        }
    }

    @Test("help lines: short spellings first, long ones on their own line, continuation indented")
    func helpLines() {
        #expect(
            OptionSpec("-n", "--limit", value: "N", help: "how many").helpLines == [
                "  -n, --limit N       how many"
            ])
        #expect(
            OptionSpec("--token-limit", value: "N|max", help: "a", "b").helpLines == [
                "  --token-limit N|max", "                      a", "                      b",
            ])
        #expect(OptionSpec.section("options:", []) == "")
    }
}
