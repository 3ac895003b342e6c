import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct LogLineDecoderTests {
    /// The one entry `text` decodes to, or nil.
    func decoded(_ text: String) -> LogEntry? {
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        guard entries.count == 1, diagnostics.skipped == 0 else { return nil }
        return entries[0]
    }

    @Test func decodesEveryFieldOfAV1Line() throws {
        let line = TestLines.v1(
            .postToolUse, at: "2026-01-14T23:26:01.123Z", session: "abc-123", tool: "Grep"
        ) {
            $0.cwd = "/home/u/app"
            $0.toolUseID = "toolu_1"
            $0.file = "/home/u/app/a.swift"
            $0.path = "/home/u/app/Sources"
            $0.pattern = "func \\w+"
            $0.command = "ls -la \"x\""
            $0.url = "https://example.com/?q=1"
            $0.query = "ignored"
            $0.agent = "general-purpose"
            $0.mcpServer = "github"
            $0.subagentID = "sub-1"
            $0.subagentType = "reviewer"
            $0.durationMS = 41
            $0.error = "ignored on success"
            $0.interrupted = true
            $0.model = "claude-opus-4-5"
            $0.tags = [(key: "team", value: "core"), (key: "ticket", value: "T-1")]
        }
        let entry = try #require(decoded(line))
        #expect(entry.source == .v1)
        #expect(entry.timestamp == Timestamp(iso8601: "2026-01-14T23:26:01.123Z"))
        #expect(entry.day == CivilDate(year: 2026, month: 1, day: 14))
        #expect(entry.event == .postToolUse)
        #expect(entry.sessionID == "abc-123")
        #expect(entry.project == "app")
        #expect(entry.cwd == "/home/u/app")
        #expect(entry.tool == "Grep")
        #expect(entry.file == "/home/u/app/a.swift")
        #expect(entry.path == "/home/u/app/Sources")
        #expect(entry.pattern == "func \\w+")
        #expect(entry.command == "ls -la \"x\"")
        #expect(entry.url == "https://example.com/?q=1")
        #expect(entry.model == "claude-opus-4-5")
        #expect(entry.inputTokens == 5)
        #expect(entry.outputTokens == 7)
        #expect(entry.totalTokens == 12)
        #expect(entry.durationMS == 41)
        #expect(entry.durationTotalMS == 41)
        #expect(entry.operations == 1)
        #expect(entry.failures == 0)
        #expect(entry.events == 1)
        #expect(entry.error == "ignored on success")
        #expect(entry.interrupted)
        #expect(entry.tags == ["team": "core", "ticket": "T-1"])
        #expect(entry.endTimestamp == nil)
        #expect(entry.lastTimestamp == entry.timestamp)
        #expect(entry.location.line == 1)
        #expect(entry.location.file.hasSuffix("/activity-2026-01-14.jsonl"))
    }

    @Test(arguments: [
        (HookEvent.postToolUse, true, 1, 0),
        (.postToolUse, false, 1, 1),
        (.postToolUseFailure, false, 1, 1),
        (.postToolUseFailure, true, 1, 1),
        (.preToolUse, false, 0, 0),
        (.sessionStart, false, 0, 0),
        (.userPromptSubmit, false, 0, 0),
        (.notification, false, 0, 0),
    ])
    func countsOperationsAndFailuresByEvent(event: HookEvent, success: Bool, operations: Int, failures: Int)
        throws
    {
        let entry = try #require(decoded(TestLines.v1(event) { $0.success = success }))
        #expect(entry.event == event)
        #expect(entry.operations == operations)
        #expect(entry.failures == failures)
        #expect(entry.isOperation == (operations > 0))
    }

    @Test func keepsTheModelAndPromptTokensOfOtherEvents() throws {
        let start = try #require(
            decoded(TestLines.v1(.sessionStart, tool: nil, input: 0, output: 0) { $0.model = "m1" }))
        #expect(start.model == "m1")
        #expect(start.tool == nil)
        #expect(start.durationMS == nil)
        #expect(start.durationTotalMS == 0)
        let prompt = try #require(decoded(TestLines.v1(.userPromptSubmit, tool: nil, input: 321, output: 0)))
        #expect(prompt.inputTokens == 321)
        #expect(prompt.operations == 0)
    }

    @Test func readsALegacyPrettyPrintedEntryAsAnOperation() throws {
        let entry = try #require(decoded(TestLines.legacy(tool: "Bash", command: "git status", input: 9)))
        #expect(entry.source == .legacy)
        #expect(entry.event == .postToolUse)
        #expect(entry.operations == 1)
        #expect(entry.failures == 0)
        #expect(entry.timestamp == Timestamp(iso8601: "2026-01-14T10:00:00Z"))
        #expect(entry.sessionID == "1700000000-1234")
        #expect(entry.project == "app")
        #expect(entry.command == "git status")
        #expect(entry.inputTokens == 9)
        #expect(entry.outputTokens == 0)
    }

    @Test(arguments: ["Grep", "Glob"])
    func movesLegacySearchPathsFromFileToPath(tool: String) throws {
        let entry = try #require(decoded(TestLines.legacy(tool: tool, file: "/home/u/app/src", command: nil)))
        #expect(entry.path == "/home/u/app/src")
        #expect(entry.file == nil)
    }

    @Test func keepsLegacyEditedFilesInFile() throws {
        let entry = try #require(
            decoded(TestLines.legacy(tool: "Edit", file: "/home/u/app/a.swift", command: nil)))
        #expect(entry.file == "/home/u/app/a.swift")
        #expect(entry.path == nil)
    }

    @Test func keepsV1GrepFileAndPathAsWritten() throws {
        let entry = try #require(decoded(TestLines.v1(tool: "Grep") { $0.path = "/src" }))
        #expect(entry.path == "/src")
        #expect(entry.file == nil)
    }

    @Test func readsACompactLegacyEntryAndAnOffsetTimestamp() throws {
        let entry = try #require(
            decoded(#"{"timestamp":"2026-01-14T10:00:00+02:00","session_id":"s","tool":"Read","file":"/a"}"#))
        #expect(entry.source == .legacy)
        #expect(entry.timestamp == Timestamp(iso8601: "2026-01-14T08:00:00Z"))
        #expect(entry.file == "/a")
    }

    @Test func ignoresFieldsOfTheWrongType() throws {
        let line =
            #"{"v":1,"timestamp":"2026-01-14T10:00:00.000Z","event":"PostToolUse","session_id":7,"#
            + #""project":["x"],"tool":{"a":1},"file":null,"command":true,"tokens":"many","#
            + #""duration_ms":"slow","success":"no","interrupted":1,"tags":[1,2],"model":3,"error":{}}"#
        let entry = try #require(decoded(line))
        #expect(entry.sessionID == "")
        #expect(entry.project == nil)
        #expect(entry.tool == nil)
        #expect(entry.file == nil)
        #expect(entry.command == nil)
        #expect(entry.inputTokens == 0 && entry.outputTokens == 0)
        #expect(entry.durationMS == nil)
        #expect(entry.failures == 0)
        #expect(entry.operations == 1)
        #expect(!entry.interrupted)
        #expect(entry.tags.isEmpty)
        #expect(entry.model == nil)
        #expect(entry.error == nil)
    }

    @Test func ignoresNegativeAndNonNumericCounts() throws {
        let line =
            #"{"v":1,"timestamp":"2026-01-14T10:00:00.000Z","event":"PostToolUse","#
            + #""tokens":{"input":-5,"output":"7","total":2},"duration_ms":-3,"tags":{"a":"b","c":1}}"#
        let entry = try #require(decoded(line))
        #expect(entry.inputTokens == 0)
        #expect(entry.outputTokens == 0)
        #expect(entry.durationMS == nil)
        #expect(entry.tags == ["a": "b"])
    }

    @Test func decodesEscapesAndRepairsInvalidUTF8() throws {
        var bytes = Array(
            #"{"v":1,"timestamp":"2026-01-14T10:00:00.000Z","event":"PostToolUse","command":"a\tb\u00e9 "#
                .utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array(#"","project":"caf\u00e9"}"#.utf8)
        bytes.append(0x0A)
        let fixture = ReadingFixture()
        fixture.write("activity-2026-01-14.jsonl", bytes)
        let (entries, diagnostics) = fixture.read("activity-2026-01-14.jsonl")
        #expect(diagnostics.skipped == 0)
        let entry = try #require(entries.first)
        #expect(entry.command == "a\tbé \u{FFFD}\u{FFFD}")
        #expect(entry.project == "café")
    }

    @Test(arguments: [
        (#"{}"#, RecordProblem.notALogRecord),
        (#"{"foo":1}"#, .notALogRecord),
        (#"{"timestamp":"2026-01-14T10:00:00Z"}"#, .notALogRecord),
        (#"{"v":1,"event":"PostToolUse","tool":"Bash"}"#, .missingTimestamp),
        (#"{"v":1,"timestamp":12,"event":"PostToolUse"}"#, .badTimestamp),
        (#"{"v":1,"timestamp":"yesterday","event":"PostToolUse"}"#, .badTimestamp),
        (#"{"v":1,"timestamp":"2026-13-14T10:00:00Z","event":"PostToolUse"}"#, .badTimestamp),
        (#"{"v":1,"timestamp":"2026-01-14T10:00:00Z","event":5}"#, .missingEvent),
        (#"{"v":1,"timestamp":"2026-01-14T10:00:00Z"}"#, .missingEvent),
    ])
    func skipsObjectsThatAreNoUsableRecord(line: String, problem: RecordProblem) {
        let (entries, diagnostics) = ReadingFixture().read(text: line + "\n")
        #expect(entries.isEmpty)
        #expect(diagnostics.skipped == 1)
        #expect(diagnostics.warnings == ["\(diagnosticsPath(diagnostics)):1: \(problem.message)"])
    }

    /// A line with every optional field, and what each field decodes to.
    static let fullLine = TestLines.v1(.postToolUseFailure, tool: "Grep") {
        $0.cwd = "/home/u/app"
        $0.file = "/home/u/app/a.swift"
        $0.path = "/home/u/app/Sources"
        $0.pattern = "func \\w+"
        $0.command = "ls -la"
        $0.url = "https://example.com/"
        $0.error = "Exit code 1"
        $0.model = "claude-opus-4-5"
        $0.tags = [(key: "team", value: "core")]
        $0.durationMS = 41
    }

    /// The optional fields of `entry` that are set, as the `LogFields` they belong to.
    static func presentFields(_ entry: LogEntry) -> LogFields {
        var present: LogFields = []
        if entry.command != nil { present.insert(.command) }
        if entry.url != nil { present.insert(.url) }
        if entry.path != nil { present.insert(.path) }
        if entry.pattern != nil { present.insert(.pattern) }
        if entry.error != nil { present.insert(.error) }
        if entry.cwd != nil { present.insert(.cwd) }
        if entry.file != nil { present.insert(.file) }
        if !entry.tags.isEmpty { present.insert(.tags) }
        if entry.model != nil { present.insert(.model) }
        return present
    }

    /// Fields not asked for are skipped; the others, and everything always decoded, come out the same.
    @Test(arguments: [
        LogFields.all, [], .command, .url, .path, .pattern, .error, .cwd, .file, .tags, .model,
        [.file, .cwd],
        [.command, .url, .file, .cwd],
    ])
    func decodesOnlyTheFieldsAskedFor(fields: LogFields) throws {
        let (entries, diagnostics) = ReadingFixture().read(text: Self.fullLine, fields: fields)
        #expect(diagnostics.skipped == 0)
        let entry = try #require(entries.first)
        let all = try #require(decoded(Self.fullLine))
        #expect(Self.presentFields(all) == .all)
        #expect(Self.presentFields(entry) == fields)
        #expect(entry.command == (fields.contains(.command) ? all.command : nil))
        #expect(entry.file == (fields.contains(.file) ? all.file : nil))
        #expect(entry.tags == (fields.contains(.tags) ? all.tags : [:]))
        #expect(entry.timestamp == all.timestamp)
        #expect(entry.event == all.event)
        #expect(entry.sessionID == all.sessionID)
        #expect(entry.project == all.project)
        #expect(entry.tool == all.tool)
        #expect(EntryTotals([entry]) == EntryTotals([all]))
        #expect(entry.interrupted == all.interrupted)
    }

    /// A legacy Grep keeps its path in "file": asking for the path reads it, asking for files does not.
    @Test(arguments: [(LogFields.path, "/src" as String?), (.file, nil), (LogFields(), nil)])
    func readsALegacySearchPathOnlyForThePath(fields: LogFields, path: String?) throws {
        let text = TestLines.legacy(tool: "Grep", file: "/src", command: nil)
        let entry = try #require(ReadingFixture().read(text: text, fields: fields).entries.first)
        #expect(entry.path == path)
        #expect(entry.file == nil)
    }

    /// Skipped fields are still checked: malformed JSON in them makes the line malformed.
    @Test(arguments: [#""command":"a"# + "\u{1}" + #"b""#, #""tags":{"a":}"#, #""cwd":"\x""#])
    func rejectsMalformedSkippedFields(field: String) {
        let line = #"{"v":1,"timestamp":"2026-01-14T10:00:00.000Z","event":"PostToolUse","# + field + "}\n"
        for fields in [LogFields.all, []] {
            let (entries, diagnostics) = ReadingFixture().read(text: line, fields: fields)
            #expect(entries.isEmpty)
            #expect(diagnostics.skipped == 1)
        }
    }

    /// The file part of the only warning.
    private func diagnosticsPath(_ diagnostics: ReadDiagnostics) -> String {
        String(diagnostics.warnings.first?.split(separator: ":").first ?? "")
    }
}

@Suite struct LogLineDecoderLimitTests {
    static func line(_ members: String) -> String {
        #"{"v":1,"timestamp":"2026-01-14T10:00:00.000Z","event":"PostToolUse","session_id":"s","tool":"Bash","#
            + members + "}\n"
    }

    @Test(arguments: [
        (#""tokens":{"input":999999999999999999,"output":1}"#, "tokens.input"),
        (#""tokens":{"input":1,"output":4611686018427387904}"#, "tokens.output"),
        (#""tokens":{"input":1,"output":1e30}"#, "tokens.output"),
        (#""tokens":{"input":99999999999999999999999,"output":1}"#, "tokens.input"),
        (#""tokens":{"input":1,"output":1},"duration_ms":4611686018427387904"#, "duration_ms"),
    ])
    func skipsNumbersNoHookWrites(members: String, key: String) {
        let good = Self.line(#""tokens":{"input":3,"output":4}"#)
        let (entries, diagnostics) = ReadingFixture().read(text: good + Self.line(members) + good)
        #expect(entries.map(\.totalTokens) == [7, 7])
        #expect(diagnostics.skipped == 1)
        #expect(
            diagnostics.warnings.first?.hasSuffix(":2: \(key) out of range") == true,
            "\(diagnostics.warnings)")
    }

    @Test func keepsTheLargestPlausibleNumbers() {
        let limit = ValueLimits.lineTokens
        let text = Self.line(#""tokens":{"input":\#(limit),"output":\#(limit)},"duration_ms":\#(limit)"#)
        let (entries, diagnostics) = ReadingFixture().read(text: text)
        #expect(diagnostics.skipped == 0)
        #expect(entries.first?.totalTokens == 2 * limit)
        #expect(entries.first?.durationMS == limit)
    }

    @Test func rollupRowsBeyondTheLimitAreSkipped() {
        let fixture = ReadingFixture()
        let row = { (count: String, tokens: String) in
            #"{"rollup":1,"day":"2026-01-14","event":"PostToolUse","session_id":"s","count":\#(count),"#
                + #""failures":0,"tokens":{"input":\#(tokens),"output":1},"duration_ms":5,"#
                + #""first":"2026-01-14T10:00:00.000Z","last":"2026-01-14T11:00:00.000Z"}"# + "\n"
        }
        _ = fixture.write(
            "rollup-2026-01-14.jsonl",
            row("2", "10") + row("4611686018427387904", "1") + row("1", "4611686018427387904")
                + row("1", "1e99"))
        let (entries, diagnostics) = fixture.read("rollup-2026-01-14.jsonl", kind: .rollup)
        #expect(entries.map(\.operations) == [2])
        #expect(diagnostics.skipped == 3)
        #expect(diagnostics.warnings.count == 3)
        #expect(diagnostics.warnings.allSatisfy { $0.hasSuffix("out of range") }, "\(diagnostics.warnings)")
    }
}

@Suite struct SaturatingSumTests {
    @Test func sumsStopAtTheLimitsInsteadOfTrapping() {
        #expect(Int.max +| 1 == Int.max)
        #expect(Int.min +| -1 == Int.min)
        #expect(40 +| 2 == 42)
        var total = TokenCount(input: Int.max - 1, output: Int.max)
        total += TokenCount(input: 5, output: 5)
        #expect(total == TokenCount(input: Int.max, output: Int.max))
        #expect(total.total == Int.max)
    }

    @Test func anAggregateOfHugeRollupRowsSaturates() {
        var aggregate = StatsAggregate()
        var entry = LogEntry.fixture("2026-01-14T10:00:00.000Z", session: "s", tool: "Read")
        entry.inputTokens = ValueLimits.rollupValue
        entry.operations = ValueLimits.rollupValue
        for _ in 0..<1100 { aggregate.add(entry) }
        #expect(aggregate.tokens.input == Int.max)
        #expect(aggregate.operations == Int.max)
        #expect(aggregate.tools["Read"]?.operations == Int.max)
        var histogram = DurationHistogram()
        histogram.add(ValueLimits.lineDurationMS)
        #expect(histogram.percentile(95).map { $0 > ValueLimits.lineDurationMS / 2 } == true)
    }
}

@Suite struct ImpossibleTimestampTests {
    @Test(arguments: ["2026-02-30T10:00:00.000Z", "2026-01-14T25:00:00.000Z", "2026-04-31T00:00:00Z"])
    func isABadLine(timestamp: String) {
        let good = TestLines.v1(at: "2026-01-14T10:00:00.000Z")
        let bad =
            #"{"v":1,"timestamp":"\#(timestamp)","event":"PostToolUse","session_id":"s","tool":"Bash"}"#
            + "\n"
        let (entries, diagnostics) = ReadingFixture().read(text: good + bad)
        #expect(entries.count == 1)
        #expect(diagnostics.skipped == 1)
        #expect(diagnostics.warnings.first?.hasSuffix(":2: timestamp is not an ISO 8601 string") == true)
    }
}

extension LogLineDecoderTests {
    /// Tokens as the hook writes them are read by a shortcut; a space before the object sends the
    /// same value through the general scan, which must agree on counts, warnings and skips.
    @Test(arguments: [
        #"{"input":12,"output":3400,"total":3412}"#, #"{"input":0,"output":0}"#,
        #"{"input":7,"output":1,"total":8,"x":1}"#,
        #"{"input":012,"output":1}"#, #"{"input":1.5,"output":2}"#, #"{"input":-1,"output":2}"#,
        #"{"input":1e3,"output":2}"#, #"{"input":99999999999999999,"output":1}"#,
        #"{"input":1099511627777,"output":1}"#, #"{"input":1099511627776,"output":1}"#,
        #"{"output":1,"input":2}"#, #"{"input":1,"output":2,"total":}"#, #"{"input":1,"output":2"#,
        #"{"input":1,"output":"2"}"#, #"[1,2]"#,
    ])
    func plainTokensReadAsTheGeneralScanDoes(tokens: String) {
        func read(_ value: String) -> String {
            let line = #"{"v":1,"timestamp":"2026-11-20T10:00:00.000Z","event":"PostToolUse","tokens":"#
            let (entries, diagnostics) = ReadingFixture().read(text: line + value + "}\n")
            return entries.map { "\($0.inputTokens) \($0.outputTokens)" }.joined()
                + " skipped \(diagnostics.skipped) "
                + diagnostics.warnings.map { $0.split(separator: ":")[2].split(separator: " at byte")[0] }
                .joined(separator: ";")
        }
        #expect(read(tokens) == read(" " + tokens))
    }
}
