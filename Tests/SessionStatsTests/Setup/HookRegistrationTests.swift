import Testing

@testable import SessionStats

@Suite struct HookRegistrationTests {
    static let command = "/home/u/.local/bin/session-logger"

    static func parse(_ text: String) throws -> JSONDocument { try JSONDocument(parsing: text) }

    @Test func installsEveryEventOnAnEmptyDocument() throws {
        let document = try HookRegistration.install(command: Self.command, in: .object([]))
        let expected = try Self.parse(
            """
            {"hooks": {
              "PostToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "\(Self.command)", "timeout": 5}]}],
              "PostToolUseFailure": [{"matcher": "*", "hooks": [{"type": "command", "command": "\(Self.command)", "timeout": 5}]}],
              "SessionStart": [{"hooks": [{"type": "command", "command": "\(Self.command)", "timeout": 5}]}],
              "SessionEnd": [{"hooks": [{"type": "command", "command": "\(Self.command)", "timeout": 5}]}],
              "UserPromptSubmit": [{"hooks": [{"type": "command", "command": "\(Self.command)", "timeout": 5}]}]
            }}
            """)
        #expect(document == expected)
    }

    @Test func execFormEntriesHaveEmptyArgsAndArePathsTakenAsTheyAre() throws {
        let spaced = "/Users/Jane Doe/bin/session-logger"
        let document = try HookRegistration.install(command: spaced, form: .exec, in: .object([]))
        let hook = try #require(document["hooks"]?["SessionEnd"]?.elements?.first?["hooks"]?.elements?.first)
        #expect(
            hook
                == (try Self.parse(
                    #"{"type": "command", "command": "\#(spaced)", "args": [], "timeout": 5}"#)))
        // A shell would read that path as two words; exec form runs it as one path.
        let found = try HookRegistration.registrations(in: document)
        #expect(found.count == 5)
        #expect(found.allSatisfy { $0.command == spaced && $0.form == .exec })
        #expect(try HookRegistration.uninstall(from: document).document == .object([]))
        // Not ours: an exec-form entry running another program.
        let other = try Self.parse(
            #"{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "/bin/session-logger-x", "args": []}]}]}}"#
        )
        #expect(try HookRegistration.registrations(in: other).isEmpty)
    }

    @Test func keepsOtherHooksAndKeysInOrder() throws {
        let before = try Self.parse(
            """
            {
              "model": "opus",
              "hooks": {
                "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "guard.sh"}]}],
                "PostToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "fmt.sh"}]}]
              },
              "env": {"A": "1"}
            }
            """)
        let after = try HookRegistration.install(command: Self.command, in: before)
        #expect(after.members?.map(\.key) == ["model", "hooks", "env"])
        #expect(after["env"] == before["env"])
        #expect(after["hooks"]?.members?.map(\.key) == ["PreToolUse", "PostToolUse"] + Self.otherEvents)
        #expect(after["hooks"]?["PreToolUse"] == before["hooks"]?["PreToolUse"])
        let postToolUse = try #require(after["hooks"]?["PostToolUse"]?.elements)
        #expect(postToolUse.count == 2)
        #expect(postToolUse[0] == before["hooks"]?["PostToolUse"]?.elements?[0])
        #expect(postToolUse[1]["matcher"] == .string("*"))
        #expect(postToolUse[1]["hooks"] == .array([HookRegistration.entry(command: Self.command)]))
    }

    static let otherEvents = ["PostToolUseFailure", "SessionStart", "SessionEnd", "UserPromptSubmit"]

    @Test func installingTwiceEqualsInstallingOnce() throws {
        let start = try Self.parse(
            #"{"hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": "hello.sh"}]}]}, "x": 1}"#
        )
        let once = try HookRegistration.install(command: Self.command, in: start)
        let twice = try HookRegistration.install(command: Self.command, in: once)
        #expect(twice == once)
        #expect(twice.jsonBytes() == once.jsonBytes())
        let found = try HookRegistration.registrations(in: twice)
        // The existing SessionStart list keeps its place; new events follow in registration order.
        #expect(
            found.map(\.event) == [
                "SessionStart", "PostToolUse", "PostToolUseFailure", "SessionEnd", "UserPromptSubmit",
            ])
        #expect(found.allSatisfy { $0.command == Self.command })
    }

    @Test func replacesAnOldPathInPlace() throws {
        let before = try Self.parse(
            """
            {"hooks": {"PostToolUse": [
              {"matcher": "Bash", "hooks": [{"type": "command", "command": "audit.sh"}]},
              {"matcher": "*", "hooks": [
                {"type": "command", "command": "first.sh"},
                {"type": "command", "command": "/opt/old/bin/session-logger", "timeout": 30},
                {"type": "command", "command": "last.sh"}]},
              {"matcher": "Edit", "hooks": [{"type": "command", "command": "'/x y/session-logger'"}]}
            ]}}
            """)
        let after = try HookRegistration.install(command: Self.command, in: before)
        let groups = try #require(after["hooks"]?["PostToolUse"]?.elements)
        // The Edit group held only an old entry of ours, so it goes; the catch-all one is reused.
        #expect(groups.count == 2)
        #expect(groups[0] == before["hooks"]?["PostToolUse"]?.elements?[0])
        #expect(
            groups[1]["hooks"]?.elements?.map { $0["command"]?.stringValue }
                == ["first.sh", Self.command, "last.sh"])
        // The old entry's longer timeout is carried over.
        var expected = HookRegistration.entry(command: Self.command)
        expected["timeout"] = .number("30")
        #expect(groups[1]["hooks"]?.elements?[1] == expected)
    }

    static let prefixed = "CLAUDE_LOG_DIR=/srv/team/alice ~/.local/bin/session-logger"

    @Test(arguments: [
        (
            #"{"type": "command", "command": "\#(prefixed)", "timeout": 30}"#,
            ["a command prefix (CLAUDE_LOG_DIR=/srv/team/alice)"]
        ),
        (
            #"{"type": "command", "command": "/opt/session-logger", "statusMessage": "log", "x": 1}"#,
            ["extra keys (statusMessage, x)"]
        ),
        (
            #"{"type": "command", "command": "A=1 'B=2' session-logger && echo", "timeout": 5}"#,
            ["a command prefix (A=1)", "more after the program"]
        ),
        (#"{"type": "command", "command": "/opt/session-logger", "args": ["-v"]}"#, ["arguments"]),
        (#"{"type": "command", "command": "'/x y/session-logger'", "timeout": 30}"#, []),
    ])
    func namesWhatTheUserAdded(hook: String, reasons: [String]) throws {
        #expect(HookRegistration.customisations(of: try Self.parse(hook)) == reasons)
    }

    @Test func keepsACustomisedEntryAsItIsAndInstallsOnce() throws {
        let before = try Self.parse(
            """
            {"hooks": {"PostToolUse": [{"matcher": "*", "hooks": [
              {"type": "command", "command": "\(Self.prefixed)", "timeout": 30},
              {"type": "command", "command": "/opt/old/session-logger"}]}],
             "SessionEnd": [{"hooks": [{"type": "command", "command": "/opt/session-logger", "statusMessage": "bye"}]}]}}
            """)
        let once = try HookRegistration.install(command: Self.command, in: before)
        // Untouched, prefix, timeout and extra keys included, and nothing of ours added beside them.
        #expect(once["hooks"]?["PostToolUse"] == before["hooks"]?["PostToolUse"])
        #expect(once["hooks"]?["SessionEnd"] == before["hooks"]?["SessionEnd"])
        #expect(try HookRegistration.install(command: Self.command, in: once) == once)
        let kept = try HookRegistration.keptEntries(in: once)
        #expect(
            kept == [
                .init(event: "PostToolUse", reasons: ["a command prefix (CLAUDE_LOG_DIR=/srv/team/alice)"]),
                .init(event: "SessionEnd", reasons: ["extra keys (statusMessage)"]),
            ])
        // The other events are registered once each.
        let found = try HookRegistration.registrations(in: once).filter { $0.command == Self.command }
        #expect(found.map(\.event) == ["PostToolUseFailure", "SessionStart", "UserPromptSubmit"])
    }

    @Test func anEntryUnderANarrowMatcherMovesToACatchAllGroup() throws {
        let before = try Self.parse(
            """
            {"hooks": {"PostToolUse": [{"matcher": "Bash", "hooks": [
              {"type": "command", "command": "~/.local/bin/session-logger"},
              {"type": "command", "command": "audit.sh"}]}]}}
            """)
        let after = try HookRegistration.install(command: Self.command, in: before)
        let groups = try #require(after["hooks"]?["PostToolUse"]?.elements)
        #expect(groups.count == 2)
        #expect(groups[0]["hooks"]?.elements?.map { $0["command"]?.stringValue } == ["audit.sh"])
        #expect(groups[1]["matcher"] == .string("*"))
    }

    @Test func uninstallLeavesEverythingElse() throws {
        let original = try Self.parse(
            """
            {"a": 1, "hooks": {
              "PostToolUse": [{"matcher": "Edit", "hooks": [{"type": "command", "command": "fmt.sh"}]}],
              "Stop": [{"hooks": [{"type": "command", "command": "bell.sh"}]}]
            }, "z": [true]}
            """)
        let installed = try HookRegistration.install(command: Self.command, in: original)
        let (removed, events) = try HookRegistration.uninstall(from: installed)
        #expect(removed == original)
        #expect(events == HookRegistration.events.map(\.name))
    }

    @Test func uninstallDropsWhatItEmpties() throws {
        let installed = try HookRegistration.install(command: Self.command, in: Self.parse(#"{"a": 1}"#))
        let (removed, _) = try HookRegistration.uninstall(from: installed)
        #expect(removed == .object([.init("a", .number("1"))]))
        // Groups and lists that were empty before stay: only what our removal empties goes.
        let untouched = try Self.parse(#"{"hooks": {"Stop": [], "PreToolUse": [{"hooks": []}]}}"#)
        let (same, events) = try HookRegistration.uninstall(from: untouched)
        #expect(same == untouched)
        #expect(events.isEmpty)
    }

    @Test func uninstallRemovesOurEntriesUnderAnyEvent() throws {
        let before = try Self.parse(
            """
            {"hooks": {"PreToolUse": [{"hooks": [
              {"type": "command", "command": "CLAUDE_LOG_DIR=/tmp/x session-logger"},
              {"type": "command", "command": "keep.sh"}]}]}}
            """)
        let (after, events) = try HookRegistration.uninstall(from: before)
        #expect(events == ["PreToolUse"])
        #expect(
            after
                == (try Self.parse(
                    #"{"hooks": {"PreToolUse": [{"hooks": [{"type": "command", "command": "keep.sh"}]}]}}"#)))
    }

    @Test(arguments: [
        ("[]", SettingsShapeError.topLevelNotObject),
        (#"{"hooks": []}"#, .hooksNotObject),
        (#"{"hooks": "x"}"#, .hooksNotObject),
        (#"{"hooks": {"SessionEnd": {}}}"#, .eventNotArray("SessionEnd")),
    ])
    func rejectsMisshapenSettings(text: String, error: SettingsShapeError) throws {
        let document = try Self.parse(text)
        #expect(throws: error) { try HookRegistration.install(command: Self.command, in: document) }
    }

    @Test func nullHooksIsReplaced() throws {
        let after = try HookRegistration.install(
            command: Self.command, in: Self.parse(#"{"hooks": null, "b": 2}"#))
        #expect(after.members?.map(\.key) == ["hooks", "b"])
        #expect(try HookRegistration.registrations(in: after).count == 5)
    }

    @Test(arguments: [
        ("/home/u/.local/bin/session-logger", true),
        ("~/.local/bin/session-logger", true),
        ("session-logger", true),
        ("'/path with space/session-logger' --verbose", true),
        ("\"/p/session-logger\"", true),
        ("A=1 B_2='x y' /p/session-logger", true),
        ("/p/session-logger.sh", false),
        ("/p/session-logger-old", false),
        ("/session-logger/bin/other", false),
        ("echo session-logger", false),
        ("", false),
    ])
    func recognisesOurCommand(command: String, ours: Bool) {
        #expect(HookRegistration.isLoggerCommand(command) == ours)
    }

    @Test func findsTheOldBashLogger() throws {
        let document = try Self.parse(
            #"{"hooks": {"PostToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "~/.claude/hooks/session-logger.sh"}]}]}}"#
        )
        #expect(HookRegistration.legacyEvents(in: document) == ["PostToolUse"])
        #expect(try HookRegistration.registrations(in: document).isEmpty)
    }

    // MARK: Status line

    static let statusCommand = "/home/u/.local/bin/session-stats statusline"

    @Test func addsAStatusLineWhenNoneIsSet() throws {
        let (after, change) = try HookRegistration.setStatusLine(
            command: Self.statusCommand, in: Self.parse(#"{"a": 1}"#))
        #expect(change == .added)
        #expect(after["statusLine"] == HookRegistration.statusLine(command: Self.statusCommand))
        #expect(after.members?.map(\.key) == ["a", "statusLine"])
    }

    @Test func neverOverwritesTheUsersStatusLine() throws {
        let before = try Self.parse(#"{"statusLine": {"type": "command", "command": "~/bin/my-line.sh"}}"#)
        let (after, change) = try HookRegistration.setStatusLine(command: Self.statusCommand, in: before)
        #expect(after == before)
        #expect(change == .keptUsers("command ~/bin/my-line.sh"))
        #expect(HookRegistration.removeStatusLine(from: before).removed == false)
    }

    @Test func updatesOurOwnStatusLineKeepingItsOtherKeys() throws {
        let before = try Self.parse(
            #"{"statusLine": {"type": "command", "command": "/old/session-stats statusline", "padding": 0}}"#)
        let (after, change) = try HookRegistration.setStatusLine(command: Self.statusCommand, in: before)
        #expect(change == .updated)
        #expect(after["statusLine"]?["command"] == .string(Self.statusCommand))
        #expect(after["statusLine"]?["padding"] == .number("0"))
        let (again, secondChange) = try HookRegistration.setStatusLine(command: Self.statusCommand, in: after)
        #expect(secondChange == .unchanged)
        #expect(again == after)
    }

    @Test func removesOnlyOurStatusLine() throws {
        let ours = try Self.parse(
            #"{"a": 1, "statusLine": {"type": "command", "command": "session-stats statusline"}}"#)
        let (after, removed) = HookRegistration.removeStatusLine(from: ours)
        #expect(removed)
        #expect(after == .object([.init("a", .number("1"))]))
    }
}
