import SessionLogCore
import Testing

@testable import SessionStats

/// A usage roll-up row keeps the directory of its earliest request, however its requests arrive,
/// and reads back the rows written before it had one.
@Suite struct UsageRollupRowDirectoryTests {
    static func row(_ time: String, cwd: String, id: String) -> UsageRollupRow {
        let request = UsageRecord(
            timestamp: Timestamp(iso8601: time)!, sessionID: "s", project: "app", cwd: cwd,
            model: "claude-opus-4-5", messageID: id, tokens: UsageTokens(input: 1, output: 1))
        return UsageRollupRow(
            day: CivilDate("2026-11-20")!, request: request, key: "m|" + id, isLongContext: false)
    }

    static let requests = [
        row("2026-11-20T09:30:00.000Z", cwd: "/home/u/app/sub", id: "msg_01B"),
        row("2026-11-20T09:10:00.000Z", cwd: "/home/u/app/z", id: "msg_01A"),
        row("2026-11-20T09:10:00.000Z", cwd: "/home/u/app", id: "msg_01C"),
        row("2026-11-20T09:50:00.000Z", cwd: "", id: "msg_01D"),
    ]

    @Test(arguments: [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]])
    func theEarliestRequestsDirectoryInAnyOrder(order: [Int]) throws {
        var row = Self.requests[order[0]]
        for index in order.dropFirst() {
            let absorbed = row.absorb(Self.requests[index])
            #expect(absorbed)
        }
        #expect(row.record.cwd == "/home/u/app")
        #expect(row.record.timestamp == Timestamp(iso8601: "2026-11-20T09:10:00.000Z"))
        #expect(row.record.requests == 4)

        let line = row.jsonLine
        #expect(String(decoding: line, as: UTF8.self).contains(#""project":"app","cwd":"/home/u/app","#))
        let read = try line.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, start: 0, end: buffer.count - 1)
            return try UsageRollupRow.decode(&scanner)
        }
        #expect(read?.record.cwd == "/home/u/app")
        #expect(read == row)
    }

    @Test func aRowWithoutADirectoryReadsAsUnknown() throws {
        let line = Array(
            (#"{"usage_rollup":2,"day":"2026-11-20","session_id":"s","project":"app","model":"claude-opus-4-5","#
                + #""requests":1,"input":1,"output":1,"cache_write_5m":0,"cache_write_1h":0,"cache_read":0,"#
                + #""first":"2026-11-20T09:10:00.000Z","last":"2026-11-20T09:10:00.000Z","keys":["m|msg_01A"]}"#)
                .utf8)
        let read = try line.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, start: 0, end: buffer.count)
            return try UsageRollupRow.decode(&scanner)
        }
        let row = try #require(read)
        #expect(row.record.cwd == "")
        #expect(!String(decoding: row.jsonLine, as: UTF8.self).contains("cwd"))
    }
}
