import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct SetupOptionsTests {
    @Test func installWithEveryOption() throws {
        let options = try SetupOptions.parse(
            [
                "install", "--settings", "/s/settings.json", "--command", "/p/bin/session-logger",
                "--statusline",
            ],
            home: "/home/u")
        #expect(
            options
                == SetupOptions(
                    action: .install, settingsPath: "/s/settings.json", loggerPath: "/p/bin/session-logger",
                    statusLine: true))
    }

    @Test func equalsFormsAndDefaults() throws {
        let options = try SetupOptions.parse(["status", "--settings=~/x.json"], home: "/home/u")
        #expect(options == SetupOptions(action: .status, settingsPath: "/home/u/x.json"))
        let defaults = try SetupOptions.parse(["uninstall"], home: "/home/u")
        #expect(defaults.settingsPath == "/home/u/.claude/settings.json")
        #expect(defaults.loggerPath == "~/.local/bin/session-logger")
        #expect(defaults.statusLine == false)
        let tilde = try SetupOptions.parse(["install", "--command=~/bin/session-logger"], home: "/h")
        #expect(tilde.loggerPath == "/h/bin/session-logger")
    }

    @Test func execFormByDefaultShellFormWithPortablePath() throws {
        let exec = try SetupOptions.parse(["install"], home: "/home/u")
        #expect(exec.form == .exec)
        #expect(exec.loggerPath == "/home/u/.local/bin/session-logger")
        let portable = try SetupOptions.parse(["install", "--portable-path"], home: "/home/u")
        #expect(portable.form == .shell)
        #expect(portable.loggerPath == "~/.local/bin/session-logger")
        let underHome = try SetupOptions.parse(
            ["install", "--portable-path", "--command", "/home/u/bin/session-logger"], home: "/home/u/")
        #expect(underHome.loggerPath == "~/bin/session-logger")
        let elsewhere = try SetupOptions.parse(
            ["install", "--portable-path", "--command", "/opt/bin/session-logger"], home: "/home/u")
        #expect(elsewhere.loggerPath == "/opt/bin/session-logger")
        #expect(
            throws: SetupError.usage(
                "HOME is not set: give --command an absolute path, or use --portable-path")
        ) {
            try SetupOptions.parse(["install", "--settings", "/s.json"], home: nil)
        }
    }

    @Test(arguments: [["--version"]])
    func version(arguments: [String]) throws {
        let options = try SetupOptions.parse(arguments, home: "/h")
        #expect(options.action == .version)
        let outcome = try SetupCommand.execute(options, now: Timestamp(milliseconds: 0))
        #expect(outcome.lines == ["session-stats " + StatsVersion.number])
        #expect(outcome.exitCode == .success)
    }

    @Test(arguments: [[], ["help"], ["--help"], ["-h"], ["install", "--help"], ["status", "-h"]])
    func help(arguments: [String]) throws {
        let expectHelp = !arguments.isEmpty
        if expectHelp {
            #expect(try SetupOptions.parse(arguments, home: "/h").action == .help)
        } else {
            #expect(throws: SetupError.usage("missing command: install, uninstall or status")) {
                try SetupOptions.parse(arguments, home: "/h")
            }
        }
    }

    @Test(arguments: [
        (["remove"], "hooks: expected one of install, uninstall, status: remove"),
        (["install", "--version"], "--version takes no other arguments"),
        (["status", "--settings", "/x", "--version"], "--version takes no other arguments"),
        (["install", "--settings"], "--settings needs a value"),
        (["install", "--settings="], "--settings: expected a value: \"\""),
        (["install", "--command"], "--command needs a value"),
        (["install", "--bogus"], "unknown option: --bogus"),
        (["install", "extra"], "unexpected argument: extra"),
        (["status", "--statusline"], "--statusline applies only to install"),
        (["uninstall", "--command", "/p/session-logger"], "--command applies only to install"),
        (["install", "--statusline=yes"], "--statusline takes no value"),
        (["status", "--portable-path"], "--portable-path applies only to install"),
        (["install", "--portable-path=1"], "--portable-path takes no value"),
        (
            ["install", "--command", "bin/session-logger"],
            "--command: expected an absolute path (or one starting with ~/): bin/session-logger"
        ),
        (
            ["install", "--command", "/p/my-logger"],
            "--command: expected the path of the session-logger binary: /p/my-logger"
        ),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect(throws: SetupError.usage(message)) { try SetupOptions.parse(arguments, home: "/h") }
    }

    @Test func needsHomeOrSettings() throws {
        #expect(throws: SetupError.usage("--settings is needed when HOME is not set")) {
            try SetupOptions.parse(["status"], home: nil)
        }
        #expect(
            try SetupOptions.parse(["status", "--settings", "/s.json"], home: nil).settingsPath == "/s.json")
    }

    @Test func usageErrorsExit64() {
        let test = TestContext()
        #expect(test.run(["hooks", "install", "--nope"]) == .usage)
        #expect(test.run(["hooks", "frobnicate"]) == .usage)
        #expect(test.run(["hooks", "statsu"]) == .usage)
        #expect(test.run(["hooks", "--version", "status"]) == .usage)
        #expect(
            test.captured.standardError
                == "error: unknown option: --nope\nrun 'session-stats hooks --help' for usage\n"
                + "error: hooks: expected one of install, uninstall, status: frobnicate\n"
                + "run 'session-stats hooks --help' for usage\n"
                + "error: hooks: expected one of install, uninstall, status: statsu\ndid you mean 'status'?\n"
                + "run 'session-stats hooks --help' for usage\n"
                + "error: --version takes no other arguments\nrun 'session-stats hooks --help' for usage\n")
        #expect(test.captured.standardOutput == "")
        #expect(SetupError.usage("x").exitCode.rawValue == 64)
        #expect(SetupError.cannotParse(path: "p", reason: "r").exitCode.rawValue == 1)
    }

    @Test func helpAndVersionGoThroughTheContext() {
        let help = TestContext()
        #expect(help.run(["hooks", "--help"]) == .success)
        #expect(help.captured.standardOutput.hasPrefix("usage: session-stats hooks install"))
        #expect(help.captured.standardOutput.contains("  --settings FILE     the settings file"))
        let version = TestContext()
        #expect(version.run(["hooks", "--version"]) == .success)
        #expect(version.captured.standardOutput == StatsVersion.line)
    }
}
