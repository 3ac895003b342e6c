import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The report's decoder for attribution (`leavesOutIdentity`, `readsPlainly`, interned ids, reserved
/// arrays) reads every line exactly as the full decoder does, less the identifying fields.
@Suite struct UsageLineDecoderTests {
    /// Lines with escapes, odd key orders, odd spacing, missing, extra and ill-typed fields, and
    /// other versions.
    static let lines = [
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","message_id":"msg_01A","request_id":"req_1","cwd":"/w/p","project":"p","tool_use_ids":["toolu_1","toolu_2"],"tool_input_chars":[3,4],"text_chars":5,"result_ids":["toolu_0"],"result_chars":[7]}"#,
        #"{"tool_use_ids":["toolu_\u0031","to,ol]u_2"],"result_ids":[],"model":"m","session_id":"s\"q","timestamp":"2026-03-01T10:00:00.000Z","v":1,"message_id":"msg_\u0030","cwd":"\/w","tool_input_chars":[ 1 , 2 ],"text_chars":1}"#,
        #"{ "v" : 1 , "timestamp" : "2026-03-01T10:00:00.000Z" , "session_id" : "s" , "model" : "m" , "tool_use_ids" : [ "a" , 3 , "bb" , null ] , "result_ids" : [ "x" ] , "result_chars" : [ 9 ] , "text_chars" : 0 , "tool_input_chars" : [ 1 , 2 ] }"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":"none","result_ids":{"a":1},"result_agent_ids":["","a1"],"tool_input_chars":[]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","cwd":null,"message_id":null,"request_id":"","new_key":{"deep":[1,{"x":"]"}]},"input":-3,"output":"7"}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["abc","d"],"tool_input_chars":[1,2],"text_chars":1,"result_ids":["abcdefghijklmnop","q","r","s","t"],"result_chars":[1,2,3,4,5]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","cwd":5}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","message_id":7}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["a"#,
        #"{"v":2,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
        #"{"v":0,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
        #"{"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
        #"{"v":1,"session_id":"s","model":"m","cwd":"/w"}"#,
        // Numbers the plain integer loop must hand on: signs, fractions, exponents, leading zeros,
        // 18 to 20 digits, spaces, and a number at the end of the bytes.
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","input":-0,"output":12.9,"cache_read":1e3,"cache_write_5m":0012,"text_chars":7E1,"tool_use_ids":["a"],"tool_input_chars":[1.5,-2]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","input":0,"output":12.9,"cache_read":1e3,"text_chars":7E1,"tool_use_ids":["a","b"],"tool_input_chars":[1.5,-2]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","input":999999999999999999,"output":9999999999999999999,"cache_read":99999999999999999999,"cache_write_1h":123456789012345678 ,"text_chars": 5}"#,
        #"{"v":1.0,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
        #"{"v":01,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","output":1"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","web_search_requests":2,"cache_missed_tokens":30,"cache_miss":"tools_changed","prompt_chars":0,"thinking_chars":18}"#,
        // Strings the plain string loop must hand on: non-ASCII, control bytes, escapes.
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","project":"café","tool_use_ids":["été","b"],"tool_input_chars":[1,2],"text_chars":1,"result_ids":["a\"b"],"result_chars":[3]}"#,
        "{\"v\":1,\"timestamp\":\"2026-03-01T10:00:00.000Z\",\"session_id\":\"s\u{1}\",\"model\":\"m\"}",
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","message_id":"msg_01\u0041","request_id":"req\/1","speed":"f\u0061st","inference_geo":"u\u0073","agent_id":"a\n","attribution_skill":"s\u00e9","cwd":"\/w"}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["a","b"],"tool_input_chars":[1,2],"text_chars":1,"result_ids":["a" , "b"],"result_chars":[1 ,2],"result_agent_ids":["","x"]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["a",]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_input_chars":[1,]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","result_chars":[1 2]}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["a""b"]}"#,
        // Keys where the writer's order guesses wrong: repeated, near misses, reversed, last.
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","project":"p","model":"m","session_id":"t","input":1,"inputs":2,"input ":3,"output":4,"cache_read":5,"cache_read":6,"cache_miss_x":"a","cache_miss":"tools_changed","cache_missed_tokens":5,"v":1}"#,
        #"{"tool_input_chars":[2],"text_chars":1,"tool_use_ids":["a"],"model":"m","session_id":"s","timestamp":"2026-03-01T10:00:00.000Z","v":1,"project":"p"}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","compacted":true,"sidechain":true,"agent_id":"x","speed":"fast","inference_geo":"us","web_search_requests":3,"attribution_mcp_server":"srv","attribution_mcp_tool":"t","attribution_agent":"ag","attribution_plugin":"pl","attribution_skill":"sk"}"#,
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","Model":"n","model" :"o","v":1}"#,
    ]

    @Test(arguments: lines)
    func oddLinesDecodeAsTheFullDecoderReadsThem(line: String) {
        Self.expectSameDecoding(Array(line.utf8))
    }

    /// A line whose `tool_input_chars` is `text` (its ids as many as a plain array of that text has).
    static func sizesLine(_ text: String, ids: Int = 2) -> [UInt8] {
        let ids = (0..<ids).map { "\"t\($0)\"" }.joined(separator: ",")
        return Array(
            (#"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["#
                + ids + #"],"text_chars":1,"tool_input_chars":"# + text + "}").utf8)
    }

    /// Number arrays at the plain path's edges: 63 to 65 elements, 17 to 19 digits, zeros.
    @Test func longNumberArraysDecodeAsTheFullDecoderReadsThem() {
        for count in [1, 2, 63, 64, 65, 70] {
            let text = "[" + (0..<count).map { String($0 * 7) }.joined(separator: ",") + "]"
            Self.expectSameDecoding(Self.sizesLine(text, ids: count))
        }
        for text in [
            "[12345678901234567]", "[123456789012345678]", "[1234567890123456789]", "[0,0,10,100]", "[00]",
            "[9223372036854775807]", "[1,2]x", "[1,2", "[1,2,",
        ] {
            Self.expectSameDecoding(Self.sizesLine(text))
        }
    }

    /// Every short text of digits, signs, fractions, exponents, spaces and array punctuation after
    /// a `[`, as a line's `tool_input_chars`.
    @Test func everyShortNumberArrayDecodesAsTheFullDecoderReadsIt() {
        let texts = ShortTexts.every(["]", ",", "0", "1", "9", "-", ".", " ", "e", "\""], length: 5)
        #expect(texts.count > 100_000)
        for text in texts {
            Self.expectSameDecoding(Self.sizesLine("[" + String(decoding: text, as: UTF8.self)))
        }
    }

    /// Interned ids and number arrays whose room was guessed hold what the line says.
    @Test func arraysHoldTheirElements() throws {
        func decode(_ line: String) throws -> UsageRecord? {
            try Array(line.utf8).withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                var decoder = UsageLineDecoder(leavesOutIdentity: true, readsPlainly: true)
                return try decoder.decode(&scanner)
            }
        }
        let escaped = try #require(try decode(Self.lines[1]))
        #expect(escaped.toolUseIDs == ["toolu_1", "to,ol]u_2"])
        #expect(escaped.pieces.toolInputChars == [1, 2])
        #expect(escaped.sessionID == "s\"q")
        let mixed = try #require(try decode(Self.lines[2]))
        #expect(mixed.toolUseIDs == ["a", "bb"])
        #expect(mixed.pieces.resultIDs == ["x"])
        let uneven = try #require(try decode(Self.lines[5]))
        #expect(uneven.pieces.resultIDs == ["abcdefghijklmnop", "q", "r", "s", "t"])
        #expect(uneven.pieces.resultChars == [1, 2, 3, 4, 5])
        #expect(uneven.cwd == "" && uneven.messageID == nil)
    }

    /// Every line of a ledger synced from the hand-made transcripts and, when present, the real ones.
    @Test func syncedLedgerLinesDecodeAsTheFullDecoderReadsThem() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        var roots = ["streaming-duplicates", "missing-request-id"].map(TranscriptFixtures.root)
        if let shared = TranscriptFixtures.shared {
            roots.append(shared)
        } else {
            print("skipped the real transcripts: ../shared/fixtures/transcripts/projects is absent")
        }
        let logs = scratch.file("logs")
        let (_, ledger) = try TranscriptFixtures.syncAndRead(roots, into: logs)
        #expect(!ledger.records.isEmpty)
        var lines = 0
        for name in scratch.names(in: logs) where name.hasPrefix("usage-") && name.hasSuffix(".jsonl") {
            let text = try #require(ScratchDirectory(existingPath: logs).read(name))
            for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
                Self.expectSameDecoding(Array(line))
                lines += 1
            }
        }
        #expect(lines >= ledger.records.count)
    }

    // Decodes `bytes` with the full decoder and with the plain readers, with and without the
    // identity: the same record (less its identity), the same fields and fingerprint, or the same
    // failure.
    static func expectSameDecoding(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        for leavesOutIdentity in [true, false] {
            expectSameDecoding(bytes, leavesOutIdentity: leavesOutIdentity, sourceLocation: sourceLocation)
        }
    }

    static func expectSameDecoding(_ bytes: [UInt8], leavesOutIdentity: Bool, sourceLocation: SourceLocation)
    {
        bytes.withUnsafeBufferPointer { buffer in
            var fullScanner = JSONScanner(buffer)
            var full = UsageLineDecoder()
            var fullFields = LedgerLineFields()
            let fullRecord = Result { () throws(JSONScanError) in
                try full.decode(&fullScanner, fields: &fullFields)
            }
            var scanner = JSONScanner(buffer)
            var lean = UsageLineDecoder(leavesOutIdentity: leavesOutIdentity, readsPlainly: true)
            var fields = LedgerLineFields()
            let record = Result { () throws(JSONScanError) in try lean.decode(&scanner, fields: &fields) }
            let text = String(decoding: bytes, as: UTF8.self)
            switch (fullRecord, record) {
            case (.success(let expected), .success(let decoded)):
                let wanted = leavesOutIdentity ? expected?.leavingOutIdentity() : expected
                #expect(decoded == wanted, "\(text)", sourceLocation: sourceLocation)
                #expect(scanner.offset == fullScanner.offset, "\(text)", sourceLocation: sourceLocation)
                guard expected != nil else { return }
                #expect(
                    fields.fingerprint64(in: scanner) == fullFields.fingerprint64(in: fullScanner), "\(text)",
                    sourceLocation: sourceLocation)
                #expect("\(fields)" == "\(fullFields)", "\(text)", sourceLocation: sourceLocation)
            case (.failure, .failure): break
            default:
                Issue.record("\(text): \(fullRecord) vs \(record)", sourceLocation: sourceLocation)
            }
        }
    }
}
