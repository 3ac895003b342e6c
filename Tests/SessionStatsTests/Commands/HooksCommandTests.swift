import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite("hooks status checks")
struct HooksCommandTests {
    static let now = Timestamp(milliseconds: 1_795_000_000_000)

    /// `hooks ARGUMENTS` in a scratch home with a project directory, as `HooksCommand.run` resolves them.
    static func run(_ arguments: [String], home: ScratchDirectory, project: String? = nil) throws
        -> SetupCommand.Outcome
    {
        var options = try HooksCommand.setupOptions(try HooksCommand.parse(arguments).get(), home: home.path)
        options.home = home.path
        options.projectDirectory = project
        return try SetupCommand.execute(options, now: now)
    }

    static func installLogger(in home: ScratchDirectory, mode: UInt32 = 0o755) -> String {
        home.makeDirectory("bin")
        return home.write("#!/bin/sh\nexit 0\n", to: "bin/session-logger", mode: .init(mode))
    }

    @Test("an executable registered binary, nothing else: exit 0 and no warning")
    func allGood() throws {
        let home = ScratchDirectory()
        let logger = Self.installLogger(in: home)
        _ = try Self.run(["install", "--command", logger], home: home)
        let status = try Self.run(["status"], home: home)
        #expect(status.exitCode == .success)
        #expect(!status.lines.contains { $0.hasPrefix("warning:") || $0.hasPrefix("note:") })
    }

    @Test("a registered binary that is not executable, or gone, is a finding")
    func binary() throws {
        let home = ScratchDirectory()
        let logger = Self.installLogger(in: home, mode: 0o644)
        _ = try Self.run(["install", "--command", logger], home: home)
        var status = try Self.run(["status"], home: home)
        #expect(status.exitCode == .finding)
        #expect(
            status.lines.last == "warning: \(logger) is not executable: every hook call fails; chmod +x it")
        try FileSystem.remove(logger)
        status = try Self.run(["status"], home: home)
        #expect(
            status.lines.last
                == "warning: \(logger) does not exist: every hook call fails; run hooks/install.sh")
    }

    @Test("a portable ~/ registration is checked under HOME")
    func portable() throws {
        let home = ScratchDirectory()
        home.makeDirectory(".local")
        home.makeDirectory(".local/bin")
        home.write("#!/bin/sh\n", to: ".local/bin/session-logger", mode: 0o755)
        _ = try Self.run(["install", "--portable-path"], home: home)
        #expect(try Self.run(["status"], home: home).exitCode == .success)
        try FileSystem.remove(home.file(".local/bin/session-logger"))
        let status = try Self.run(["status"], home: home)
        #expect(status.exitCode == .finding)
        #expect(
            status.lines.last?.hasPrefix("warning: \(home.path)/.local/bin/session-logger does not exist")
                == true)
    }

    @Test("disableAllHooks is a finding")
    func disableAllHooks() throws {
        let home = ScratchDirectory()
        let logger = Self.installLogger(in: home)
        home.makeDirectory(".claude")
        home.write(#"{"disableAllHooks": true}"#, to: ".claude/settings.json")
        _ = try Self.run(["install", "--command", logger], home: home)
        let status = try Self.run(["status"], home: home)
        #expect(status.exitCode == .finding)
        #expect(
            status.lines.last
                == "warning: \(home.path)/.claude/settings.json sets disableAllHooks: Claude Code runs no hooks at all"
        )
    }

    @Test(
        "a project's .claude/settings*.json registering it too: the same command is a note, another a warning"
    )
    func projectSettings() throws {
        let home = ScratchDirectory()
        let logger = Self.installLogger(in: home)
        _ = try Self.run(["install", "--command", logger], home: home)
        let project = ScratchDirectory()
        project.makeDirectory(".claude")
        _ = try Self.run(
            ["install", "--command", logger, "--settings", project.file(".claude/settings.json")], home: home)
        var status = try Self.run(["status"], home: home, project: project.path)
        #expect(status.exitCode == .success)
        #expect(
            status.lines.last
                == "note: \(project.path)/.claude/settings.json also registers session-logger for PostToolUse,"
                + " PostToolUseFailure, SessionEnd, SessionStart, UserPromptSubmit, with the same command;"
                + " Claude Code runs identical commands once")
        _ = try Self.run(
            ["install", "--portable-path", "--settings", project.file(".claude/settings.local.json")],
            home: home)
        status = try Self.run(["status"], home: home, project: project.path)
        #expect(status.exitCode == .finding)
        #expect(
            status.lines.last?.hasPrefix(
                "warning: \(project.path)/.claude/settings.local.json also registers session-logger for")
                == true)
        #expect(
            status.lines.last?.hasSuffix("with another command: in this project each call is logged twice")
                == true)
    }
}
