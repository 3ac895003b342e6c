import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The status-line fixtures: Claude Code's stdin JSON as the documentation describes it, per version.
enum StatusInputFixture {
    /// Every fixture's name.
    static let names = ["v1.0", "v2.0", "v2.1-limits", "v2.1.251-full", "no-limits-no-cost"]

    /// The bytes of the fixture `name`.
    static func bytes(_ name: String) -> [UInt8] {
        ScratchDirectory(existingPath: GoldenFile.statsDirectory + "/status-input").bytes(name + ".json")
            ?? []
    }

    /// The parsed fixture `name`.
    static func input(_ name: String) -> StatusLineInput { StatusLineInput.parse(bytes(name)) }
}

@Suite struct StatusLineTests {
    /// Today (2026-11-22, UTC+1): the current session (started yesterday, so no SessionStart today)
    /// and another; yesterday's file is big and must not be read.
    static func directory() throws -> ScratchDirectory {
        let directory = ScratchDirectory()
        directory.write(
            RotationFixture.line(
                "2026-11-22T08:00:00.000Z", .sessionStart, "other", model: "claude-haiku-4-5")
                + RotationFixture.line(
                    "2026-11-22T08:01:00.000Z", .postToolUse, "other", tool: "Read", input: 1_000_000)
                + RotationFixture.line("2026-11-22T09:00:00.000Z", .userPromptSubmit, "cur", input: 40_000)
                + RotationFixture.line(
                    "2026-11-22T09:01:00.000Z", .postToolUse, "cur", tool: "Bash", input: 60_000,
                    output: 40_000)
                + RotationFixture.line(
                    "2026-11-22T09:02:00.000Z", .postToolUseFailure, "cur", tool: "Bash", output: 5)
                + "not json\n",
            to: "activity-2026-11-22.jsonl")
        directory.write(
            RotationFixture.line(
                "2026-11-21T20:00:00.000Z", .postToolUse, "cur", tool: "Read", input: 7_000_000),
            to: "activity-2026-11-21.jsonl")
        return directory
    }

    static let current = """
        {"session_id":"cur","model":{"id":"claude-opus-4-5-20251101","display_name":"Opus 4.5"},
         "workspace":{"current_dir":"/home/u/app/sub"},"version":"2.0.1"}
        """

    static func run(
        _ stdin: String, arguments: [String] = [], variables: [String: String], isTerminal: Bool = false
    ) -> (ExitCode, TestContext) {
        run(Array(stdin.utf8), arguments: arguments, variables: variables, isTerminal: isTerminal)
    }

    static func run(
        _ stdin: [UInt8], arguments: [String] = [], variables: [String: String], isTerminal: Bool = false
    ) -> (ExitCode, TestContext) {
        let test = TestContext(variables: variables, isTerminal: isTerminal, source: .files)
        let code = StatusLineCommand.run(arguments, context: test.context, input: { stdin })
        return (code, test)
    }

    @Test func estimatesTodayAndThisSessionFromTheActivityLog() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let (code, test) = Self.run(
            Self.current, arguments: ["--format", "{model} · {session_cost} · {today_cost} · {ops}"],
            variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        // Haiku: 1M of tool input, written at $5/M = $5.00. Opus 4.5 from stdin: the 40k prompt and 40,005
        // of responses read at $5/M = $0.400025, 60k of tool input written at $25/M = $1.50.
        #expect(test.captured.standardOutput == "Opus 4.5 · ~$1.90 session · ~$6.90 today · 3 ops\n")
        #expect(test.captured.standardError == "")
    }

    @Test func todayIsTheLedgersExactSpendOnceItHasAFileForToday() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        // Opus 4.5: 1M input tokens = $5; a second copy of the same request counts once.
        directory.write(
            TodayUsageTests.line(0, "A", input: 1_000_000) + TodayUsageTests.line(0, "A", input: 1_000_000),
            to: LogFileName.usage(TodayUsageTests.day))
        let arguments = ["--format", "{today_cost} · {budget}", "--no-capture"]
        let variables = ["CLAUDE_LOG_DIR": directory.path, "CLAUDE_BUDGET_DAILY": "8"]
        for _ in 0..<2 {  // cold, then warm from the cache
            let (code, test) = Self.run(Self.current, arguments: arguments, variables: variables)
            #expect(code == .success)
            #expect(test.captured.standardOutput == "$5.00 today · budget $3.00 left\n")
        }
        directory.append(
            TodayUsageTests.line(1, "B", input: 10, model: "gpt-9"), to: "usage-2026-11-22.jsonl")
        let (_, test) = Self.run(Self.current, arguments: arguments, variables: variables)
        #expect(test.captured.standardOutput == "$5.00+? today · budget $3.00 left\n")
    }

    @Test(arguments: StatusInputFixture.names)
    func goldenLinePerClaudeCodeVersion(name: String) throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        var outputs = ""
        for (label, arguments, variables) in [
            ("default", [], [:]),
            ("budget", [], ["CLAUDE_BUDGET_DAILY": "2"]),
            ("colour", ["--color"], ["CLAUDE_BUDGET_DAILY": "20"]),
            (
                "all fields",
                ["--format", StatusLineField.allCases.map { "{\($0.rawValue)}" }.joined(separator: " | ")],
                [:]
            ),
            ("60 columns", [], ["COLUMNS": "60"]),
        ] as [(String, [String], [String: String])] {
            let (code, test) = Self.run(
                StatusInputFixture.bytes(name), arguments: arguments + ["--no-capture"],
                variables: variables.merging(["CLAUDE_LOG_DIR": directory.path]) { $1 })
            #expect(code == .success)
            #expect(test.captured.standardError == "")
            outputs += label + ": " + test.captured.standardOutput
        }
        let golden = "statusline-\(name).txt"
        #expect(GoldenFile.expected(golden, actual: outputs) == outputs)
    }

    @Test func readsEveryDocumentedField() {
        let full = StatusInputFixture.input("v2.1.251-full")
        #expect(full.sessionID == "5b7f0c1e-1111-4a2b-9c3d-000000000004")
        #expect(full.sessionName == "refactor auth")
        #expect(full.transcriptPath == "/home/dev/.claude/projects/-home-dev-app/5b7f0c1e.jsonl")
        #expect(full.version == "2.1.251")
        #expect(full.modelID == "claude-fable-5-1")
        #expect(full.modelName == "Fable 5.1")
        #expect(full.currentDirectory == "/home/dev/app")
        #expect(full.costUSD == DecimalNumber("3.5e-1"))
        #expect(full.costUSD?.picodollars == 350_000_000_000)
        #expect(full.contextPercent == DecimalNumber("12.4"))
        #expect(full.contextWindowSize == 200_000)
        #expect(full.contextUsage == nil)
        #expect(full.exceeds200k == false)
        #expect(full.fiveHour == .init(usedPercent: DecimalNumber(88), resetsAt: 1_795_362_120))
        #expect(full.sevenDay == .init(usedPercent: DecimalNumber(52), resetsAt: 1_795_791_600))
        #expect(full.spendLimit == .init(usedUSD: DecimalNumber("3.2"), limitUSD: DecimalNumber(50)))
        #expect(
            full.promptCache.map(\.key) == [
                "caching_observed", "ttl", "expires_at", "hit_ratio", "misses", "tokens_to_recache",
            ])
        #expect(full.promptCache.first?.value == .bool(true))
        #expect(full.promptCache[1].value == .string("1h"))

        let older = StatusInputFixture.input("v2.0")
        #expect(older.contextPercent == nil)
        #expect(older.contextUsage == .init(input: 8500, output: 1200, cacheWrite: 5000, cacheRead: 2000))
        // 15,500 of 200,000 prompt tokens.
        #expect(older.contextUsedPercent == 7.75)
        #expect(older.fiveHour == nil)
        #expect(older.currentDirectory == "/home/dev/app/src")

        let first = StatusInputFixture.input("v1.0")
        #expect(first.costUSD == nil && first.contextUsedPercent == nil && first.modelName == "Sonnet 4")
        #expect(
            StatusLineInput.parse(Array("{\"cwd\":\"/x\",\"model\":\"claude-3-opus\"}".utf8)).modelID
                == "claude-3-opus")
        #expect(StatusLineInput.parse(Array("{\"cwd\":\"/x\"}".utf8)).currentDirectory == "/x")
        let isoReset = StatusLineInput.parse(
            Array(
                "{\"rate_limits\":{\"five_hour\":{\"used_percentage\":5,\"resets_at\":\"2026-11-22T17:00:00Z\"}}}"
                    .utf8))
        #expect(isoReset.fiveHour?.resetsAt == 1_795_366_800)
    }

    @Test(arguments: [
        "", "   ", "{", "[1,2]", "null", "{\"session_id\": 5}", "\u{FF}\u{FE}garbage", "{\"model\":7}",
        "{\"rate_limits\":{\"five_hour\":{\"used_percentage\":\"lots\"}},\"cost\":{\"total_cost_usd\":null}}",
    ])
    func badOrEmptyStdinStillPrintsToday(stdin: String) throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let (code, test) = Self.run(stdin, variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        // Without stdin's model, the current session is priced at Sonnet's rates: 80,005 read at $3/M
        // ($0.240015) and 60k written at $15/M ($0.90); with Haiku's $5.00, $6.14.
        #expect(test.captured.standardOutput == "~$6.14 today\n")
        #expect(test.captured.standardError == "")
    }

    @Test func truncatedStdinKeepsWhatWasRead() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let (code, test) = Self.run(
            "{\"session_id\":\"cur\",\"model\":{\"id\":\"claude-opus-4-5\",\"display_name\":\"Opus 4.5\"},\"cost\":{\"total_co",
            variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        #expect(test.captured.standardOutput == "Opus 4.5 · ~$1.90 session · ~$6.90 today\n")
    }

    @Test func hugeStdinIsCappedAndStillGivesALine() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        // A valid start, then more padding than is read: the cap cuts the object, what came first is kept.
        var bytes = Array("{\"model\":{\"display_name\":\"Opus 4.5\"},\"pad\":\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: StatusLineInput.maximumBytes + 10)
        bytes += Array("\",\"session_id\":\"cur\"}".utf8)
        let (code, test) = Self.run(bytes, variables: ["CLAUDE_LOG_DIR": directory.path])
        #expect(code == .success)
        #expect(test.captured.standardOutput == "Opus 4.5 · ~$6.14 today\n")
    }

    @Test func neverFailsWithoutLogs() {
        for variables in [
            ["CLAUDE_LOG_DIR": "/nonexistent"], [:], ["HOME": "/h", "CLAUDE_RATE_INPUT": "lots"],
        ] {
            let (code, test) = Self.run(Self.current, variables: variables)
            #expect(code == .success)
            #expect(test.captured.standardOutput == "Opus 4.5\n")
            #expect(test.captured.standardError == "")
        }
    }

    @Test func aReadOnlyLogDirectoryStillGivesTheLineAndGetsNothingWritten() throws {
        let directory = try Self.directory()
        defer {
            try? FileSystem.setPermissions(directory.path, 0o700)
            directory.remove()
        }
        // Root ignores the mode: directories in place of the cache and of today's capture file make
        // those writes fail for root too.
        directory.makeDirectory(StatusLineCache.fileName)
        directory.makeDirectory("status-2026-11-22.jsonl")
        try FileSystem.setPermissions(directory.path, 0o500)
        let before = directory.names()
        for _ in 0..<2 {  // no cache can be saved: every run is a cold one, with the same line
            let (code, test) = Self.run(
                Self.current, arguments: ["--format", "{model} · {today_cost} · {ops}"],
                variables: ["CLAUDE_LOG_DIR": directory.path])
            #expect(code == .success)
            #expect(test.captured.standardOutput == "Opus 4.5 · ~$6.90 today · 3 ops\n")
            #expect(test.captured.standardError == "")
        }
        #expect(directory.names() == before)
    }

    @Test func aLogDirectoryThatIsAFileOrAFIFOIsNoLogDirectory() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("not a directory", to: "file")
        try FileSystem.makeFIFO(directory.file("fifo"))
        for name in ["file", "fifo"] {
            let (code, test) = Self.run(Self.current, variables: ["CLAUDE_LOG_DIR": directory.file(name)])
            #expect(code == .success)
            #expect(test.captured.standardOutput == "Opus 4.5\n")
        }
        #expect(directory.names().sorted() == ["fifo", "file"])
    }

    @Test func controlCharactersFromStdinAreMadeVisible() {
        let (_, test) = Self.run(
            "{\"model\":{\"display_name\":\"Opus\\u001b[31m\\u0007\\u0085\"}}", variables: [:])
        #expect(test.captured.standardOutput == "Opus\\e[31m\\x07\\u0085\n")
    }

    @Test func colourOnlyWhenAskedAndNeverWithNoColor() throws {
        let input = String(decoding: StatusInputFixture.bytes("v2.1-limits"), as: UTF8.self)
        let format = ["--format", "{context} {five_hour} {seven_day}", "--no-capture"]
        let plain = "ctx 83% 5h 24% (2h10m) 7d 41% (3d4h)\n"
        let coloured =
            "\u{1B}[31mctx 83%\u{1B}[0m \u{1B}[32m5h 24% (2h10m)\u{1B}[0m \u{1B}[32m7d 41% (3d4h)\u{1B}[0m\n"
        #expect(Self.run(input, arguments: format, variables: [:]).1.captured.standardOutput == plain)
        #expect(
            Self.run(input, arguments: format + ["--color"], variables: [:]).1.captured.standardOutput
                == coloured)
        #expect(
            Self.run(input, arguments: format, variables: [:], isTerminal: true).1.captured.standardOutput
                == coloured)
        #expect(
            Self.run(input, arguments: format + ["--color"], variables: ["NO_COLOR": "1"]).1.captured
                .standardOutput == plain)
        #expect(
            Self.run(input, arguments: format + ["--color", "--no-color"], variables: [:]).1.captured
                .standardOutput == plain)
    }

    @Test(arguments: [
        (49.9, StatusLine.Level.low), (50, .medium), (79.9, .medium), (80, .high), (140, .high),
    ])
    func thresholds(percent: Double, level: StatusLine.Level) {
        #expect(StatusLine.Level(percent: percent) == level)
    }

    @Test func limitsShowTimeToResetAndResetWindowsSayReset() {
        var input = StatusLineInput()
        input.fiveHour = .init(usedPercent: DecimalNumber(99), resetsAt: TestContext.now.seconds - 1)
        input.sevenDay = .init(
            usedPercent: DecimalNumber("7.5")!, resetsAt: TestContext.now.seconds + 2 * 86_400)
        let line = StatusLine(
            input: input, activity: nil, pricing: Pricing(), dailyBudget: nil, now: TestContext.now)
        #expect(line.part(.fiveHour) == .init("5h reset"))
        #expect(line.part(.sevenDay) == .init("7d 8% (2d)", level: .low))
        #expect(StatusLine.duration(59) == "0m")
        #expect(StatusLine.duration(3600) == "1h")
        #expect(StatusLine.duration(3 * 86_400 + 4 * 3600 + 59) == "3d4h")
    }

    @Test func budgetLeftAndOver() {
        var activity = TodayActivity(day: CivilDate(year: 2026, month: 11, day: 22))
        // 2M tokens of tool responses, read at Haiku 4.5's $1 per million: $2.00.
        activity.sessions["s"] = .init(
            model: "claude-haiku-4-5", operations: 1, tokens: TokenCount(output: 2_000_000))
        let cheap = StatusLine(
            input: StatusLineInput(), activity: activity, pricing: Pricing(),
            dailyBudget: BudgetAmount.parse("10"),
            now: TestContext.now)
        #expect(cheap.part(.budget) == .init("budget ~$8.00 left", level: .low))
        var over = cheap
        over.dailyBudget = BudgetAmount.parse("1.5")
        #expect(over.part(.budget) == .init("budget ~$0.50 over", level: .high))
        over.exactToday = BudgetAmount.parse("1.2")
        #expect(over.part(.budget) == .init("budget $0.30 left", level: .high))
        #expect(over.part(.todayCost) == .init("$1.20 today"))
    }

    @Test func rejectsUnknownOptionsAndFields() {
        for arguments in [["--bogus"], ["--format", "{nope}"], ["--format", "{model"], ["--format"]] {
            let (code, test) = Self.run("", arguments: arguments, variables: [:])
            #expect(code == .usage, "\(arguments)")
            #expect(test.captured.standardOutput == "")
            #expect(test.captured.standardError.hasPrefix("error: "))
        }
    }

    @Test func helpDocumentsEveryField() {
        let (code, test) = Self.run("", arguments: ["--help"], variables: [:])
        #expect(code == .success)
        for field in StatusLineField.allCases {
            #expect(test.captured.standardOutput.contains("{\(field.rawValue)}  "))
        }
    }

    @Test func doesNotWaitForAStdinThatNeverCloses() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        let started = Timestamp.now()
        let bytes = StandardInput.readAll(
            from: pipe.read.rawValue, timeoutMilliseconds: StatusLineCommand.stdinTimeoutMilliseconds
        ).bytes
        let waited = Timestamp.now().milliseconds - started.milliseconds
        #expect(bytes.isEmpty)
        #expect(waited < 2000)
    }

    @Test(
        arguments: [
            ("1.2345", 1_234_500_000_000), ("0", 0), ("3.5e-1", 350_000_000_000),
            ("1E2", 100_000_000_000_000),
            ("0.0000000000015", 2), ("-2.5", -2_500_000_000_000), ("12", 12_000_000_000_000),
        ] as [(String, Int)])
    func decimalNumbersAreExactPicodollars(text: String, picodollars: Int) {
        #expect(DecimalNumber(text)?.picodollars == Int128(picodollars))
    }

    @Test(arguments: ["", "01", "1.", ".5", "1e", "+1", "1,5", "NaN", "--1"])
    func decimalNumbersRejectWhatJSONRejects(text: String) {
        #expect(DecimalNumber(text) == nil)
    }
}
