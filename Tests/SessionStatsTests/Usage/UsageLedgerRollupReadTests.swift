import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Reading a rotated ledger keeps no set of the roll-ups' keys: only the keys whose fingerprint a
/// usage line shares are kept as text, so fingerprints that collide (forced by a mask) and live
/// copies of rolled-up requests give exactly the reads of 64-bit fingerprints.
@Suite struct UsageLedgerRollupReadTests {
    static let utcPlusOne = LocalDayResolver(utcOffsetSeconds: 3_600)

    /// `UsageRollupCopiesTests`'s ledger rolled up before 2026-11-22, whose file still holds copies of
    /// rolled-up requests (one with fewer tokens, one with more) and a new request.
    static func rotatedLedger(_ scratch: ScratchDirectory) throws -> String {
        let logs = UsageRollupCopiesTests.makeLogs(scratch)
        let descriptor = try Rotation.lock(logs)
        defer { try? descriptor.close() }
        try UsageRotation.run(
            directory: logs, firstKept: CivilDate("2026-11-22")!, table: .builtIn, localDays: utcPlusOne,
            directoryDescriptor: descriptor)
        return logs
    }

    /// Everything the three reads give, as comparable values.
    struct Reads: Equatable {
        var plain: [UsageRecord]
        var plainResult: [Int]
        var summaries: [String]
        var handedOn: [[UsageRecord]]
        var byDay: [String]
        var byDayResult: [Int]
    }

    static func reads(_ logs: String, mask: UInt64, days: ClosedRange<CivilDate>?) -> Reads {
        func counts(_ result: UsageLedgerReader.Result) -> [Int] {
            [
                result.duplicates, result.skippedLines, result.filesRead, result.rollupRows,
                result.ledgerDates.count,
            ]
        }
        var reader = UsageLedgerReader(directories: [logs], localDays: utcPlusOne)
        reader.fingerprintMask = mask
        let plain = reader.read(days: days)
        var summaries: [String] = []
        var handedOn: [[UsageRecord]] = []
        for threads in [1, 2] {
            var records: [UsageRecord] = []
            let (summary, result) = reader.summarize(
                days: days, table: .builtIn, filter: EntryFilter(), threads: threads, handsOn: true
            ) { records.append($0) }
            summaries.append(UsageLedgerSummaryTests.text(summary) + "\(counts(result))")
            handedOn.append(records)
        }
        var byDay: [String] = []
        let byDayResult = reader.readByDay(days: days) { day, records in
            // A day's records come in no particular order.
            byDay.append("\(day): " + records.map { "\($0)" }.sorted().joined(separator: "\n"))
        }
        return Reads(
            plain: plain.records.map { $0.leavingOutIdentity() }, plainResult: counts(plain),
            summaries: summaries, handedOn: handedOn,
            byDay: byDay, byDayResult: counts(byDayResult))
    }

    @Test(arguments: [nil, "2026-11-21", "2026-11-22"] as [String?])
    func collidingFingerprintsGiveTheReadsOfDistinctOnes(day: String?) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = try Self.rotatedLedger(scratch)
        #expect(scratch.names(in: logs).contains("usage-rollup-2026-11-21.jsonl"))
        let days = day.flatMap(CivilDate.init).map { $0...$0 }
        let expected = Self.reads(logs, mask: .max, days: days)
        #expect(!expected.plain.isEmpty)
        #expect(expected.handedOn.allSatisfy { $0 == expected.plain })
        // Every print equal, or two bits of it: every line and key goes down the exact path.
        for mask in [UInt64(0), 3] {
            #expect(Self.reads(logs, mask: mask, days: days) == expected, "mask \(mask)")
        }
    }

    /// The live copies of rolled-up requests are dropped (the roll-up keeps the better copy), so the
    /// rotated ledger sums to the figures of the ledger before rotation.
    @Test func liveCopiesOfRolledUpRequestsCountOnce() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let before = UsageRollupCopiesTests.makeLogs(scratch, "before")
        let logs = try Self.rotatedLedger(scratch)
        func summary(_ directory: String, mask: UInt64) -> (String, UsageLedgerReader.Result) {
            var reader = UsageLedgerReader(directories: [directory], localDays: Self.utcPlusOne)
            reader.fingerprintMask = mask
            let (summary, result) = reader.summarize(
                days: nil, table: .builtIn, filter: EntryFilter(), threads: 2)
            return (UsageLedgerSummaryTests.text(summary), result)
        }
        let (expected, unrotated) = summary(before, mask: .max)
        #expect(expected.contains("\"requests\": 14"))
        #expect(unrotated.rollupRows == 0)
        for mask in [UInt64.max, 0] {
            let (text, result) = summary(logs, mask: mask)
            #expect(text == expected, "mask \(mask)")
            // Today's copy of msg_01C009 with fewer tokens is dropped: the roll-up holds it. Its copy
            // of msg_01C010 with more tokens is the kept one, so rotate dropped the rolled-up day's.
            #expect(result.duplicates == 1, "mask \(mask)")
            #expect(result.rollupRows > 0)
        }
    }

    /// A roll-up's keys are fingerprinted from its bytes as `fingerprint64` hashes the decoded key,
    /// escaped or not, so a key written with escapes still drops its live copy.
    @Test func keyPrintsFromBytesAreThoseOfTheDecodedKeys() throws {
        let line = Array(#"["m|msg_01A","m|msg_01\u0042","p|x\u00e9|req_1","",7,"s|s1|msg_2"]"#.utf8)
        var prints: [UInt64] = []
        try line.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer, start: 0, end: buffer.count)
            let count = try scanner.forEachStringElement { _, token, scanner in
                prints.append(UsageLedgerReader.fingerprint64(token, in: scanner))
            }
            #expect(count == 5)
        }
        let keys = ["m|msg_01A", "m|msg_01B", "p|xé|req_1", "", "s|s1|msg_2"]
        #expect(prints == keys.map(UsageLedgerReader.fingerprint64))
    }
}
