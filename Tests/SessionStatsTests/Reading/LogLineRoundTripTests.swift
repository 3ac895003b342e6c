import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The hook's writer and the analyzer's reader share one vocabulary (`LogKey`, `HookEvent`): every field
/// the hook writes is read back, or is on the short list of fields the analyzer leaves to other tools.
@Suite struct LogLineRoundTripTests {
    /// Keys the hook writes that the analyzer does not read; a new key must be read or added here.
    static let unreadKeys: Set<String> = [
        "tool_use_id", "query", "agent", "mcp_server", "subagent", "source", "transcript_path", "user",
        "host",
        "reason", "trigger", "notification_type", "bytes", "input_error",
    ]

    /// The keys the analyzer reads, spelled through the same `LogKey` constants the writer uses.
    static let readKeys: Set<String> = Set(
        [
            LogKey.version, LogKey.timestamp, LogKey.event, LogKey.sessionID, LogKey.project, LogKey.cwd,
            LogKey.tool, LogKey.file, LogKey.path, LogKey.pattern, LogKey.command, LogKey.url, LogKey.model,
            LogKey.tokens, LogKey.durationMS, LogKey.success, LogKey.error, LogKey.interrupted, LogKey.tags,
        ].map(\.description))

    /// The one entry the line decodes to.
    func decoded(_ line: [UInt8]) throws -> LogEntry {
        let (entries, diagnostics) = ReadingFixture().read(text: String(decoding: line, as: UTF8.self))
        #expect(diagnostics.skipped == 0)
        return try #require(entries.first)
    }

    /// The hook's record for `payload`, written as the hook writes it.
    func hookRecord(_ payload: String, environment: HookEnvironment = HookEnvironment(logDirectory: nil))
        -> LogRecord
    {
        let bytes = Array(payload.utf8)
        let parsed = bytes.withUnsafeBufferPointer { HookPayload.parse($0) }
        return LogRecord(
            payload: parsed, environment: environment,
            timestamp: Timestamp(iso8601: "2026-01-14T10:00:00.250Z")!,
            inputBytes: bytes.count)
    }

    @Test("a record with every field set is read back field by field")
    func everyFieldRoundTrips() throws {
        var record = LogRecord(
            timestamp: Timestamp(iso8601: "2026-01-14T10:00:00.250Z")!, event: .postToolUseFailure)
        record.sessionID = "abc-123"
        record.project = "app"
        record.cwd = "/home/u/app"
        record.tool = "Grep"
        record.toolUseID = "toolu_1"
        record.file = "/home/u/app/a.swift"
        record.path = "/home/u/app/Sources"
        record.pattern = "func \\w+"
        record.command = "ls -la \"x\""
        record.url = "https://example.com/?q=1"
        record.query = "q"
        record.agent = "general-purpose"
        record.mcpServer = "github"
        record.subagentID = "sub-1"
        record.subagentType = "reviewer"
        record.inputTokens = 12
        record.outputTokens = 34
        record.durationMS = 41
        record.success = false
        record.error = "exit code 1"
        record.interrupted = true
        record.source = "startup"
        record.model = "claude-opus-4-5"
        record.transcriptPath = "/home/u/.claude/projects/x.jsonl"
        record.user = "u"
        record.host = "h"
        record.reason = "exit"
        record.trigger = "auto"
        record.notificationType = "idle"
        record.tags = [(key: "team", value: "core")]
        record.bytes = 10
        record.inputError = "none"

        let line = record.jsonLine
        let written = try #require(jsonObject(String(decoding: line, as: UTF8.self)))
        #expect(Set(written.keys) == Self.readKeys.union(Self.unreadKeys), "a key is neither read nor listed")

        let entry = try decoded(line)
        #expect(entry.timestamp == record.timestamp)
        #expect(entry.event == record.event)
        #expect(entry.sessionID == record.sessionID)
        #expect(entry.project == record.project)
        #expect(entry.cwd == record.cwd)
        #expect(entry.tool == record.tool)
        #expect(entry.file == record.file)
        #expect(entry.path == record.path)
        #expect(entry.pattern == record.pattern)
        #expect(entry.command == record.command)
        #expect(entry.url == record.url)
        #expect(entry.model == record.model)
        #expect(entry.inputTokens == record.inputTokens)
        #expect(entry.outputTokens == record.outputTokens)
        #expect(entry.durationMS == record.durationMS)
        #expect(entry.failures == 1 && entry.operations == 1)
        #expect(entry.error == record.error)
        #expect(entry.interrupted == record.interrupted)
        #expect(entry.tags == ["team": "core"])
    }

    @Test("every named event the hook writes is read back as the same event", arguments: HookEvent.named)
    func eventsRoundTrip(event: HookEvent) throws {
        let record = hookRecord(#"{"hook_event_name":"\#(event.name)","session_id":"s1","cwd":"/w/app"}"#)
        #expect(record.event == event)
        #expect(try decoded(record.jsonLine).event == event)
    }

    @Test("an event this version does not know keeps its name through the hook and the reader")
    func unknownEventNamesRoundTrip() throws {
        let record = hookRecord(#"{"hook_event_name":"FutureEvent","session_id":"s1"}"#)
        #expect(record.event == .other("FutureEvent"))
        #expect(try decoded(record.jsonLine).event == HookEvent(name: "FutureEvent"))
        #expect(hookRecord(#"{"session_id":"s1"}"#).event == .unknown)
        #expect(hookRecord("not json").event == .invalid)
    }

    @Test("a failed Bash call from a real-shaped payload keeps its command, error, tokens and duration")
    func hookPayloadRoundTrips() throws {
        let record = hookRecord(
            #"{"session_id":"s1","hook_event_name":"PostToolUseFailure","cwd":"/w/app","tool_name":"Bash","tool_input":{"command":"swift test"},"error":"exit code 1\nmore","duration_ms":812}"#,
            environment: HookEnvironment(logDirectory: nil, tags: [(key: "team", value: "core")]))
        let entry = try decoded(record.jsonLine)
        #expect(entry.event == .postToolUseFailure)
        #expect(entry.sessionID == "s1" && entry.project == "app" && entry.cwd == "/w/app")
        #expect(entry.tool == "Bash" && entry.command == "swift test")
        #expect(entry.error == "exit code 1")
        #expect(entry.inputTokens == record.inputTokens && entry.outputTokens == record.outputTokens)
        #expect(entry.durationMS == 812)
        #expect(entry.tags == ["team": "core"])
        #expect(entry.failures == 1)
    }
}
