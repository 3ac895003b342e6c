import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct SetupCommandTests {
    static let now = Timestamp(milliseconds: 1_795_000_000_000)
    static let logger = "/opt/tools/bin/session-logger"

    static func run(_ arguments: [String], in directory: ScratchDirectory) throws -> SetupCommand.Outcome {
        let options = try SetupOptions.parse(arguments, home: directory.path)
        return try SetupCommand.execute(options, now: now)
    }

    @Test func installsIntoAFreshHome() throws {
        let home = ScratchDirectory()
        defer { home.remove() }
        let outcome = try Self.run(["install", "--command", Self.logger], in: home)
        #expect(outcome.exitCode == .success)
        #expect(outcome.lines.count == 1)
        #expect(
            outcome.lines[0].hasPrefix(
                "registered \(Self.logger) (exec form) for PostToolUse, PostToolUseFailure"))
        #expect(outcome.lines[0].hasSuffix("created the file"))
        let text = try #require(home.read(".claude/settings.json"))
        #expect(text.hasSuffix("}\n"))
        #expect(
            text.hasPrefix(
                "{\n  \"hooks\": {\n    \"PostToolUse\": [\n      {\n        \"matcher\": \"*\",\n"))
        #expect(home.mode(".claude/settings.json") == 0o600)
        #expect(home.names(in: home.file(".claude")) == ["settings.json"])
        let status = try Self.run(["status"], in: home)
        #expect(!status.lines.contains { $0.contains("not registered") })
        // The registered binary is not there: every hook call would fail, so status says so.
        #expect(status.exitCode == .finding)
        #expect(
            status.lines.last
                == "warning: \(Self.logger) does not exist: every hook call fails; run hooks/install.sh")
    }

    @Test func keepsACustomisedRegistrationAndSaysWhy() throws {
        let home = ScratchDirectory()
        defer { home.remove() }
        let entry =
            #"{"type": "command", "command": "CLAUDE_LOG_DIR=/srv/team/alice ~/.local/bin/session-logger", "timeout": 30}"#
        home.makeDirectory(".claude")
        home.write(
            #"{"hooks": {"PostToolUse": [{"matcher": "*", "hooks": [\#(entry)]}]}}"# + "\n",
            to: ".claude/settings.json")
        let first = try Self.run(["install", "--command", Self.logger], in: home)
        #expect(first.exitCode == .success)
        #expect(
            first.lines.contains(
                "kept your registration for PostToolUse: it has a command prefix (CLAUDE_LOG_DIR=/srv/team/alice);"
                    + " edit or remove it yourself to change it"))
        #expect(!first.lines[0].contains("replacing"))
        let text = try #require(home.read(".claude/settings.json"))
        #expect(text.contains(#""command": "CLAUDE_LOG_DIR=/srv/team/alice ~/.local/bin/session-logger""#))
        #expect(text.contains(#""timeout": 30"#))
        let second = try Self.run(["install", "--command", Self.logger], in: home)
        #expect(second.lines.first?.hasSuffix("nothing changed") == true)
        #expect(second.lines.contains { $0.hasPrefix("kept your registration for PostToolUse") })
        #expect(try #require(home.read(".claude/settings.json")) == text)
        let status = try Self.run(["status"], in: home)
        #expect(status.exitCode == .finding)  // /opt/tools/bin/session-logger does not exist
        #expect(!status.lines.contains { $0.contains("duplicate") })
    }

    @Test func keepsTheFileBacksItUpAndKeepsItsMode() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let original = """
            {
                "model": "opus",
                "env": {"TOKEN": "s3cret", "π": 3.14159},
                "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "bell.sh"}]}]}
            }
            """
        directory.write(original, to: "settings.json", mode: 0o640)
        let settings = directory.file("settings.json")
        let outcome = try Self.run(
            ["install", "--settings", settings, "--command", Self.logger], in: directory)
        #expect(outcome.lines.count == 1)
        #expect(outcome.lines[0].hasSuffix("; backup: \(settings).bak"))
        #expect(directory.read("settings.json.bak") == original)
        #expect(directory.mode("settings.json") == 0o640)
        #expect(directory.mode("settings.json.bak") == 0o640)
        let written = try JSONDocument(parsing: try #require(directory.read("settings.json")))
        #expect(written.members?.map(\.key) == ["model", "env", "hooks"])
        #expect(written["env"]?["π"] == .number("3.14159"))
        #expect(written["hooks"]?.members?.first?.key == "Stop")
        #expect(directory.names() == ["settings.json", "settings.json.bak"])

        // A second run changes nothing, so it neither writes nor backs up.
        let again = try Self.run(
            ["install", "--settings", settings, "--command", Self.logger], in: directory)
        #expect(
            again.lines == [
                "session-logger is already registered in \(settings) (\(Self.logger)); nothing changed"
            ])
        #expect(directory.names() == ["settings.json", "settings.json.bak"])

        // Another prefix replaces the entry; the first backup moves up to `.bak.1`.
        let moved = try Self.run(
            ["install", "--settings", settings, "--command", "/new/session-logger"], in: directory)
        #expect(moved.lines[0].contains("(replacing 5 earlier entries)"))
        #expect(moved.lines[0].hasSuffix("; backup: \(settings).bak"))
        #expect(directory.read("settings.json.bak.1") == original)
        let found = try HookRegistration.registrations(
            in: JSONDocument(parsing: try #require(directory.read("settings.json"))))
        #expect(found.map(\.command) == Array(repeating: "/new/session-logger", count: 5))

        let removed = try Self.run(["uninstall", "--settings", settings], in: directory)
        #expect(removed.lines.count == 1)
        #expect(removed.lines[0].hasPrefix("removed session-logger from PostToolUse, PostToolUseFailure"))
        let after = try JSONDocument(parsing: try #require(directory.read("settings.json")))
        #expect(after == (try JSONDocument(parsing: original)))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "unexpected '}' at byte 8"),
        ("[1, 2]", "the top level is not an object"),
        ("{\"hooks\": [1]}", "\"hooks\" is not an object"),
        ("{\"hooks\": {\"PostToolUse\": {}}}", "\"hooks.PostToolUse\" is not an array"),
    ])
    func leavesAnUnparseableFileAlone(text: String, reason: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(text, to: "settings.json")
        let settings = directory.file("settings.json")
        for arguments in [["install", "--statusline"], ["uninstall"], ["status"]] {
            #expect(throws: SetupError.cannotParse(path: settings, reason: reason)) {
                try Self.run(arguments + ["--settings", settings], in: directory)
            }
            let test = TestContext()
            #expect(test.run(["hooks"] + arguments + ["--settings", settings]) == .finding)
            #expect(test.captured.standardError.hasPrefix("error: cannot parse \(settings): "))
        }
        #expect(
            SetupError.cannotParse(path: settings, reason: reason).message
                == "cannot parse \(settings): \(reason)")
        #expect(directory.read("settings.json") == text)
        #expect(directory.names() == ["settings.json"])
    }

    @Test func anEmptyFileReadsAsNoSettings() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("\n", to: "settings.json")
        let outcome = try Self.run(["install", "--settings", directory.file("settings.json")], in: directory)
        #expect(outcome.exitCode == .success)
        #expect(directory.read("settings.json.bak") == "\n")
        #expect(
            try HookRegistration.registrations(
                in: JSONDocument(parsing: try #require(directory.read("settings.json")))
            ).count == 5)
    }

    @Test func statusLineIsSetOnlyWhenNoneIs() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let settings = directory.file("settings.json")
        let first = try Self.run(
            ["install", "--settings", settings, "--command", Self.logger, "--statusline"], in: directory)
        #expect(first.lines.count == 2)
        #expect(first.lines[1] == "status line set to: /opt/tools/bin/session-stats statusline")
        let document = try JSONDocument(parsing: try #require(directory.read("settings.json")))
        #expect(document["statusLine"]?["command"] == .string("/opt/tools/bin/session-stats statusline"))

        directory.write(#"{"statusLine": {"type": "command", "command": "mine.sh"}}"#, to: "settings.json")
        let kept = try Self.run(["install", "--settings", settings, "--statusline"], in: directory)
        #expect(kept.lines[1] == "status line left as it is: you already have one (command mine.sh)")
        let after = try JSONDocument(parsing: try #require(directory.read("settings.json")))
        #expect(after["statusLine"]?["command"] == .string("mine.sh"))
        let removed = try Self.run(["uninstall", "--settings", settings], in: directory)
        #expect(removed.lines.count == 1)
        let final = try JSONDocument(parsing: try #require(directory.read("settings.json")))
        #expect(
            final
                == (try JSONDocument(parsing: #"{"statusLine": {"type": "command", "command": "mine.sh"}}"#)))
    }

    @Test func addingTheStatusLineLaterReportsOnlyThat() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let settings = directory.file("settings.json")
        _ = try Self.run(["install", "--settings", settings, "--command", Self.logger], in: directory)
        let later = try Self.run(
            ["install", "--settings", settings, "--command", Self.logger, "--statusline"], in: directory)
        #expect(
            later.lines == [
                "session-logger is already registered in \(settings) (\(Self.logger))",
                "status line set to: /opt/tools/bin/session-stats statusline; backup: \(settings).bak",
            ])
        let again = try Self.run(
            ["install", "--settings", settings, "--command", Self.logger, "--statusline"], in: directory)
        #expect(
            again.lines == [
                "session-logger is already registered in \(settings) (\(Self.logger)); nothing changed"
            ])
    }

    @Test func uninstallRemovesOurStatusLineToo() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let settings = directory.file("settings.json")
        directory.write(#"{"a": true}"#, to: "settings.json")
        _ = try Self.run(["install", "--settings", settings, "--statusline"], in: directory)
        let removed = try Self.run(["uninstall", "--settings", settings], in: directory)
        #expect(removed.lines.count == 2)
        #expect(removed.lines[1] == "removed the session-stats status line")
        #expect(directory.read("settings.json") == "{\n  \"a\": true\n}\n")
        let nothing = try Self.run(["uninstall", "--settings", settings], in: directory)
        #expect(nothing.lines == ["session-logger is not registered in \(settings); nothing changed"])
    }

    @Test func registersExecFormByDefaultAndShellFormWhenPortable() throws {
        let home = ScratchDirectory()
        defer { home.remove() }
        let installed = try Self.run(["install"], in: home)
        let path = home.path + "/.local/bin/session-logger"
        #expect(installed.lines[0].hasPrefix("registered \(path) (exec form) for PostToolUse"))
        var document = try JSONDocument(parsing: try #require(home.read(".claude/settings.json")))
        #expect(
            document["hooks"]?["SessionStart"]?.elements?.first?["hooks"]
                == .array([HookRegistration.entry(command: path, form: .exec)]))
        #expect(
            try Self.run(["status"], in: home).lines[1]
                == "  PostToolUse         registered: \(path) (exec form)")

        // Switching to the portable form replaces every entry; status and uninstall know both.
        let portable = try Self.run(["install", "--portable-path"], in: home)
        #expect(portable.lines[0].contains("registered ~/.local/bin/session-logger (shell form) for"))
        #expect(portable.lines[0].contains("(replacing 5 earlier entries)"))
        document = try JSONDocument(parsing: try #require(home.read(".claude/settings.json")))
        let found = try HookRegistration.registrations(in: document)
        #expect(found.map(\.form) == Array(repeating: .shell, count: 5))
        #expect(found.map(\.command) == Array(repeating: "~/.local/bin/session-logger", count: 5))
        _ = try Self.run(["install"], in: home)
        let removed = try Self.run(["uninstall"], in: home)
        #expect(removed.lines[0].hasPrefix("removed session-logger from PostToolUse, PostToolUseFailure"))
        #expect(home.read(".claude/settings.json") == "{}\n")
    }

    @Test func uninstallAndStatusOnAMissingFile() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let settings = directory.file("none/settings.json")
        let removed = try Self.run(["uninstall", "--settings", settings], in: directory)
        #expect(removed.exitCode == .success)
        #expect(removed.lines == ["\(settings) does not exist; nothing to remove"])
        let status = try Self.run(["status", "--settings", settings], in: directory)
        #expect(status.exitCode == .finding)
        #expect(directory.names().isEmpty)
    }

    @Test func statusNamesMissingEvents() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(
            """
            {"hooks": {"SessionEnd": [{"hooks": [{"type": "command", "command": "~/.local/bin/session-logger"}]}],
              "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "session-logger"}]}]}}
            """, to: "settings.json")
        let status = try Self.run(["status", "--settings", directory.file("settings.json")], in: directory)
        #expect(status.exitCode == .finding)
        #expect(
            status.lines.dropFirst() == [
                "  PostToolUse         not registered",
                "  PostToolUseFailure  not registered",
                "  SessionStart        not registered",
                "  SessionEnd          registered: ~/.local/bin/session-logger (shell form)",
                "  UserPromptSubmit    not registered",
                "  PreToolUse          registered: session-logger (shell form) (matcher Bash)",
                "  statusLine          not set",
            ])
    }

    @Test func warnsAboutTheOldBashLogger() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(
            #"{"hooks": {"PostToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "~/.claude/session-logger.sh"}]}]}}"#,
            to: "settings.json")
        let outcome = try Self.run(["install", "--settings", directory.file("settings.json")], in: directory)
        #expect(
            outcome.lines.last
                == "note: the old session-logger.sh hook is still registered for PostToolUse; remove it to avoid logging twice"
        )
    }

    @Test func followsASymbolicLink() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("{}", to: "real.json", mode: 0o600)
        try FileSystem.makeSymbolicLink(at: directory.file("settings.json"), to: directory.file("real.json"))
        _ = try Self.run(["install", "--settings", directory.file("settings.json")], in: directory)
        #expect(
            try FileSystem.status(of: directory.file("settings.json"), followingLinks: false).kind
                == .symbolicLink)
        #expect(directory.read("real.json")?.contains("session-logger") == true)
        #expect(directory.read("settings.json.bak") == "{}")
    }

    @Test func theExampleSettingsAreWhatInstallWrites() throws {
        let example = try #require(
            ScratchDirectory(existingPath: PackagePaths.root).read("settings.example.json"))
        let directory = ScratchDirectory()
        defer { directory.remove() }
        // The example shows the default, exec form, for a macOS user named "you".
        let options = try SetupOptions.parse(
            ["install", "--settings", directory.file("settings.json"), "--statusline"], home: "/Users/you")
        _ = try SetupCommand.execute(options, now: Self.now)
        #expect(directory.read("settings.json") == example)
    }

    @Test(arguments: [
        (
            "{\n\t\"model\": \"opus\",\n\t\"env\": {\n\t\t\"A\": \"1\"\n\t}\n}\n", "\n\t\"model\"",
            "\n\t\t\t{\n\t\t\t\t\"matcher\""
        ),
        ("{\r\n  \"model\": \"opus\"\r\n}\r\n", "{\r\n  \"model\"", "\r\n    \"PostToolUse\""),
        ("{\n    \"model\": \"opus\"\n}\n", "{\n    \"model\"", "\n        \"PostToolUse\""),
    ])
    func keepsTheFilesIndentAndLineEnds(original: String, kept: String, added: String) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let settings = directory.write(original, to: "settings.json")
        _ = try Self.run(["install", "--settings", settings, "--command", Self.logger], in: directory)
        let text = try #require(directory.read("settings.json"))
        #expect(text.contains(kept))
        #expect(text.contains(added))
        if original.contains("\r\n") {
            #expect(!text.replacing("\r\n", with: "").contains("\n"))
        } else {
            #expect(!text.contains("\r"))
        }
        if original.contains("\t") { #expect(!text.contains("\n ")) }
    }

    @Test func refusesANonUTF8FileAndLeavesItAlone() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let bytes: [UInt8] = Array(#"{"model": "opus", "note": ""#.utf8) + [0xE9] + Array(#""}"#.utf8)
        let settings = directory.write(bytes, to: "settings.json")
        #expect(throws: SetupError.notUTF8(path: settings, offset: 27)) {
            try Self.run(["install", "--settings", settings, "--command", Self.logger], in: directory)
        }
        #expect(directory.names() == ["settings.json"])
        #expect((try? FileSystem.status(of: settings))?.size == bytes.count)
    }

    @Test func warnsWhenItReplacesAReadOnlyFile() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let settings = directory.write("{}", to: "settings.json", mode: 0o444)
        let outcome = try Self.run(
            ["install", "--settings", settings, "--command", Self.logger], in: directory)
        #expect(
            outcome.lines.last
                == "warning: \(settings) is read-only (mode 444); it was replaced anyway and keeps that mode")
        #expect(directory.mode("settings.json") == 0o444)
    }
}
