import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Command dispatch")
struct StatsCommandTests {
    @Test("no command runs the report, as do bare options")
    func defaultCommand() {
        let bare = TestContext()
        #expect(bare.run([]) == .success)
        #expect(bare.captured.standardOutput.hasPrefix("Claude Code activity · today"))
        let options = TestContext()
        #expect(options.run(["--range", "week"]) == .success)
        #expect(options.captured.standardOutput.hasPrefix("Claude Code activity · week"))
    }

    @Test("--version and --help on every command", arguments: ["report", "sessions", "session"])
    func helpAndVersion(command: String) {
        let version = TestContext()
        #expect(version.run([command, "--version"]) == .success)
        #expect(version.captured.standardOutput == StatsVersion.line)
        let help = TestContext()
        #expect(help.run([command, "--help"]) == .success)
        #expect(help.captured.standardOutput.hasPrefix("usage: session-stats"))
        #expect(help.captured.standardOutput.contains(command == "report" ? "[report]" : command))
    }

    @Test("top-level help lists the commands")
    func topHelp() {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let test = TestContext()
            #expect(test.run(arguments) == .success)
            for command in StatsCommand.commands {
                #expect(test.captured.standardOutput.contains("  " + command.name))
            }
            #expect(test.captured.standardOutput.contains("--range"))
        }
        let perCommand = TestContext()
        #expect(perCommand.run(["help", "sessions"]) == .success)
        #expect(perCommand.captured.standardOutput.hasPrefix("usage: session-stats sessions"))
        let version = TestContext()
        #expect(version.run(["--version"]) == .success)
        #expect(version.captured.standardOutput == StatsVersion.line)
    }

    @Test("an unknown command or flag is a usage error on stderr with a pointer to --help, exit 64")
    func usageErrors() {
        let command = TestContext()
        #expect(command.run(["frobnicate"]) == .usage)
        #expect(
            command.captured.standardError
                == "error: unknown command: frobnicate\nrun 'session-stats --help' for usage\n")
        #expect(command.captured.standardOutput == "")
        let flag = TestContext()
        #expect(flag.run(["report", "--frobnicate"]) == .usage)
        #expect(
            flag.captured.standardError
                == "error: unknown option: --frobnicate\nrun 'session-stats report --help' for usage\n")
    }
}

@Suite("--version with other arguments")
struct VersionArgumentsTests {
    @Test(
        "is a usage error, exit 64",
        arguments: [
            ["--version", "foo"], ["report", "--version", "--json"], ["rotate", "--dry-run", "--version"],
        ])
    func versionWithArguments(arguments: [String]) {
        let test = TestContext()
        #expect(test.run(arguments) == .usage)
        #expect(test.captured.standardOutput.isEmpty)
        #expect(test.captured.standardError.hasPrefix("error: --version takes no other arguments\n"))
    }

    @Test("alone it prints the version")
    func versionAlone() {
        #expect(RotateCommand.parse(["--version"]).map(\.common.request) == .success(.version))
        #expect(RotateCommand.parse(["--version", "--dir", "x"]) == .failure(.versionWithArguments))
    }
}

@Suite("Options before the command")
struct LeadingOptionsTests {
    @Test(
        "options before a command go to it, as in git",
        arguments: [
            ["--range", "week", "sessions"], ["--json", "--range=week", "sessions"],
            ["--range", "week", "--json", "sessions", "-n", "1"],
        ])
    func beforeTheCommand(arguments: [String]) {
        let before = TestContext()
        #expect(before.run(arguments) == .success)
        let name = arguments.firstIndex(of: "sessions")!
        let after = TestContext()
        #expect(after.run(["sessions"] + arguments[..<name] + arguments[(name + 1)...]) == .success)
        #expect(before.captured.standardOutput == after.captured.standardOutput)
        #expect(before.captured.standardOutput.contains("3f2a9c1e"))
    }

    @Test("an option's value that names a command is a value, not the command")
    func valueNamingACommand() {
        let test = TestContext()
        #expect(test.run(["--project", "sessions", "errors"]) == .success)
        #expect(
            test.captured.standardOutput.contains("Failed calls")
                || test.captured.standardOutput.contains("failed calls"))
    }

    @Test("options alone still run the report; a mistyped command after them gets a suggestion")
    func noCommand() {
        let report = TestContext()
        #expect(report.run(["--range", "week"]) == .success)
        #expect(report.captured.standardOutput.hasPrefix("Claude Code activity · week"))
        let typo = TestContext()
        #expect(typo.run(["--range", "week", "sesions"]) == .usage)
        #expect(
            typo.captured.standardError
                == "error: unknown command: sesions\ndid you mean 'sessions'?\nrun 'session-stats --help' for usage\n"
        )
        let refused = TestContext()
        #expect(refused.run(["--range", "week", "rotate"]) == .usage)
        #expect(refused.captured.standardError.hasPrefix("error: unknown option: --range\n"))
    }
}
