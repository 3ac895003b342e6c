import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Pass 1 notes where the lines whose fingerprint repeats are, and pass 2 reads only those lines:
/// copies spread over files, workers, marks and pieces, blank and broken lines between them, and
/// fingerprints forced to collide, all give what decoding and deduplicating every line gives.
@Suite struct UsageLedgerRepeatedLinesTests {
    static func line(
        _ day: Int, _ n: Int, message: String?, request: String? = nil, session: String = "s1",
        output: Int = 2
    ) -> String {
        var line = #"{"v":1,"timestamp":"2026-03-0\#(day)T10:\#(n % 60 < 10 ? "0" : "")\#(n % 60):00.000Z","#
        line += #""session_id":"\#(session)","project":"p\#(n % 3)","model":"claude-opus-4-5","#
        if let message { line += #""message_id":"\#(message)","# }
        if let request { line += #""request_id":"\#(request)","# }
        return line + #""input":\#(n),"output":\#(output),"cache_read":\#(day * 1000 + n)}"#
    }

    /// Three days of 150 requests each, and the copies, blank and broken lines a ledger can hold.
    static func ledger(_ scratch: ScratchDirectory) -> (String, [String: [Int]]) {
        let logs = scratch.makeDirectory("logs")
        var files: [String: [String]] = [:]
        for day in 1...3 {
            files["2026-03-0\(day)"] = (0..<150).map { line(day, $0, message: "msg_01d\(day)n\($0)") }
        }
        func put(_ date: String, _ index: Int, _ text: String) { files[date]!.insert(text, at: index) }
        // Copies of day 1's request 5: on the last line of its mark, on the first of the next, on day 3.
        put("2026-03-01", 62, line(1, 5, message: "msg_01d1n5", output: 9))
        put("2026-03-01", 63, line(1, 5, message: "msg_01d1n5"))
        put("2026-03-03", 0, line(1, 5, message: "msg_01d1n5", output: 7))
        // An escaped copy of day 2's request 70, in day 1's file; a proxy id twice in one session and
        // once in another; a line without ids twice; a request id alone on two days.
        put("2026-03-01", 100, line(2, 70, message: #"msg_01d2n\u0037\u0030"#, output: 1))
        put("2026-03-02", 10, line(2, 200, message: "msg_2026", session: "a"))
        put("2026-03-02", 128, line(2, 200, message: "msg_2026", session: "a", output: 4))
        put("2026-03-02", 129, line(2, 200, message: "msg_2026", session: "b"))
        put("2026-03-02", 40, line(2, 300, message: nil))
        put("2026-03-02", 140, line(2, 300, message: nil))
        put("2026-03-01", 20, line(1, 400, message: nil, request: "req_01X"))
        put("2026-03-03", 149, line(3, 400, message: nil, request: "req_01X", output: 5))
        // Blank and broken lines shift the marks; the last line has no newline yet.
        put("2026-03-01", 30, "")
        put("2026-03-01", 31, "   ")
        put("2026-03-02", 64, "not json")
        put("2026-03-02", 65, #"{"v":9,"timestamp":"2026-03-02T10:00:00.000Z"}"#)
        var texts = files.mapValues { $0.joined(separator: "\n") + "\n" }
        texts["2026-03-03"]! += line(3, 500, message: "msg_01d1n5", output: 8)
        for (date, text) in texts { _ = scratch.write(text, to: "logs/usage-\(date).jsonl", mode: 0o600) }
        // The non-blank lines of each file that share their request with another line.
        let expected: [String: [Int]] = [
            "2026-03-01": [5, 20, 63, 64, 101], "2026-03-02": [10, 40, 74, 131, 142],
            "2026-03-03": [0, 149, 152],
        ]
        return (logs, expected)
    }

    /// Every line decoded and deduplicated in file order: the records `read` hands on, its counts.
    static func everyLine(_ logs: String) -> (records: [UsageRecord], duplicates: Int, skipped: Int) {
        var deduplicator = UsageDeduplicator()
        var decoder = UsageLineDecoder()
        var skipped = 0
        for date in ["2026-03-01", "2026-03-02", "2026-03-03"] {
            let bytes = UsageLedger(directory: logs).contents(LogFileName.usage(CivilDate(date)!))!
            UsageLedgerReader.forEachLine(bytes, count: bytes.count) {
                (scanner: inout JSONScanner) throws(JSONScanError) in
                guard let record = try decoder.decode(&scanner), scanner.isAtEnd() else {
                    skipped += 1
                    return
                }
                deduplicator.add(record)
            } failed: {
                skipped += 1
            }
        }
        return (deduplicator.records, deduplicator.duplicates, skipped)
    }

    @Test func pass1NotesExactlyTheLinesWhosePrintRepeats() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, expected) = Self.ledger(scratch)
        for workers in [1, 2, 3] {
            let reader = UsageLedgerReader(
                directories: [logs], localDays: LocalDayResolver(utcOffsetSeconds: 0))
            var result = UsageLedgerReader.Result()
            let selection = reader.select(days: nil, result: &result)
            defer { selection.unlock() }
            let lines = UsageLedgerReader.repeatedLines(
                selection, workers: workers, mask: .max, result: &result)
            let dates = selection.files.map { "\($0.date)" }
            #expect(
                Dictionary(uniqueKeysWithValues: zip(dates, lines.lines)) == expected, "\(workers) workers")
            // Pass 1 no longer counts the lines that are no record: pass 3 does, decoding them anyway.
            #expect(result.skippedLines == 0)
            #expect(result.filesRead == 3)
            #expect(lines.marks.map(\.starts.count) == [3, 3, 3])
        }
    }

    /// Pass 1 reserves its words up front, by the files' sizes: enough for every line of a ledger
    /// that sync wrote (so its words never grow by doubling, which left two copies resident for a
    /// moment on a year of ledger), from the hand-made transcripts and, when present, the real ones.
    @Test func pass1ReservesAWordForEverySyncedLine() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        var roots = ["streaming-duplicates", "missing-request-id", "cache-misses"].map(
            TranscriptFixtures.root)
        if let shared = TranscriptFixtures.shared {
            roots.append(shared)
        } else {
            print("skipped the real transcripts: ../shared/fixtures/transcripts/projects is absent")
        }
        let logs = scratch.file("logs")
        _ = try TranscriptFixtures.syncAndRead(roots, into: logs)
        let reader = UsageLedgerReader(directories: [logs], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        var result = UsageLedgerReader.Result()
        let selection = reader.select(days: nil, result: &result)
        defer { selection.unlock() }
        #expect(!selection.files.isEmpty)
        for file in selection.files {
            let bytes = try #require(ScratchDirectory(existingPath: logs).bytes(LogFileName.usage(file.date)))
            let lines = bytes.split(separator: UInt8(ascii: "\n")).count
            // Each file alone: the reservation must not lean on the spare 1,024 words.
            let reserved = UsageLedgerReader.LinePrints.wordsToReserve(for: [file][...]) - 1024
            #expect(reserved >= lines, "\(file.date): \(lines) lines, \(reserved) words")
        }
    }

    @Test(arguments: [UInt64.max, 0xFFFF, 0xF, 0])
    func onlyTheRepeatedLinesReadAgainGiveWhatEveryLineGives(mask: UInt64) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let (logs, _) = Self.ledger(scratch)
        let expected = Self.everyLine(logs)
        #expect(expected.duplicates == 8)
        #expect(expected.records.count == 3 * 150 + 4)
        Self.expectEveryRead(
            logs, mask: mask, gives: expected, splits: [(1, LedgerPiece.size), (2, 97), (3, 1000), (2, 1)],
            summingToo: true)
    }

    /// Holds `read(days:)` and `summarize` (handing records on, on each of `splits`' thread counts
    /// and piece sizes) over `logs` with `mask` to `expected`; with `summingToo`, the summary as well.
    static func expectEveryRead(
        _ logs: String, mask: UInt64, gives expected: (records: [UsageRecord], duplicates: Int, skipped: Int),
        splits: [(threads: Int, pieceSize: Int)], summingToo: Bool = false
    ) {
        var reader = UsageLedgerReader(directories: [logs], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        reader.fingerprintMask = mask
        let plain = reader.read(days: nil)
        #expect(plain.records == expected.records, "mask \(mask)")
        #expect(plain.duplicates == expected.duplicates, "mask \(mask)")
        #expect(plain.skippedLines == expected.skipped, "mask \(mask)")
        var summary = UsageSummary()
        var localDays = reader.localDays
        for record in expected.records { summary.add(record, table: .builtIn, localDays: &localDays) }
        for (threads, pieceSize) in splits {
            var records: [UsageRecord] = []
            let (fast, result) = reader.summarize(
                days: nil, table: .builtIn, filter: EntryFilter(), threads: threads, handsOn: true,
                pieceSize: pieceSize
            ) { records.append($0) }
            let context = "mask \(mask), \(threads) threads, pieces of \(pieceSize)"
            #expect(records == expected.records.map { $0.leavingOutIdentity() }, "\(context)")
            if summingToo {
                #expect(UsageLedgerSummaryTests.text(fast) == UsageLedgerSummaryTests.text(summary))
            }
            #expect(result.duplicates == expected.duplicates, "\(context)")
            #expect(result.skippedLines == expected.skipped, "\(context)")
        }
    }

    /// Copies of requests written every way pass 1's byte search reads or leaves to the full scan
    /// (escapes, a repeated key, a nested object, spacing, null and empty ids), lines that are no
    /// record but carry a record's id, and plain requests: a ledger of two days.
    static func oddLedger(_ scratch: ScratchDirectory) -> String {
        let logs = scratch.makeDirectory("logs")
        func line(_ day: Int, _ minute: Int, _ middle: String, output: Int = 2, session: String = "s1")
            -> String
        {
            #"{"v":1,"timestamp":"2026-03-0\#(day)T10:\#(minute < 10 ? "0" : "")\#(minute):00.000Z","#
                + #""session_id":"\#(session)","project":"p","model":"claude-opus-4-5",\#(middle)"#
                + #""input":1,"output":\#(output)}"#
        }
        var days: [[String]] = [[], []]
        for day in 0..<2 {
            days[day] = (0..<60).map { line(day + 1, $0, #""message_id":"msg_01d\#(day)n\#($0)","#) }
        }
        days[0] += [
            line(1, 1, #""message_id":"msg_01A","request_id":"req_1","#),
            line(1, 2, #""message_id":"msg_01Z","message_id":"msg_01A","#, output: 4),
            line(1, 3, #""extra":{"message_id":"msg_01X"},"message_id":"msg_01A","#, output: 5),
            line(1, 4, #""message_id":"msg_2025","#),
            line(1, 5, #""request_id":"req_R","#),
            line(1, 6, #""message_id":null,"request_id":"req_R","#, output: 3),
            // No record, though it carries msg_01A: any print, never counted.
            #"{"v":1,"message_id":"msg_01A"}"#,
            "not json",
            #"{"v":9,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s1","model":"m","message_id":"msg_01Q"}"#,
            line(1, 7, #""message_id":"msg_01T","#) + " trailing",
        ]
        days[1] += [
            line(2, 1, #""message_id":"msg_01\u0041","#, output: 3),
            line(2, 2, #""message_id" :"msg_01A","request_id":"req_other","#, output: 6),
            line(2, 7, #""cwd":"C:\\\"x\"","message_id":"msg_01A","#, output: 1),
            line(2, 3, #""message_id":"msg_2025","cwd":"\/w","#, output: 7),
            line(2, 4, #""message_id":"msg_2025","#, session: "s2"),
            line(2, 5, #""message_id":"","request_id":"req_\u0052","#, output: 8),
            line(2, 6, #""message_id":"msg_01d0n7","#),
            #"{"v":1,"timestamp":"2026-03-02T10:00:00.000Z","session_id":7,"model":"m","message_id":"msg_01d0n8"}"#,
            #"{"v":1,"timestamp":"2026-03-02T10:00:00.000Z","session_id":"s1","model":"m","message_id":"msg_01d0n9""#,
        ]
        for (day, lines) in days.enumerated() {
            _ = scratch.write(
                lines.joined(separator: "\n") + "\n", to: "logs/usage-2026-03-0\(day + 1).jsonl", mode: 0o600)
        }
        return logs
    }

    /// Every line decoded and deduplicated in file order, and the lines pass 1's full check found
    /// no record (`linePrint` `.unreadable`): what every read must give.
    static func everyLineWithTheFullCheck(_ logs: String, dates: [String]) -> (
        records: [UsageRecord], duplicates: Int, skipped: Int
    ) {
        var deduplicator = UsageDeduplicator()
        var decoder = UsageLineDecoder()
        var skipped = 0
        for date in dates {
            let bytes = UsageLedger(directory: logs).contents(LogFileName.usage(CivilDate(date)!))!
            UsageLedgerReader.forEachNonBlankLine(bytes, 0..<bytes.count) { start, scanner in
                var decoded: UsageRecord?
                if case .unreadable = UsageLedgerReader.linePrint(
                    &scanner, decoder: &decoder, decoded: &decoded)
                {
                    skipped += 1
                }
                scanner.offset = start
                guard let record = try? decoder.decode(&scanner), scanner.isAtEnd() else { return }
                deduplicator.add(record)
            }
        }
        return (deduplicator.records, deduplicator.duplicates, skipped)
    }

    @Test(arguments: [UInt64.max, 0xFFFF, 0xF, 0])
    func copiesWrittenEveryWayAreOneRequestAndOddLinesCountOnce(mask: UInt64) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = Self.oddLedger(scratch)
        let expected = Self.everyLineWithTheFullCheck(logs, dates: ["2026-03-01", "2026-03-02"])
        // msg_01A six times; msg_2025 twice in s1; req_R three times; msg_01d0n7 twice.
        #expect(expected.duplicates == 5 + 1 + 2 + 1)
        #expect(expected.records.count == 120 + 1 + 2 + 1)
        #expect(expected.skipped == 6)
        Self.expectEveryRead(
            logs, mask: mask, gives: expected, splits: [(1, LedgerPiece.size), (2, 300), (2, 1)])
    }
}
