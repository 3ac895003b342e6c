import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct StatusRecordTests {
    @Test(arguments: StatusInputFixture.names)
    func roundTripsEveryFixture(name: String) throws {
        let record = StatusRecord(timestamp: TestContext.now, input: StatusInputFixture.input(name))
        let line = record.jsonLine
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
        let decoded = try #require(StatusRecord.decode(Array(line.dropLast())))
        #expect(decoded == record)
        #expect(decoded.input.transcriptPath == nil && decoded.input.currentDirectory == nil)
        // What was written is read back, and written again byte for byte.
        #expect(decoded.jsonLine == line)
    }

    @Test func keepsClaudeCodesNumbersDigitForDigit() throws {
        let record = StatusRecord(
            timestamp: TestContext.now, input: StatusInputFixture.input("v2.1.251-full"))
        let text = String(decoding: record.jsonLine, as: UTF8.self)
        #expect(text.contains("\"cost\":{\"total_cost_usd\":3.5e-1}"))
        #expect(text.contains("\"five_hour\":{\"used_percentage\":88,\"resets_at\":1795362120}"))
        #expect(text.contains("\"spend_limit\":{\"used_usd\":3.2,\"limit_usd\":50}"))
        #expect(
            text.contains(
                "\"prompt_cache\":{\"caching_observed\":true,\"ttl\":\"1h\",\"expires_at\":1795361460,\"hit_ratio\":0.93,\"misses\":2,\"tokens_to_recache\":140233}"
            ))
        #expect(text.hasPrefix("{\"v\":1,\"timestamp\":\"2026-11-22T15:00:00.000Z\",\"session_id\":"))
    }

    @Test(arguments: [
        "", "{}", "{\"timestamp\":5}", "{\"timestamp\":\"yesterday\"}", "[1]",
        "{\"timestamp\":\"2026-11-22T15:00:00Z\"",
    ])
    func rejectsLinesWithoutATimestamp(line: String) {
        #expect(StatusRecord.decode(Array(line.utf8)) == nil)
    }

    @Test func anEmptyInputIsNotWorthALine() {
        #expect(StatusRecord(timestamp: TestContext.now, input: StatusLineInput()).isEmpty)
        var cwdOnly = StatusLineInput()
        cwdOnly.currentDirectory = "/x"
        #expect(StatusRecord(timestamp: TestContext.now, input: cwdOnly).isEmpty)
        #expect(!StatusRecord(timestamp: TestContext.now, input: StatusInputFixture.input("v1.0")).isEmpty)
    }
}
