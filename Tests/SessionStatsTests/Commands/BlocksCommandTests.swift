import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `blocks` reads the ledger one local day at a time and still builds the blocks it built from
/// every request at once: a block runs on over midnight and from one day file into the next.
@Suite struct BlocksCommandTests {
    private static func record(_ id: Int, _ time: Timestamp, session: String, output: Int) -> UsageRecord {
        UsageRecord(
            timestamp: time, sessionID: session, project: "p", model: "claude-opus-4-5",
            messageID: "msg_\(id)", requestID: "req_\(id)", tokens: UsageTokens(input: 10, output: output))
    }

    /// Writes `records` into the ledger, file by file, in the order given.
    private static func write(_ files: [String: [UsageRecord]], in scratch: ScratchDirectory) -> String {
        _ = scratch.makeDirectory("logs")
        for (date, records) in files {
            _ = scratch.write(records.flatMap(\.ledgerLine), to: "logs/usage-\(date).jsonl", mode: 0o600)
        }
        return scratch.file("logs")
    }

    private static func blocksJSON(_ logs: String, _ extra: [String] = []) -> (ExitCode, String) {
        let test = TestContext(
            variables: ["CLAUDE_LOG_DIR": logs, "HOME": "/nonexistent-home"], source: .files)
        let code = test.run(["blocks", "--range", "all", "--json", "--no-sync"] + extra)
        return (code, test.captured.standardOutput)
    }

    // The blocks as the command built them before it streamed: every request in memory, sorted once.
    private static func reference(_ logs: String) -> [BillingBlock] {
        var all: [(record: UsageRecord, cost: USD)] = []
        let clock = LocalClock(now: TestContext.now, fixedUTCOffset: LogEntry.fixtureOffset)
        var query = UsageQuery(directories: [logs], roots: [], days: nil)
        query.sync = false
        let collect: (UsageRecord, USD) -> Void = { all.append(($0, $1)) }
        _ = try? query.forEachPriced(clock: clock, variables: { _ in nil }, warn: { _ in }, collect)
        var blocks: [BillingBlock] = []
        for (record, cost) in all.sorted(by: { $0.record.timestamp < $1.record.timestamp }) {
            let time = record.timestamp.milliseconds
            if var block = blocks.last, time - block.start.milliseconds <= BillingBlock.length,
                time - block.lastRequest.milliseconds <= BillingBlock.length
            {
                block.lastRequest = max(block.lastRequest, record.lastTimestamp)
                block.totals.add(record, cost: cost)
                blocks[blocks.count - 1] = block
            } else {
                var block = BillingBlock(
                    start: Timestamp(milliseconds: time - time % 3_600_000), firstRequest: record.timestamp,
                    lastRequest: record.lastTimestamp)
                block.totals.add(record, cost: cost)
                blocks.append(block)
            }
        }
        return blocks
    }

    @Test func streamingByDayGivesTheBlocksOfEveryRequestAtOnce() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        // Four days of three interleaved sessions, with gaps, late evenings running past local
        // midnight (23:00 UTC at UTC+1), some requests in the next day's file (as after a time-zone
        // change) and some copies repeated in the file before; each file written out of time order.
        var files: [String: [UsageRecord]] = [:]
        let base = try #require(Timestamp(iso8601: "2026-11-18T14:10:00Z")).milliseconds
        var resolver = LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset)
        var minutes = 0
        for id in 0..<90 {
            minutes += id % 11 == 10 ? 7 * 60 : 23 + (id * 17) % 41
            let time = Timestamp(milliseconds: base + minutes * 60_000)
            let record = Self.record(id, time, session: ["s1", "s2", "s3"][id % 3], output: 100 + id * 37)
            var day = resolver.day(of: time)
            if id % 7 == 3 { day = day.adding(days: 1) }
            let position = id % 2 == 0 ? 0 : files[day.description]?.count ?? 0
            files[day.description, default: []].insert(record, at: position)
            if id % 13 == 5 { files[day.adding(days: -1).description, default: []].append(record) }
        }
        #expect(files.count >= 4)
        let logs = Self.write(files, in: scratch)
        let expected = Self.reference(logs)
        #expect(expected.count > 3)
        #expect(expected.contains { resolver.day(of: $0.start) != resolver.day(of: $0.lastRequest) })
        for extra in [[], ["--token-limit", "max"], ["--token-limit", "50000"]] {
            let (code, output) = Self.blocksJSON(logs, extra)
            #expect(code == .success)
            var limit: Int?
            if extra.last == "max" {
                limit = expected.filter { !$0.isActive(at: TestContext.now) }.map(\.tokens).max()
            } else if let number = extra.last.flatMap({ Int($0) }) {
                limit = number
            }
            #expect(output == BlocksCommand.json(expected, now: TestContext.now, limit: limit), "\(extra)")
        }
    }

    @Test func aBlockRunsOnFromOneDayFileIntoTheNext() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        // 23:30 and 01:30 local (UTC+1): two days, two files, one block from 22:00 UTC.
        let evening = Self.record(1, Timestamp(iso8601: "2026-11-20T22:30:00Z")!, session: "s1", output: 100)
        let night = Self.record(2, Timestamp(iso8601: "2026-11-21T00:30:00Z")!, session: "s2", output: 200)
        let logs = Self.write(["2026-11-20": [evening], "2026-11-21": [night]], in: scratch)
        let (code, output) = Self.blocksJSON(logs)
        #expect(code == .success)
        let blocks = try JSONDocument(parsing: output)["blocks"]?.elements ?? []
        #expect(blocks.count == 1)
        #expect(blocks.first?["start"] == .string("2026-11-20T22:00:00.000Z"))
        #expect(blocks.first?["requests"] == .number("2"))
        #expect(blocks.first?["last_request"] == .string("2026-11-21T00:30:00.000Z"))

        // The builder itself, fed one day's batch at a time.
        var builder = BillingBlockBuilder()
        builder.add([(evening, USD(picodollars: 1))])
        builder.add([(night, USD(picodollars: 2))])
        #expect(builder.blocks.map(\.totals.requests) == [2])
        #expect(builder.blocks.first?.totals.cost == USD(picodollars: 3))
    }

    /// Blocks price every request: a Claude model the table lacks (at its family's newest rates) and
    /// one that is not Claude's ($0) are named in the text and the JSON.
    @Test func namesTheModelsItPricedAsAStandInOrNotAtAll() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let time = Timestamp(iso8601: "2026-11-22T09:00:00Z")!
        var unknown = Self.record(1, time, session: "s", output: 1000)
        unknown.model = "claude-opus-6"
        var other = Self.record(2, time, session: "s", output: 1000)
        other.model = "glm-4.7"
        let logs = Self.write(
            ["2026-11-22": [unknown, other, Self.record(3, time, session: "s", output: 1)]], in: scratch)
        let (code, json) = Self.blocksJSON(logs)
        #expect(code == .success)
        let object = try JSONDocument(parsing: Array(json.utf8))
        #expect(object["estimated_models"]?.elements?.first?["model"]?.stringValue == "claude-opus-6")
        #expect(object["estimated_models"]?.elements?.first?["priced_as"]?.stringValue == "Opus 5.5")
        #expect(object["unpriced_models"]?.elements?.compactMap(\.stringValue) == ["glm-4.7"])

        let test = TestContext(
            variables: ["CLAUDE_LOG_DIR": logs, "HOME": "/nonexistent-home"], source: .files)
        #expect(test.run(["blocks", "--range", "all", "--no-sync"]) == .success)
        let text = test.captured.standardOutput
        #expect(
            text.hasSuffix(
                "\n  Priced as Opus 5.5: claude-opus-6\n  Unpriced (not Claude models, $0 counted): glm-4.7\n"
            ))

        // Only models in the table: empty lists, no notes.
        let plainScratch = ScratchDirectory()
        defer { plainScratch.remove() }
        let plain = Self.write(
            ["2026-11-22": [Self.record(4, time, session: "t", output: 1)]], in: plainScratch)
        let (_, plainJSON) = Self.blocksJSON(plain)
        #expect(plainJSON.contains("\"requests\": 1,"))
        #expect(plainJSON.hasSuffix("  ],\n  \"estimated_models\": [],\n  \"unpriced_models\": []\n}\n"))
    }
}
