import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct UsageRecordTests {
    static let full: UsageRecord = {
        var record = UsageRecord(
            timestamp: Timestamp(iso8601: "2026-03-01T10:00:01.250Z")!, sessionID: "s-1", project: "demo",
            cwd: "/home/u/demo/sub \"quoted\"", model: "claude-opus-4-6", messageID: "msg_01A",
            requestID: "req_01A",
            tokens: UsageTokens(input: 1, output: 2, cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 5))
        record.webSearchRequests = 6
        record.speed = "fast"
        record.inferenceGeo = "us"
        record.isSidechain = true
        record.agentID = "a9"
        record.toolUseIDs = ["toolu_1", "toolu_2"]
        record.attribution = UsageAttribution(
            skill: "pdf", plugin: "p", mcpServer: "github", mcpTool: "search", agent: "Explore")
        record.pieces.isKnown = true
        record.pieces.toolInputChars = [16, 0]
        record.pieces.textChars = 12
        record.pieces.thinkingChars = 300
        record.pieces.promptChars = 40
        record.pieces.resultIDs = ["toolu_0", "toolu_T"]
        record.pieces.resultChars = [9_000, 120]
        record.pieces.resultAgentIDs = ["", "a4cbf379df773b978"]
        record.pieces.compacted = true
        record.cacheMiss = UsageCacheMiss(reason: "system_changed", missedTokens: 53_627)
        return record
    }()

    static let minimal = UsageRecord(
        timestamp: Timestamp(milliseconds: 0), sessionID: "s", model: "m", tokens: .zero)

    @Test(arguments: [full, minimal])
    func roundTripsThroughALedgerLine(record: UsageRecord) throws {
        let line = record.ledgerLine
        #expect(line.last == UInt8(ascii: "\n"))
        let decoded = try line.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, end: buffer.count - 1)
            var decoder = UsageLineDecoder()
            return try decoder.decode(&scanner)
        }
        #expect(decoded == record)
    }

    @Test func sizesThatDoNotLineUpWithTheirIDsAreDropped() throws {
        let line = Array(
            (#"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m","tool_use_ids":["a"],"#
                + #""tool_input_chars":[1,2],"text_chars":3}"#).utf8)
        let decoded = try line.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, end: buffer.count)
            var decoder = UsageLineDecoder()
            return try decoder.decode(&scanner)
        }
        #expect(decoded?.toolUseIDs == ["a"])
        #expect(decoded?.pieces == UsagePieces())
    }

    @Test func newerVersionsAndMissingFieldsAreNoRecord() throws {
        for text in [
            #"{"v":2,"timestamp":"2026-01-01T00:00:00.000Z","session_id":"s","model":"m"}"#,
            #"{"v":1,"session_id":"s","model":"m"}"#,
            #"{"v":1,"timestamp":"2026-01-01T00:00:00.000Z","model":"m"}"#,
            #"{"timestamp":"2026-01-01T00:00:00.000Z","session_id":"s","model":"m"}"#,
        ] {
            let bytes = Array(text.utf8)
            let decoded = try bytes.withUnsafeBufferPointer { buffer in
                var scanner = JSONScanner(buffer)
                var decoder = UsageLineDecoder()
                return try decoder.decode(&scanner)
            }
            #expect(decoded == nil, "\(text)")
        }
    }
}
