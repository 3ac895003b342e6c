import Testing

@testable import SessionLogCore

@Suite struct LogRecordHookPayloadTests {
    let now = Timestamp(milliseconds: 1_795_389_961_123)

    func record(_ json: String, _ environment: HookEnvironment = HookEnvironment(logDirectory: "/tmp"))
        -> LogRecord
    {
        let bytes = Array(json.utf8)
        let payload = bytes.withUnsafeBufferPointer { HookPayload.parse($0) }
        return LogRecord(payload: payload, environment: environment, timestamp: now, inputBytes: bytes.count)
    }

    func line(_ record: LogRecord) -> String { String(decoding: record.jsonLine, as: UTF8.self) }

    @Test func writesTheDocumentedLineForAPostToolUse() {
        let result = record(
            #"{"session_id":"abc","cwd":"/home/u/app","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls -la"},"tool_response":{"stdout":"a\nb","stderr":"","interrupted":false},"tool_use_id":"toolu_1","duration_ms":41}"#
        )
        #expect(
            line(result)
                == #"{"v":1,"timestamp":"2026-11-22T23:26:01.123Z","event":"PostToolUse","session_id":"abc","project":"app","cwd":"/home/u/app","tool":"Bash","tool_use_id":"toolu_1","command":"ls -la","tokens":{"input":5,"output":13,"total":18},"duration_ms":41,"success":true}"#
                + "\n")
    }

    @Test func estimatesFailureTokensFromTheError() {
        let result = record(
            #"{"hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"false"},"error":"\u001b[31mExit code 1\u001b[0m\nmore detail","is_interrupt":true}"#
        )
        #expect(result.success == false)
        #expect(result.error == "Exit code 1")
        #expect(result.interrupted == true)
        #expect(result.inputTokens == LogRecord.tokens(#"{"command":"false"}"#.count))
        #expect(
            result.outputTokens
                == LogRecord.tokens("\u{1b}[31mExit code 1\u{1b}[0m\nmore detail".unicodeScalars.count))
    }

    @Test func countsPromptTokensOnUserPromptSubmit() {
        let result = record(#"{"hook_event_name":"UserPromptSubmit","prompt":"Explique-moi ça"}"#)
        #expect(result.inputTokens == 4)
        #expect(result.outputTokens == 0)
        #expect(result.success == nil)
    }

    @Test(arguments: [0, 1, 3, 4, 5, 8, 9])
    func roundsTokensUp(characters: Int) {
        #expect(LogRecord.tokens(characters) == (characters + 3) / 4)
        #expect(LogRecord.tokens(characters) * 4 >= characters)
    }

    @Test func keepsSessionStartDetails() {
        let environment = HookEnvironment(logDirectory: "/tmp", user: "tom", host: "box")
        let result = record(
            #"{"session_id":"s","transcript_path":"/t.jsonl","cwd":"c:\\Users\\Tom\\app","hook_event_name":"SessionStart","source":"startup","model":"claude-sonnet-4-6"}"#,
            environment)
        #expect(result.project == "app")
        #expect(result.source == "startup")
        #expect(result.model == "claude-sonnet-4-6")
        #expect(result.transcriptPath == "/t.jsonl")
        #expect(result.user == "tom")
        #expect(result.host == "box")
    }

    @Test func prefersTheEnvironmentForSessionAndProject() {
        let environment = HookEnvironment(
            logDirectory: "/tmp", sessionID: "env-session", projectDirectory: "/work/proj/",
            workingDirectory: "/x")
        let result = record(
            #"{"session_id":"payload","cwd":"/home/u/app","hook_event_name":"Stop"}"#, environment)
        #expect(result.sessionID == "env-session")
        #expect(result.project == "proj")
        let fallback = record(
            #"{"hook_event_name":"Stop"}"#,
            HookEnvironment(logDirectory: "/tmp", workingDirectory: "/srv/site"))
        #expect(fallback.project == "site")
    }

    @Test(arguments: [
        ("Grep", #"{"pattern":"TODO","path":"src"}"#, "TODO", "src"),
        ("Glob", #"{"pattern":"**/*.swift"}"#, "**/*.swift", nil),
    ])
    func keepsSearchPathsOutOfFile(tool: String, input: String, pattern: String, path: String?) {
        let result = record(
            #"{"hook_event_name":"PostToolUse","tool_name":"\#(tool)","tool_input":\#(input)}"#)
        #expect(result.file == nil)
        #expect(result.pattern == pattern)
        #expect(result.path == path)
    }

    @Test func recordsToolSpecificFields() {
        #expect(record(#"{"tool_name":"Read"}"#).event == .unknown)
        #expect(
            record(#"{"tool_name":"NotebookEdit","tool_input":{"notebook_path":"/n.ipynb"}}"#).file
                == "/n.ipynb")
        #expect(record(#"{"tool_name":"WebSearch","tool_input":{"query":"swift"}}"#).query == "swift")
        #expect(record(#"{"tool_name":"Task","tool_input":{"subagent_type":"Explore"}}"#).agent == "Explore")
        #expect(record(#"{"tool_name":"Agent","tool_input":{"subagent_type":"Plan"}}"#).agent == "Plan")
        #expect(
            record(#"{"tool_name":"mcp__plugin_playwright_playwright__browser_click"}"#).mcpServer
                == "plugin_playwright_playwright")
        #expect(record(#"{"tool_name":"mcp__context7"}"#).mcpServer == "context7")
        #expect(record(#"{"tool_name":"Read","tool_input":{"command":"not a bash command"}}"#).command == nil)
        #expect(record(#"{"hook_event_name":"SessionEnd","reason":"clear"}"#).reason == "clear")
        #expect(record(#"{"hook_event_name":"PreCompact","trigger":"auto"}"#).trigger == "auto")
        #expect(
            record(#"{"hook_event_name":"Notification","notification_type":"idle_prompt"}"#).notificationType
                == "idle_prompt")
        let subagent = record(#"{"hook_event_name":"PreToolUse","agent_id":"a1","agent_type":""}"#)
        #expect(line(subagent).contains(#""subagent":{"id":"a1"}"#))
    }

    @Test func redactsGrepPatternsWebSearchQueriesAndErrors() {
        let grep = record(
            #"{"tool_name":"Grep","tool_input":{"pattern":"ghp_16C7e42F292c6912E7710c838347Ae178B4a","path":"src"}}"#
        )
        #expect(grep.pattern == "[REDACTED]")
        #expect(grep.path == "src")
        let search = record(
            #"{"tool_name":"WebSearch","tool_input":{"query":"\"api_key=abc123\" site:github.com"}}"#)
        #expect(search.query == #""api_key=[REDACTED]" site:github.com"#)
        let failure = record(
            #"{"hook_event_name":"PostToolUseFailure","tool_name":"Bash","tool_input":{"command":"git push"},"error":"fatal: unable to access 'https://bob:hunter2@git.acme.com/app.git/': 403"}"#
        )
        #expect(
            failure.error == "fatal: unable to access 'https://bob:[REDACTED]@git.acme.com/app.git/': 403")
    }

    @Test(arguments: [
        "cwd", "session_id", "tool_name", "tool_use_id", "transcript_path", "agent_id", "agent_type",
        "source",
        "model", "hook_event_name",
    ])
    func clipsEveryTopLevelTextField(key: String) {
        let long = String(repeating: "a/é", count: 3000)
        let result = record(#"{"hook_event_name":"SessionStart","\#(key)":"\#(long)"}"#)
        let logged = line(result)
        #expect(logged.utf8.count < 2 * LogRecord.fieldByteLimit)
        #expect(logged.contains(TextClipping.clipMark(originalBytes: long.utf8.count)))
    }

    @Test(arguments: ["url", "file_path", "pattern", "query", "path", "command", "subagent_type"])
    func clipsEveryToolInputField(key: String) {
        let tool =
            switch key {
            case "url": "WebFetch"
            case "query": "WebSearch"
            case "command": "Bash"
            case "subagent_type": "Task"
            default: "Grep"
            }
        let long = "https://example.com/" + String(repeating: "é", count: 50_000) + "?token=abc"
        let result = record(#"{"tool_name":"\#(tool)","tool_input":{"\#(key)":"\#(long)"}}"#)
        let logged = line(result)
        #expect(logged.utf8.count < 2 * LogRecord.fieldByteLimit)
        #expect(logged.contains("…[clipped from \(long.utf8.count) bytes]"))
        #expect(!logged.contains("abc"))
    }

    @Test func clipsOnAScalarBoundaryWithinTheLimit() {
        for count in 4090...4100 {
            let text = String(repeating: "a", count: count % 3) + String(repeating: "😀", count: count / 4)
            let clipped = LogRecord.field(text)!
            #expect(clipped.utf8.count <= LogRecord.fieldByteLimit)
            #expect(clipped.unicodeScalars.allSatisfy { $0 != "\u{FFFD}" })
            if text.utf8.count > LogRecord.fieldByteLimit {
                #expect(clipped.hasSuffix(TextClipping.clipMark(originalBytes: text.utf8.count)))
            } else {
                #expect(clipped == text)
            }
        }
    }

    @Test func redactsAndShortensCommands() {
        let secret = "curl -H 'Authorization: Bearer abcdefghijklmnop1234' https://x"
        let result = record(#"{"tool_name":"Bash","tool_input":{"command":"\#(secret)"}}"#)
        #expect(result.command?.contains("abcdefghijklmnop1234") == false)
        let long = String(repeating: "é", count: 600)
        let shortened = record(#"{"tool_name":"PowerShell","tool_input":{"command":"\#(long)"}}"#)
        let mark = TextClipping.clipMark(originalBytes: 1200)
        #expect(mark == "…[clipped from 1200 bytes]")
        #expect(shortened.command == String(repeating: "é", count: 500 - mark.count) + mark)
        let url = record(
            #"{"tool_name":"WebFetch","tool_input":{"url":"https://x.io/a?token=abc123&page=2"}}"#)
        #expect(url.url?.contains("abc123") == false)
        #expect(url.url?.contains("page=2") == true)
    }

    @Test func writesZerosWhenTokenEstimatesAreOff() {
        let result = record(
            #"{"hook_event_name":"PostToolUse","tool_input":{"a":"bbbb"},"tool_response":"cccc"}"#,
            HookEnvironment(logDirectory: "/tmp", estimateTokens: false))
        #expect(result.inputTokens == 0 && result.outputTokens == 0)
        #expect(line(result).contains(#""tokens":{"input":0,"output":0,"total":0}"#))
    }

    @Test func writesTags() {
        let tags = HookEnvironment.parseTags(" team = core,env=ci,bad,=x,env=prod")
        #expect(tags.map { "\($0.key)=\($0.value)" } == ["team=core", "env=prod"])
        let result = record(#"{"hook_event_name":"Stop"}"#, HookEnvironment(logDirectory: "/tmp", tags: tags))
        #expect(line(result).contains(#""tags":{"team":"core","env":"prod"}"#))
    }

    @Test func marksInvalidInputAndKeepsWhatItCould() {
        let input = #"{"session_id":"s-2","hook_event_name":"PostToolUse","tool_name":"Read","tool_input":{"#
        let result = record(input)
        #expect(result.event == .invalid)
        #expect(result.sessionID == "s-2")
        #expect(result.tool == "Read")
        #expect(result.bytes == input.utf8.count)
        #expect(result.inputError == "truncated JSON at byte \(input.utf8.count)")
        #expect(result.inputTokens == 0)
    }

    @Test(arguments: [
        ("/", "/"), ("/a/b/", "b"), (#"C:\Users\Tom\app"#, "app"), (#"c:\x\"#, "x"), ("rel", "rel"),
        ("", nil),
    ])
    func namesProjectsByBaseName(path: String, name: String?) {
        #expect(TextClipping.baseName(path) == name)
    }
}
