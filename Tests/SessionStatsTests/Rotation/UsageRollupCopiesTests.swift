import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `rotate` on a ledger whose requests have copies in several day files and cache misses: every
/// report, cache misses included, is the same before and after, whatever the fingerprints collide.
@Suite struct UsageRollupCopiesTests {
    static let main = "44444444-4444-4444-4444-444444444444"
    static let resumed = "55555555-5555-5555-5555-555555555555"

    static func request(
        _ time: String, _ messageID: String?, session: String = main, model: String = "claude-opus-4-6",
        _ tokens: UsageTokens, miss: UsageCacheMiss? = nil
    ) -> UsageRecord {
        var record = UsageRecord(
            timestamp: Timestamp(iso8601: time)!, sessionID: session, project: "copies",
            cwd: "/home/u/copies",
            model: model, messageID: messageID, requestID: messageID.map { "req_" + $0 }, tokens: tokens)
        record.cacheMiss = miss
        return record
    }

    static func tokens(_ input: Int, _ output: Int, _ write5m: Int, _ write1h: Int, _ read: Int)
        -> UsageTokens
    {
        UsageTokens(
            input: input, output: output, cacheWrite5m: write5m, cacheWrite1h: write1h, cacheRead: read)
    }

    /// Five local days (UTC+1) of ledger, 2026-11-18 to today, 2026-11-22: misses of every kind of
    /// cache-write split, and copies within a file, across midnight, a resumed session's replay days
    /// later, and copies of rolled-up days' requests in today's file, with fewer and with more tokens.
    static func ledger(in logs: String) {
        let streamed = request("2026-11-18T22:59:59.900Z", "msg_01C004", tokens(3, 1, 0, 0, 9_000))
        var grown = streamed
        grown.timestamp = Timestamp(iso8601: "2026-11-18T23:00:00.200Z")!
        grown.tokens.output = 500
        let uncached = request(
            "2026-11-18T10:20:00.000Z", "msg_01C002", tokens(900, 40, 0, 0, 0),
            miss: UsageCacheMiss(reason: "tools_changed", missedTokens: 999))
        var replay = uncached
        replay.sessionID = resumed
        replay.timestamp = Timestamp(iso8601: "2026-11-20T08:00:00.000Z")!
        let split = request(
            "2026-11-18T10:05:00.000Z", "msg_01C001", tokens(5, 120, 300, 700, 4_000),
            miss: UsageCacheMiss(reason: "system_changed", missedTokens: 5_001))
        let later = request(
            "2026-11-21T09:30:00.000Z", "msg_01C009", tokens(2, 80, 100, 0, 7_000),
            miss: UsageCacheMiss(reason: "messages_changed", missedTokens: 333))
        var laterSmaller = later
        laterSmaller.tokens.output = 10
        let grows = request("2026-11-21T09:40:00.000Z", "msg_01C010", tokens(2, 20, 0, 0, 7_000))
        var grownToday = grows
        grownToday.tokens.output = 90
        var fast = request(
            "2026-11-21T11:00:00.000Z", "msg_01C011", tokens(7, 60, 1_000, 3, 2_000),
            miss: UsageCacheMiss(reason: "system_changed", missedTokens: 2_500))
        fast.speed = "fast"
        var aside = request(
            "2026-11-19T09:00:00.000Z", "msg_01C006", model: "claude-haiku-4-5-20251001",
            tokens(10, 10, 0, 0, 100), miss: UsageCacheMiss(reason: "previous_message_not_found"))
        aside.isSidechain = true
        aside.agentID = "a1"
        // A proxy's one-second id without a request id is unique only within its session.
        var proxy = request("2026-11-18T13:00:00.000Z", "msg_20261118130000", tokens(1, 2, 3, 0, 4))
        proxy.requestID = nil
        var proxyOtherSession = proxy
        proxyOtherSession.sessionID = resumed
        let files: [(String, [UsageRecord])] = [
            (
                "2026-11-18",
                [
                    split, uncached, split,
                    request(
                        "2026-11-18T12:00:00.000Z", "msg_01C003", model: "claude-sonnet-4-5-20250929",
                        tokens(10, 300, 1_000, 0, 250_000),
                        miss: UsageCacheMiss(reason: "messages_changed", missedTokens: 40_000)),
                    streamed,
                    proxy, proxyOtherSession,
                ]
            ),
            (
                "2026-11-19",
                [
                    grown, aside,
                    request("2026-11-19T10:00:01.000Z", nil, model: "glm-4.7", tokens(50, 5, 0, 0, 0)),
                ]
            ),
            (
                "2026-11-20",
                [
                    replay,
                    request(
                        "2026-11-20T09:00:00.000Z", "msg_01C007", tokens(4, 40, 0, 200, 3_000),
                        miss: UsageCacheMiss(reason: "system_changed", missedTokens: 100)),
                    request("2026-11-20T09:30:00.000Z", "msg_01C008", tokens(4, 41, 10, 20, 3_000)),
                ]
            ),
            ("2026-11-21", [later, grows, fast]),
            (
                "2026-11-22",
                [
                    laterSmaller, grownToday,
                    request("2026-11-22T09:00:00.000Z", "msg_01C012", tokens(1, 1, 1, 1, 1)),
                ]
            ),
        ]
        for (date, records) in files {
            let bytes = records.flatMap(\.ledgerLine)
            let written = FileManager.default.createFile(
                atPath: "\(logs)/usage-\(date).jsonl", contents: Data(bytes),
                attributes: [.posixPermissions: 0o600])
            #expect(written, "could not write usage-\(date).jsonl")
        }
    }

    static func makeLogs(_ scratch: ScratchDirectory, _ name: String = "logs") -> String {
        let logs = scratch.makeDirectory(name)
        ledger(in: logs)
        return logs
    }

    static func usage(_ snapshot: [String: JSONDocument]) -> JSONDocument? {
        snapshot["report --range all --json --no-sync"]?["output"]?["usage"]
    }

    @Test func copiesAcrossFilesAndCacheMissesGiveTheSameReportsAfterRotation() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = Self.makeLogs(scratch)
        let before = try UsageRotationTests.snapshot(logs)
        let usage = try #require(Self.usage(before))
        // 19 lines, 14 requests: a copy in the same file, across midnight, a replay, two in today's file.
        #expect(usage["totals"]?["requests"] == .number("14"))
        let misses = try #require(usage["cache_misses"]?.elements)
        #expect(misses.count == 4)

        let (code, test) = UsageRotationTests.rotate(logs)
        #expect(code == .success, "\(test.captured.standardError)")
        let output = test.captured.standardOutput
        #expect(
            output.contains(
                "rolled up usage-2026-11-18.jsonl (5 requests, 2 duplicate copies dropped) into usage-rollup-2026-11-18.jsonl"
            ), "\(output)")
        #expect(output.contains("rolled up usage-2026-11-20.jsonl (2 requests, 1 duplicate copy dropped)"))
        #expect(output.contains("rolled up usage-2026-11-21.jsonl (2 requests, 1 duplicate copy dropped)"))
        #expect(output.hasSuffix("rotated 4 days\n"), "\(output)")
        #expect(!scratch.names(in: logs).contains("usage-2026-11-21.jsonl"))
        let after = try UsageRotationTests.snapshot(logs)
        for (report, output) in after { #expect(output == before[report], "\(report)") }
        #expect(Self.usage(after)?["cache_misses"] == usage["cache_misses"])

        // Rows carry their misses, the tokens split as each request's miss cost splits them.
        let rows = UsageRollupFile.rows(try #require(scratch.bytes("logs/usage-rollup-2026-11-18.jsonl")))
            .rows
        let row = try #require(rows.first { $0.keys == ["m|msg_01C001", "m|msg_01C002"] })
        // 5,001 missed over 300 5-minute and 700 1-hour writes: ⌊5,001 × 700 / 1,000⌋ = 3,500 at 1 hour;
        // 999 missed by a request that wrote nothing to the cache: at the input rate.
        #expect(
            row.misses == [
                UsageRollupMiss(
                    reason: "system_changed", requests: 1, missed5m: 1_501, missed1h: 3_500, uncached: 0),
                UsageRollupMiss(
                    reason: "tools_changed", requests: 1, missed5m: 0, missed1h: 0, uncached: 999),
            ])

        // Syncing nothing and rotating again changes no file and no figure.
        let files = scratch.names(in: logs).map { scratch.read("logs/" + $0) }
        #expect(UsageRotationTests.rotate(logs).0 == .success)
        #expect(scratch.names(in: logs).map { scratch.read("logs/" + $0) } == files)
        #expect(try UsageRotationTests.snapshot(logs) == before)
    }

    @Test func aRowSumsMissesSoTheirCostIsTheSumOfTheRequests() throws {
        let price = try #require(PriceTable.builtIn.match("claude-opus-4-6").price)
        let requests = [
            (Self.tokens(1, 1, 300, 700, 0), 5_001), (Self.tokens(1, 1, 0, 0, 0), 999),
            (Self.tokens(1, 1, 7, 3, 0), 11), (Self.tokens(1, 1, 0, 1, 0), 4),
            (Self.tokens(1, 1, 9, 0, 0), 0),
        ]
        let time = Timestamp(iso8601: "2026-11-18T10:05:00.000Z")!
        let rates = price.rates(tokens: .zero, at: time, isFast: false, isUSOnly: false, isLongContext: false)
        var row: UsageRollupMiss?
        var expected = USD.zero
        for (tokens, missed) in requests {
            let miss = UsageRollupMiss(
                UsageCacheMiss(reason: "system_changed", missedTokens: missed), in: tokens)
            expected = expected + rates.missCost(missed, in: tokens)
            if row == nil { row = miss } else { row!.add(miss) }
        }
        #expect(row?.requests == 5)
        #expect(row?.missedTokens == 5_001 + 999 + 11 + 4)
        #expect(rates.missCost(try #require(row)) == expected)
    }

    /// Version 1 rows (before cache misses) are still read, and a rotate that merges into their day
    /// keeps them, rewritten as version 2.
    @Test func versionOneRollupsAreStillRead() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.makeDirectory("logs")
        let old =
            "{\"usage_rollup\":1,\"day\":\"2026-11-19\",\"session_id\":\"\(Self.main)\",\"project\":\"copies\","
            + "\"model\":\"claude-haiku-4-5-20251001\",\"sidechain\":true,\"agent_id\":\"a1\",\"requests\":2,"
            + "\"input\":200,\"output\":80,\"cache_write_5m\":0,\"cache_write_1h\":0,\"cache_read\":1850,"
            + "\"first\":\"2026-11-19T09:20:00.000Z\",\"last\":\"2026-11-19T09:21:00.000Z\","
            + "\"keys\":[\"m|msg_01R020\",\"m|msg_01R021\"]}\n"
        _ = scratch.write(Array(old.utf8), to: "logs/usage-rollup-2026-11-19.jsonl", mode: 0o600)
        let copy = Self.request("2026-11-19T09:20:00.000Z", "msg_01R020", Self.tokens(100, 40, 0, 0, 925))
        let late = Self.request(
            "2026-11-19T11:00:00.000Z", "msg_01R030", Self.tokens(1, 2, 30, 0, 4),
            miss: UsageCacheMiss(reason: "tools_changed", missedTokens: 30))
        _ = scratch.write(copy.ledgerLine + late.ledgerLine, to: "logs/usage-2026-11-19.jsonl", mode: 0o600)
        let before = try UsageRotationTests.snapshot(logs)
        #expect(Self.usage(before)?["totals"]?["requests"] == .number("3"))
        #expect(Self.usage(before)?["cache_misses"]?.elements?.count == 1)

        let (code, test) = UsageRotationTests.rotate(logs)
        #expect(code == .success, "\(test.captured.standardError)")
        #expect(
            test.captured.standardOutput.contains(
                "rolled up usage-2026-11-19.jsonl (1 request, 1 duplicate copy dropped) merging it into"))
        let text = scratch.read("logs/usage-rollup-2026-11-19.jsonl") ?? ""
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"usage_rollup\":2,") })
        #expect(text.contains("\"keys\":[\"m|msg_01R020\",\"m|msg_01R021\"]"))
        #expect(try UsageRotationTests.snapshot(logs) == before)
    }

    /// Fingerprints that collide only send requests down the exact path: with every print equal
    /// (mask 0) or a few bits (mask 3), the roll-ups are byte for byte those of 64-bit prints.
    @Test(arguments: [UInt64(0), 3])
    func collidingFingerprintsNeverMergeTwoRequests(mask: UInt64) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        var outcomes: [[String: String]] = []
        for (name, mask) in [("plain", UInt64.max), ("colliding", mask)] {
            let logs = Self.makeLogs(scratch, name)
            // A roll-up already there, so held keys collide with the new days' too.
            let descriptor = try Rotation.lock(logs)
            defer { try? descriptor.close() }
            for firstKept in ["2026-11-19", "2026-11-22"] {
                try UsageRotation.run(
                    directory: logs, firstKept: CivilDate(firstKept)!, table: .builtIn,
                    localDays: LocalDayResolver(utcOffsetSeconds: 3_600), directoryDescriptor: descriptor,
                    fingerprintMask: mask)
            }
            var files: [String: String] = [:]
            for file in scratch.names(in: logs) { files[file] = scratch.read("\(name)/\(file)") }
            outcomes.append(files)
        }
        #expect(outcomes[0].keys.sorted() == outcomes[1].keys.sorted())
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0]["usage-rollup-2026-11-18.jsonl"]?.contains("msg_20261118130000") == true)
    }
}
