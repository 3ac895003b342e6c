import Foundation
import TestSupport
import Testing

/// The built `session-logger`, run as Claude Code runs it.
@Suite struct SessionLoggerEndToEndTests {
    let logger = Binary("session-logger")

    func logLines(in directory: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/logs")) ?? []
        return files.filter { $0.hasPrefix("activity-") }.flatMap { name in
            let data = FileManager.default.contents(atPath: directory + "/logs/" + name) ?? Data()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    @Test func exitsZeroSilentlyAndWritesOneLine() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let scratch = ScratchDirectory()
        let directory = scratch.path
        let inputs: [[UInt8]] = [
            Array(
                #"{"session_id":"s1","hook_event_name":"SessionStart","source":"startup","cwd":"/w/app"}"#
                    .utf8),
            [], Array("garbage".utf8), [0xFF, 0xFE, 0x00],
        ]
        for (index, input) in inputs.enumerated() {
            scratch.write(input, to: "in\(index)")
            let result = try logger.run(
                stdinPath: directory + "/in\(index)", environment: ["CLAUDE_LOG_DIR": directory + "/logs"])
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.isEmpty)
        }
        let lines = logLines(in: directory)
        #expect(lines.count == inputs.count)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    }

    @Test("payloads fed through a pipe, as Claude Code runs hooks, each log one line")
    func readsPayloadsFromAPipe() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let scratch = ScratchDirectory()
        // Larger than a pipe's 64 KB buffer, so the hook reads while the writer is still writing.
        let big = String(repeating: "output line\\n", count: 20_000)
        let payloads = [
            #"{"session_id":"s1","hook_event_name":"SessionStart","source":"startup","cwd":"/w/app","model":"claude-opus-4-5"}"#,
            #"{"session_id":"s1","hook_event_name":"PostToolUse","cwd":"/w/app","tool_name":"Bash","tool_input":{"command":"ls"},"tool_response":{"stdout":"\#(big)"}}"#,
            #"{"session_id":"s1","hook_event_name":"SessionEnd","cwd":"/w/app","reason":"exit"}"#,
        ]
        for payload in payloads {
            let result = try logger.run(
                input: .pipe(Array(payload.utf8)), environment: ["CLAUDE_LOG_DIR": scratch.file("logs")])
            #expect(
                result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result.errorOutput)")
        }
        let lines = logLines(in: scratch.path)
        #expect(
            lines.compactMap { jsonObject($0)?["event"] as? String } == [
                "SessionStart", "PostToolUse", "SessionEnd",
            ])
        #expect((jsonObject(lines[1])?["tokens"] as? [String: Int])?["output"] ?? 0 > 50_000)
    }

    @Test(
        "every selected real payload through a pipe",
        .enabled(
            if: SharedFixtures.path("hook-payloads/selected.jsonl") != nil,
            "../shared/fixtures/hook-payloads is absent"))
    func handlesEverySelectedRealPayloadThroughAPipe() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let payloads = try #require(SharedFixtures.lines("hook-payloads/selected.jsonl"))
        let scratch = ScratchDirectory()
        for (index, payload) in payloads.enumerated() {
            let result = try logger.run(
                input: .pipe(payload), environment: ["CLAUDE_LOG_DIR": scratch.file("logs")])
            #expect(
                result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "payload \(index + 1)")
        }
        let lines = logLines(in: scratch.path)
        #expect(lines.count == payloads.count)
        #expect(!lines.contains { jsonObject($0)?["event"] as? String == "invalid" })
    }

    @Test("a payload over the stdin limit, through a pipe, is read to the end and logged as truncated")
    func logsAPayloadOverTheStdinLimitAsTruncated() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let scratch = ScratchDirectory()
        let head = Array(#"{"session_id":"big","hook_event_name":"PostToolUse","tool_response":""#.utf8)
        let total = (64 << 20) + (3 << 20)
        let payload =
            head + [UInt8](repeating: UInt8(ascii: "x"), count: total - head.count - 2) + Array("\"}".utf8)
        let result = try logger.run(
            input: .pipe(payload), environment: ["CLAUDE_LOG_DIR": scratch.file("logs")])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let lines = logLines(in: scratch.path)
        #expect(lines.count == 1)
        let object = try #require(lines.first.flatMap(jsonObject))
        #expect(object["event"] as? String == "invalid")
        #expect(object["session_id"] as? String == "big")
        #expect(object["bytes"] as? Int == total)
        #expect(
            object["input_error"] as? String
                == "input truncated: kept the first \(64 << 20) of \(total) bytes")
    }

    @Test func clipsA17MegabyteURLSoThatReportsReadTheLine() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let scratch = ScratchDirectory()
        let url = "https://example.com/?q=" + String(repeating: "a", count: 17 << 20)
        scratch.write(
            Array(
                #"{"session_id":"big","hook_event_name":"PostToolUse","tool_name":"WebFetch","tool_input":{"url":"\#(url)"},"tool_response":{"code":200}}"#
                    .utf8),
            to: "in")
        let result = try logger.run(
            stdinPath: scratch.file("in"), environment: ["CLAUDE_LOG_DIR": scratch.file("logs")])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = logLines(in: scratch.path)
        try #require(lines.count == 1)
        #expect(lines[0].utf8.count < 8192)
        #expect(lines[0].contains("…[clipped from \(url.utf8.count) bytes]"))
        let report = try stats.run(
            ["--range", "all", "--json", "--dir", scratch.file("logs")], environment: [:])
        #expect(report.status == 0)
        let json = try #require(jsonObject(String(decoding: report.stdout, as: UTF8.self)))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["total_operations"] as? Int == 1)
    }

    @Test func reportsAnUnwritableLogDirectoryOnStderrOnly() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let scratch = ScratchDirectory()
        let directory = scratch.path
        scratch.write(Array("x".utf8), to: "blocker")
        scratch.write(Array(#"{"hook_event_name":"Stop"}"#.utf8), to: "in")
        let result = try logger.run(
            stdinPath: directory + "/in", environment: ["CLAUDE_LOG_DIR": directory + "/blocker/logs"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(String(decoding: result.stderr, as: UTF8.self).contains("error: cannot create log directory"))
    }

    @Test func keepsEveryLineIntactUnderSixteenParallelWriters() async throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let scratch = ScratchDirectory()
        let directory = scratch.path
        // A payload big enough that its line is far longer than a pipe's atomic 4 KB.
        let command = String(repeating: "echo parallel; ", count: 30)
        let response = String(repeating: "output line\\n", count: 2000)
        let processes = 16
        let runs = 400
        for process in 0..<processes {
            scratch.write(
                Array(
                    #"{"session_id":"p\#(process)","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"\#(command)"},"tool_response":{"stdout":"\#(response)"}}"#
                        .utf8),
                to: "in\(process)")
        }
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for process in 0..<processes {
                group.addTask {
                    var failed = 0
                    for _ in 0..<runs {
                        let result = try logger.run(
                            stdinPath: directory + "/in\(process)",
                            environment: ["CLAUDE_LOG_DIR": directory + "/logs"])
                        if result.status != 0 || !result.stdout.isEmpty { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 0)
        let lines = logLines(in: directory)
        #expect(lines.count == processes * runs)
        var perSession: [String: Int] = [:]
        for line in lines {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let session = object["session_id"] as? String
            else {
                Issue.record("corrupt line: \(line.prefix(120))")
                continue
            }
            #expect((object["command"] as? String)?.count == min(command.count, 500))
            perSession[session, default: 0] += 1
        }
        #expect(perSession.count == processes)
        #expect(perSession.values.allSatisfy { $0 == runs })
    }

    @Test(
        .enabled(
            if: SharedFixtures.lines("hook-payloads/selected.jsonl") != nil,
            "../shared/fixtures/hook-payloads is absent"))
    func handlesEverySelectedRealPayload() throws {
        let logger = try #require(logger, "session-logger was not built beside the tests")
        let payloads = try #require(SharedFixtures.lines("hook-payloads/selected.jsonl"))
        let scratch = ScratchDirectory()
        let directory = scratch.path
        for (index, payload) in payloads.enumerated() {
            scratch.write(payload, to: "in")
            let result = try logger.run(
                stdinPath: directory + "/in", environment: ["CLAUDE_LOG_DIR": directory + "/logs"])
            #expect(
                result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "payload \(index + 1)")
        }
        let lines = logLines(in: directory)
        #expect(lines.count == payloads.count)
        let events = lines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String
        }
        #expect(events.count == payloads.count)
        #expect(!events.contains("invalid"))
    }
}
