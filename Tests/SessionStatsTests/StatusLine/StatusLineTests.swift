@preconcurrency import Glibc
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct StatusLineTests {
    static let input = """
        {"session_id":"cur","transcript_path":"/t.jsonl","cwd":"/home/u/app",
         "model":{"id":"claude-opus-4-5-20251101","display_name":"Opus 4.5"},
         "workspace":{"current_dir":"/home/u/app/sub","project_dir":"/home/u/app"},
         "version":"2.0.1","cost":{"total_cost_usd":0.42}}
        """

    /// Today (2026-11-22, UTC+1): the current session (started yesterday, so no SessionStart today)
    /// and another; yesterday's file is big and must not be read.
    static func directory() throws -> ScratchDirectory {
        let directory = ScratchDirectory()
        directory.write(
            RotationFixture.line(
                "2026-11-22T08:00:00.000Z", "SessionStart", "other", model: "claude-haiku-4-5")
                + RotationFixture.line(
                    "2026-11-22T08:01:00.000Z", "PostToolUse", "other", tool: "Read", input: 1_000_000)
                + RotationFixture.line("2026-11-22T09:00:00.000Z", "UserPromptSubmit", "cur", input: 40_000)
                + RotationFixture.line(
                    "2026-11-22T09:01:00.000Z", "PostToolUse", "cur", tool: "Bash", input: 60_000,
                    output: 40_000)
                + RotationFixture.line(
                    "2026-11-22T09:02:00.000Z", "PostToolUseFailure", "cur", tool: "Bash", output: 5)
                + "not json\n",
            to: "activity-2026-11-22.jsonl")
        directory.write(
            RotationFixture.line(
                "2026-11-21T20:00:00.000Z", "PostToolUse", "cur", tool: "Read", input: 7_000_000),
            to: "activity-2026-11-21.jsonl")
        return directory
    }

    static func run(_ stdin: String, arguments: [String] = [], variables: [String: String]) -> (
        ExitCode, TestContext
    ) {
        let test = TestContext(variables: variables, source: .files)
        let code = StatusLineCommand.run(arguments, context: test.context, input: { Array(stdin.utf8) })
        return (code, test)
    }

    @Test func showsTodayAndThisSession() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let (code, test) = Self.run(Self.input, variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        // Haiku: 1M in = $1.00. Opus 4.5 from stdin: 100k in = $0.50, 40,005 out = $1.0001.
        #expect(
            test.captured.standardOutput == "today 3 ops · 1.1M tok · ~$2.50 │ session 2 ops · 140k tok\n")
        #expect(test.captured.standardError == "")
    }

    @Test(arguments: [
        "", "   ", "{", "[1,2]", "null", "{\"session_id\": 5}", "\u{FF}\u{FE}garbage", "{\"model\":\"x\"}",
    ])
    func badOrEmptyStdinStillPrintsToday(stdin: String) throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let (code, test) = Self.run(stdin, variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        // Without stdin's model, the current session is priced at Sonnet's rates: $0.30 + $0.60.
        #expect(test.captured.standardOutput == "today 3 ops · 1.1M tok · ~$1.90\n")
        #expect(test.captured.standardError == "")
    }

    @Test func truncatedStdinKeepsWhatWasRead() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let (code, test) = Self.run(
            "{\"session_id\":\"cur\",\"model\":{\"id\":\"claude-opus",
            variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        #expect(test.captured.standardOutput.hasSuffix("│ session 2 ops · 140k tok\n"))
    }

    @Test func neverFailsWithoutLogs() {
        for variables in [
            ["CLAUDE_LOG_DIR": "/nonexistent"], [:], ["HOME": "/h", "CLAUDE_RATE_INPUT": "lots"],
        ] {
            let (code, test) = Self.run(Self.input, variables: variables)
            #expect(code == .success)
            #expect(test.captured.standardOutput == "today 0 ops · 0 tok · ~$0.00 │ session 0 ops · 0 tok\n")
            #expect(test.captured.standardError == "")
        }
    }

    @Test func doesNotWaitForAStdinThatNeverCloses() throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer {
            close(pipeEnds[0])
            close(pipeEnds[1])
        }
        let started = Timestamp.now()
        let bytes = StandardInput.readAll(
            from: pipeEnds[0], timeoutMilliseconds: StatusLineCommand.stdinTimeoutMilliseconds
        ).bytes
        let waited = Timestamp.now().milliseconds - started.milliseconds
        #expect(bytes.isEmpty)
        #expect(waited < 2000)
    }

    @Test func rejectsUnknownOptions() {
        let (code, test) = Self.run("", arguments: ["--bogus"], variables: [:])
        #expect(code == .usage)
        #expect(test.captured.standardOutput == "")
    }

    @Test func parsesTheStatusLineJSON() {
        let input = StatusLineInput.parse(Array(Self.input.utf8))
        #expect(
            input
                == StatusLineInput(
                    sessionID: "cur", modelID: "claude-opus-4-5-20251101", modelName: "Opus 4.5",
                    currentDirectory: "/home/u/app/sub"))
        #expect(StatusLineInput.parse(Array("{\"cwd\":\"/x\"}".utf8)).currentDirectory == "/x")
    }

    @Test(arguments: [
        (0, "0"), (999, "999"), (1000, "1.0k"), (9949, "9.9k"), (9950, "10k"), (140_000, "140k"),
        (999_499, "999k"),
        (999_500, "1.0M"), (2_345_678, "2.3M"), (1_500_000_000, "1.5B"), (-5, "0"),
    ])
    func compactsNumbers(value: Int, text: String) {
        #expect(CompactNumber.format(value) == text)
    }
}
