import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The ledger reader streams requests and still keeps exactly one copy of each.
@Suite struct UsageLedgerReaderTests {
    private func record(_ id: String, _ time: String, output: Int, session: String = "s1") -> UsageRecord {
        UsageRecord(
            timestamp: Timestamp(iso8601: time)!, sessionID: session, project: "p", model: "claude-opus-4-5",
            messageID: id, requestID: "req_" + id, tokens: UsageTokens(input: 10, output: output))
    }

    private func write(_ records: [UsageRecord], to name: String, in scratch: ScratchDirectory) {
        _ = scratch.write(records.flatMap(\.ledgerLine), to: "logs/" + name, mode: 0o600)
    }

    @Test func repeatsAcrossFilesKeepTheBestCopyOnce() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("logs")
        // A crash repeated a line; a streaming copy that grew landed in the next day's file.
        let first = record("msg_01a", "2026-03-01T23:59:59.000Z", output: 5)
        let grown = record("msg_01a", "2026-03-02T00:00:01.000Z", output: 50)
        let other = record("msg_01b", "2026-03-01T10:00:00.000Z", output: 7)
        let proxied = record("msg_2025", "2026-03-01T11:00:00.000Z", output: 3, session: "s2")
        write([first, other, other, proxied], to: "usage-2026-03-01.jsonl", in: scratch)
        write([grown, first], to: "usage-2026-03-02.jsonl", in: scratch)
        var reader = UsageLedgerReader(
            directories: [scratch.file("logs")], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var streamed: [UsageRecord] = []
        let result = reader.read(days: nil) { streamed.append($0) }
        #expect(result.records.isEmpty)
        #expect(result.duplicates == 3)
        #expect(Set(streamed) == [grown, other, proxied])
        #expect(streamed.count == 3)
        let day = try #require(CivilDate("2026-03-01"))
        let firstDay = reader.read(days: day...day).records
        #expect(Set(firstDay) == [other, proxied])
    }

    @Test func requestsAreHandedOnInFileOrderWhateverTheirFingerprints() {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("logs")
        // "m|msg_01Collide0079599" and "m|msg_01Collide0262382" share the 32-bit FNV-1a 0xaf5db242
        // (found once by hashing "m|msg_01Collide%07d" for i = 0, 1, … until two matched); an
        // earlier reader sent such pairs down the exact path and handed them on last.
        let first = record("msg_01a", "2026-03-01T10:00:00.000Z", output: 1)
        let collidingA = record("msg_01Collide0079599", "2026-03-01T10:01:00.000Z", output: 2)
        let middle = record("msg_01b", "2026-03-01T10:02:00.000Z", output: 3)
        let collidingB = record("msg_01Collide0262382", "2026-03-01T10:03:00.000Z", output: 4)
        let copied = record("msg_01c", "2026-03-01T10:04:00.000Z", output: 5)
        let last = record("msg_01d", "2026-03-01T10:05:00.000Z", output: 6)
        let grown = record("msg_01c", "2026-03-01T10:04:01.000Z", output: 50)
        #expect(
            UsageLedgerReader.fingerprint(RequestKey.of(collidingA))
                == UsageLedgerReader.fingerprint(RequestKey.of(collidingB)))
        write(
            [first, collidingA, middle, collidingB, copied, last, grown], to: "usage-2026-03-01.jsonl",
            in: scratch)
        var reader = UsageLedgerReader(
            directories: [scratch.file("logs")], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        let result = reader.read(days: nil)
        // A true copy is handed on as its kept copy where its first copy lies.
        #expect(result.records == [first, collidingA, middle, collidingB, grown, last])
        #expect(result.duplicates == 1)
    }
}
