import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The sizes `sync` records for attribution (docs/usage-format.md, "Sizes").
@Suite struct UsageSyncPiecesTests {
    private static let session = "44444444-4444-4444-4444-444444444444"

    private static func line(_ type: String, _ time: String, _ message: String) -> String {
        #"{"type":"\#(type)","sessionId":"\#(session)","cwd":"/home/user/demo","timestamp":"2026-03-03T10:00:0\#(time).000Z","requestId":"req_\#(time)","message":\#(message)}"#
            + "\n"
    }

    private static func answer(_ id: String, _ content: String, output: Int) -> String {
        #"{"model":"claude-sonnet-4-5-20250929","id":"\#(id)","role":"assistant","content":[\#(content)],"usage":{"input_tokens":1,"output_tokens":\#(output),"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}"#
    }

    private func read(_ scratch: ScratchDirectory) throws -> [UsageRecord] {
        var sync = UsageSync(
            directory: scratch.file("logs"), roots: [scratch.file("projects")],
            localDays: LocalDayResolver(utcOffsetSeconds: 0))
        _ = try sync.run()
        var reader = UsageLedgerReader(
            directories: [scratch.file("logs")], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        return reader.read(days: nil).records.sorted { $0.timestamp < $1.timestamp }
    }

    @Test func streamingCopiesTogetherHoldEveryBlock() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("projects/-home-user-demo")
        let file = "projects/-home-user-demo/\(Self.session).jsonl"
        _ = scratch.write(
            Self.line("user", "0", #"{"role":"user","content":"four"}"#)
                + Self.line(
                    "assistant", "1",
                    Self.answer(
                        "msg_01S", #"{"type":"thinking","thinking":"hmm","signature":"x"}"#, output: 5))
                + Self.line(
                    "assistant", "1", Self.answer("msg_01S", #"{"type":"text","text":"ok!"}"#, output: 5))
                + Self.line(
                    "assistant", "1",
                    Self.answer(
                        "msg_01S",
                        #"{"type":"tool_use","id":"toolu_01A","name":"Bash","input":{"command":"ls"}}"#,
                        output: 9))
                + Self.line(
                    "assistant", "1",
                    Self.answer(
                        "msg_01S", #"{"type":"tool_use","id":"toolu_01B","name":"Bash","input":{}}"#,
                        output: 9)),
            to: file)
        let records = try read(scratch)
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.toolUseIDs == ["toolu_01A", "toolu_01B"])
        #expect(record.pieces.toolInputChars == [16, 2])
        #expect(record.pieces.textChars == 3)
        #expect(record.pieces.thinkingChars == 3)
        #expect(record.pieces.promptChars == 4)
        #expect(record.tokens.output == 9)
    }

    @Test func aResultWaitingForItsRequestIsCarriedIntoTheNextSync() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("projects/-home-user-demo")
        let file = "projects/-home-user-demo/\(Self.session).jsonl"
        _ = scratch.write(
            Self.line("user", "0", #"{"role":"user","content":"go"}"#)
                + Self.line(
                    "assistant", "1",
                    Self.answer(
                        "msg_01P", #"{"type":"tool_use","id":"toolu_01R","name":"Read","input":{}}"#,
                        output: 3))
                + Self.line(
                    "user", "2",
                    #"{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01R","content":"12345678"}]}"#
                ),
            to: file)
        #expect(try read(scratch).count == 1)
        // The request the result was waiting for arrives after the first sync.
        scratch.append(
            Self.line("assistant", "3", Self.answer("msg_01Q", #"{"type":"text","text":"done"}"#, output: 2)),
            to: file)
        let records = try read(scratch)
        #expect(records.count == 2)
        #expect(records[1].pieces.resultIDs == ["toolu_01R"])
        #expect(records[1].pieces.resultChars == [10])
        #expect(records[0].pieces.promptChars == 2)
        #expect(records[1].pieces.promptChars == 0)
    }

    @Test func aCompactionStartsANewContext() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("projects/-home-user-demo")
        _ = scratch.write(
            Self.line("assistant", "1", Self.answer("msg_01C1", #"{"type":"text","text":"a"}"#, output: 1))
                + #"{"type":"system","subtype":"compact_boundary","sessionId":"\#(Self.session)","timestamp":"2026-03-03T10:00:02.000Z"}"#
                + "\n"
                + Self.line("user", "3", #"{"role":"user","content":"summary of it all"}"#)
                .replacingOccurrences(
                    of: #""type":"user","#, with: #""type":"user","isCompactSummary":true,"#)
                + Self.line(
                    "assistant", "4", Self.answer("msg_01C2", #"{"type":"text","text":"b"}"#, output: 1)),
            to: "projects/-home-user-demo/\(Self.session).jsonl")
        let records = try read(scratch)
        #expect(records.map(\.pieces.compacted) == [false, true])
        #expect(records[1].pieces.promptChars == 0)
    }
}
