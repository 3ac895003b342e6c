import Foundation
import TestSupport
import Testing

@testable import SessionLogCore

@Suite struct HookTests {
    let now = Timestamp(milliseconds: 1_795_389_961_123)

    func run(_ bytes: [UInt8], in directory: ScratchDirectory, timedOut: Bool = false) -> [HookProblem] {
        Hook.log(
            input: StandardInput.Contents(bytes: bytes, timedOut: timedOut, readError: nil),
            environment: HookEnvironment(logDirectory: directory.path + "/logs"), now: now)
    }

    func logName() -> String { LogFileName.activity(now.local.date) }

    @Test func createsAPrivateDirectoryAndFile() throws {
        let directory = ScratchDirectory()
        #expect(run(Array(#"{"hook_event_name":"Stop"}"#.utf8), in: directory).isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/logs")
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let file = try FileManager.default.attributesOfItem(atPath: directory.path + "/logs/" + logName())
        #expect((file[.posixPermissions] as? Int) == 0o600)
    }

    @Test func appendsOneLinePerRun() throws {
        let directory = ScratchDirectory()
        for index in 0..<3 {
            _ = run(
                Array(#"{"hook_event_name":"PostToolUse","session_id":"s\#(index)"}"#.utf8), in: directory)
        }
        let lines = directory.lines("logs/" + logName())
        #expect(lines.count == 3)
        #expect(lines.map { jsonObject($0)?["session_id"] as? String } == ["s0", "s1", "s2"])
    }

    /// Inputs that are not a good payload, each of which must still give exactly one valid line.
    static let badInputs: [(String, [UInt8])] = [
        ("empty", []),
        ("whitespace", Array(" \n\t".utf8)),
        ("not JSON", Array("hello world".utf8)),
        ("array", Array("[1,2,3]".utf8)),
        ("number", Array("42".utf8)),
        ("truncated", Array(#"{"session_id":"abc","tool_input":{"command":"ls"#.utf8)),
        (
            "invalid UTF-8",
            Array(#"{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"echo "#.utf8)
                + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80] + Array(#""}}"#.utf8)
        ),
        (
            "lone surrogates",
            Array(
                #"{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"a\ud800b\udfffc"},"tool_response":"\ud83d"}"#
                    .utf8)
        ),
        (
            "NUL escapes",
            Array(
                #"{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"a\u0000b"},"session_id":"x\u0000y"}"#
                    .utf8)
        ),
        ("raw NUL byte", Array(#"{"hook_event_name":"PostToolUse","x":""#.utf8) + [0] + Array(#""}"#.utf8)),
        (
            "byte order mark",
            [0xEF, 0xBB, 0xBF] + Array(#"{"hook_event_name":"SessionEnd","reason":"other"}"#.utf8)
        ),
        (
            "unknown event",
            Array(#"{"hook_event_name":"SomethingNew2030","extra":{"deep":[1,{"x":null}]}}"#.utf8)
        ),
        (
            "unexpected types",
            Array(
                #"{"hook_event_name":7,"session_id":[],"tool_name":{},"tool_input":"str","tool_response":12,"cwd":true,"duration_ms":"x"}"#
                    .utf8)
        ),
        (
            "deep nesting",
            Array(#"{"hook_event_name":"PostToolUse","tool_response":"#.utf8)
                + Array(repeating: UInt8(ascii: "["), count: 100_000)
                + Array(repeating: UInt8(ascii: "]"), count: 100_000) + [UInt8(ascii: "}")]
        ),
        (
            "deep unclosed nesting",
            Array(#"{"tool_response":"#.utf8) + Array(repeating: UInt8(ascii: "{"), count: 100_000)
        ),
        ("trailing garbage", Array(#"{"hook_event_name":"Stop"}{"again":1}"#.utf8)),
    ]

    @Test(arguments: badInputs.map(\.0))
    func writesExactlyOneValidLineForBadInput(name: String) throws {
        let input = try #require(HookTests.badInputs.first { $0.0 == name }).1
        let directory = ScratchDirectory()
        #expect(run(input, in: directory).isEmpty)
        let raw = try #require(FileManager.default.contents(atPath: directory.path + "/logs/" + logName()))
        #expect(String(validating: raw, as: UTF8.self) != nil, "the line must stay valid UTF-8")
        let lines = directory.lines("logs/" + logName())
        #expect(lines.count == 1)
        let object = try #require(jsonObject(lines[0]), "line: \(lines.first ?? "")")
        #expect(object["v"] as? Int == 1)
        #expect(object["timestamp"] as? String == "2026-11-22T23:26:01.123Z")
    }

    @Test func marksNonObjectsInvalidWithTheirSize() throws {
        let directory = ScratchDirectory()
        _ = run(Array("not json at all".utf8), in: directory)
        let object = try #require(jsonObject(directory.lines("logs/" + logName())[0]))
        #expect(object["event"] as? String == "invalid")
        #expect(object["bytes"] as? Int == 15)
        #expect(object["input_error"] as? String == "not a JSON object")
    }

    @Test func handlesAFiftyMegabytePayload() throws {
        let directory = ScratchDirectory()
        let body = String(repeating: "x", count: 50 * 1024 * 1024)
        let input = Array(
            #"{"hook_event_name":"PostToolUse","tool_name":"Read","tool_input":{"file_path":"/big"},"tool_response":"\#(body)"}"#
                .utf8)
        #expect(run(input, in: directory).isEmpty)
        let object = try #require(jsonObject(directory.lines("logs/" + logName())[0]))
        let tokens = try #require(object["tokens"] as? [String: Int])
        #expect(tokens["output"] == 50 * 1024 * 1024 / 4)
        #expect(object["file"] as? String == "/big")
    }

    @Test func saysWhenStdinWasCutAtTheLimit() throws {
        let directory = ScratchDirectory()
        let kept = Array(#"{"session_id":"s1","hook_event_name":"PostToolUse","tool_response":"xxxx"#.utf8)
        let problems = Hook.log(
            input: StandardInput.Contents(bytes: kept, timedOut: false, readError: nil, droppedBytes: 1000),
            environment: HookEnvironment(logDirectory: directory.path + "/logs"), now: now)
        #expect(problems.isEmpty)
        let object = try #require(jsonObject(directory.lines("logs/" + logName())[0]))
        #expect(object["event"] as? String == "invalid")
        #expect(object["session_id"] as? String == "s1")
        #expect(object["bytes"] as? Int == kept.count + 1000)
        #expect(
            object["input_error"] as? String
                == "input truncated: kept the first \(kept.count) of \(kept.count + 1000) bytes")
    }

    @Test func logsWhatArrivedWhenStdinTimedOut() {
        let directory = ScratchDirectory()
        let problems = run(Array(#"{"hook_event_name":"Stop"}"#.utf8), in: directory, timedOut: true)
        #expect(problems == [.stdinTimedOut(bytes: 26)])
        #expect(directory.lines("logs/" + logName()).count == 1)
    }

    @Test func reportsAnUnwritableDirectoryWithoutFailing() throws {
        let directory = ScratchDirectory()
        let blocker = directory.path + "/file"
        #expect((try? Data().write(to: URL(fileURLWithPath: blocker))) != nil)
        let problems = Hook.log(
            input: StandardInput.Contents(bytes: Array("{}".utf8), timedOut: false, readError: nil),
            environment: HookEnvironment(logDirectory: blocker + "/logs"), now: now)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("cannot create log directory") == true)
    }

    @Test func reportsAMissingHome() {
        let problems = Hook.log(
            input: StandardInput.Contents(bytes: [], timedOut: false, readError: nil),
            environment: HookEnvironment(logDirectory: nil), now: now)
        #expect(problems == [.noLogDirectory])
    }
}
