import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The report's fast read of the ledger (raw fields, integer ids, two workers) gives exactly the
/// summary of the plain path: every record decoded, deduplicated and added one by one.
@Suite struct UsageLedgerSummaryTests {
    static let rules = [
        "cache-creation-split", "cache-misses", "half-written-line", "lone-surrogates", "missing-request-id",
        "progress-subagent", "proxy-ids", "resumed-session", "sidechain-btw", "streaming-duplicates",
        "synthetic", "two-objects-one-line",
    ]

    /// A ledger synced from every in-repo transcript fixture, with the lines a sync never writes
    /// but a reader must take (repeats across files, escapes, spaces, no ids, junk) in two more directories.
    static func ledger() throws -> ScratchDirectory {
        let scratch = ScratchDirectory()
        var sync = UsageSync(
            directory: scratch.file("logs"), roots: rules.map(TranscriptFixtures.root),
            localDays: LocalDayResolver(utcOffsetSeconds: 0))
        _ = try sync.run()
        let extra = """
            {"v":1,"timestamp":"2026-02-05T12:00:00.000Z","session_id":"11111111-1111-1111-1111-111111111111","project":"demo","cwd":"/w/demo","model":"claude-opus-4-6","message_id":"msg_01NNN","request_id":"req_01NNN","input":1,"output":1,"cache_write_5m":1000,"cache_write_1h":4000,"cache_read":0}
            { "v": 1, "timestamp": "2026-02-05T13:00:00.000Z", "session_id": "sp\\u0061ced", "project": "d\\u00e9mo", "cwd": "/w/sp\\u0061ced", "model": "claude-sonnet-4-5", "message_id": "msg_01SPACE", "input": 10, "output": 20 }
            {"v":1,"timestamp":"2026-02-05T13:00:01.000Z","session_id":"spaced","project":"démo","model":"claude-sonnet-4-5","message_id":"msg_01SPACE","input":10,"output":25,"speed":"fast","inference_geo":"us"}
            {"v":1,"timestamp":"2026-02-05T14:00:00.000Z","session_id":"noid","project":"demo","model":"glm-4.7","input":5,"output":5}
            {"v":1,"timestamp":"2026-02-05T14:00:00.000Z","session_id":"noid","project":"demo","model":"glm-4.7","input":5,"output":5}
            {"v":1,"timestamp":"2026-02-05T15:00:00.000Z","session_id":"a","project":"other","model":"claude-opus-6","message_id":"msg_2025","input":7,"output":7,"web_search_requests":3}
            {"v":1,"timestamp":"2026-02-05T15:00:00.000Z","session_id":"b","project":"other","model":"claude-opus-6","message_id":"msg_2025","input":7,"output":7}
            {"v":2,"timestamp":"2026-02-05T15:00:00.000Z","session_id":"b","project":"other","model":"x","input":1}
            {"v":1,"timestamp":"2026-02-05T15:00:00.000Z","session_id":7,"model":"x"}
            not json
            {"v":1,"timestamp":"2026-02-05T16:00:00.000Z","session_id":"late","project":"demo","model":"claude-haiku-4-5","message_id":"msg_01LATE","input":1}

            """
        _ = scratch.makeDirectory("extra")
        _ = scratch.write(extra, to: "extra/usage-2026-02-05.jsonl", mode: 0o600)
        let copy = """
            {"v":1,"timestamp":"2026-02-06T00:30:00.000Z","session_id":"late","project":"demo","model":"claude-haiku-4-5","message_id":"msg_01LATE","input":1,"output":9}
            {"v":1,"timestamp":"2026-02-06T00:31:00.000Z","session_id":"second","project":"elsewhere","cwd":"/z/read-first","model":"claude-opus-4-5","message_id":"msg_01SECOND","input":1,"output":2}
            {"v":1,"timestamp":"2026-02-06T00:31:00.000Z","session_id":"second","project":"elsewhere","cwd":"/a/same-time","model":"claude-opus-4-5","message_id":"msg_01SECOND2","input":1,"output":2}
            {"v":1,"timestamp":"2026-02-06T00:32:00.000Z","session_id":"second","project":"elsewhere","model":"claude-opus-4-5","message_id":"msg_01SECOND3","input":1,"output":2}

            """
        _ = scratch.makeDirectory("more")
        _ = scratch.write(copy, to: "more/usage-2026-02-06.jsonl", mode: 0o600)
        return scratch
    }

    /// The plain path: `read(days:each:)`, the filter, `UsageSummary.add`.
    static func plain(
        _ directories: [String], days: ClosedRange<CivilDate>?, filter: EntryFilter, table: PriceTable
    ) -> (String, UsageLedgerReader.Result) {
        var summary = UsageSummary()
        var localDays = LocalDayResolver(utcOffsetSeconds: 0)
        var reader = UsageLedgerReader(directories: directories, localDays: localDays)
        let result = reader.read(days: days) { record in
            if let project = filter.project, record.project != project { return }
            switch filter.session {
            case .prefix(let prefix): if !record.sessionID.hasPrefix(prefix) { return }
            case .exact(let id): if record.sessionID != id { return }
            case nil: break
            }
            summary.add(record, table: table, localDays: &localDays)
        }
        return (text(summary), result)
    }

    static func text(_ summary: UsageSummary) -> String {
        var writer = JSONWriter(indent: 1, capacity: 4096)
        writer.beginObject()
        writer.usage(summary)
        // Each session's span and directory too, which `sessions` lists for sessions the log lacks.
        writer.key("spans")
        writer.beginArray()
        for (id, session) in summary.bySession.sorted(by: { $0.key < $1.key }) {
            writer.string("\(id) \(session.first.iso8601) \(session.last.iso8601) \(session.cwd)")
        }
        writer.endArray()
        writer.endObject()
        return writer.text
    }

    @Test(
        arguments: [
            (nil, EntryFilter()), ("2026-02-05", EntryFilter()), (nil, EntryFilter(project: "demo")),
            (nil, EntryFilter(session: .prefix("1111"))), (nil, EntryFilter(session: .exact("spaced"))),
            ("2026-02-06", EntryFilter(project: "elsewhere")),
        ] as [(String?, EntryFilter)])
    func fastReadEqualsThePlainPathOnOneThreadAndTwo(day: String?, filter: EntryFilter) throws {
        let scratch = try Self.ledger()
        defer { scratch.remove() }
        let directories = [scratch.file("logs"), scratch.file("extra"), scratch.file("more")]
        let days = day.flatMap(CivilDate.init).map { $0...$0 }
        let table = PriceTable.builtIn
        let (expected, plain) = Self.plain(directories, days: days, filter: filter, table: table)
        #expect(expected.contains("\"requests\": "))
        for threads in [1, 2, 3] {
            var reader = UsageLedgerReader(
                directories: directories, localDays: LocalDayResolver(utcOffsetSeconds: 0))
            let (summary, result) = reader.summarize(
                days: days, table: table, filter: filter, threads: threads)
            #expect(Self.text(summary) == expected, "\(threads) threads")
            #expect(result.skippedLines == plain.skippedLines)
            #expect(result.filesRead == plain.filesRead)
            #expect(result.ledgerDates == plain.ledgerDates)
            #expect(result.duplicates == plain.duplicates)
        }
    }

    /// The records the summarizing read hands on (for attribution) are `read(days:each:)`'s, in its
    /// order, without what only identifies their lines, on one thread or several, with the same
    /// summary as without them.
    @Test(arguments: [nil, "2026-02-05", "2026-02-06"] as [String?])
    func handedOnRecordsAreThePlainReadsInItsOrder(day: String?) throws {
        let scratch = try Self.ledger()
        defer { scratch.remove() }
        let directories = [scratch.file("logs"), scratch.file("extra"), scratch.file("more")]
        let days = day.flatMap(CivilDate.init).map { $0...$0 }
        var plainReader = UsageLedgerReader(
            directories: directories, localDays: LocalDayResolver(utcOffsetSeconds: 0))
        let plain = plainReader.read(days: days)
        #expect(!plain.records.isEmpty)
        let (expected, _) = Self.plain(directories, days: days, filter: EntryFilter(), table: .builtIn)
        for threads in [1, 2, 3] {
            var reader = UsageLedgerReader(
                directories: directories, localDays: LocalDayResolver(utcOffsetSeconds: 0))
            var records: [UsageRecord] = []
            let (summary, result) = reader.summarize(
                days: days, table: .builtIn, filter: EntryFilter(), threads: threads, handsOn: true
            ) { records.append($0) }
            #expect(records == plain.records.map { $0.leavingOutIdentity() }, "\(threads) threads")
            #expect(Self.text(summary) == expected, "\(threads) threads")
            #expect(result.duplicates == plain.duplicates)
            #expect(result.rollupRows == plain.rollupRows)
        }
    }

    /// Many files and pieces, more than the workers read ahead: their totals merge and their records
    /// are handed on in file order, the same on one thread or more and in pieces of any size.
    @Test func manyFilesGiveTheSameOnOneThreadAndTwo() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("logs")
        for day in 1...20 {
            var lines = ""
            for n in 0..<(day * 3) {
                // Sessions span days; their project is the one of their first request.
                let session = "s\(n % 7)"
                let project = n % 7 == day % 7 ? "late-\(day)" : "p\(n % 7)"
                lines += """
                    {"v":1,"timestamp":"2026-03-\(day < 10 ? "0" : "")\(day)T\(10 + n % 10):00:00.000Z","session_id":"\(session)","project":"\(project)","model":"claude-opus-4-\(5 + n % 3)","message_id":"msg_01d\(day)n\(n)","input":\(n),"output":\(day),"cache_read":\(n * day),"tool_use_ids":["toolu_\(day)_\(n)"]}

                    """
            }
            let date = "2026-03-\(day < 10 ? "0" : "")\(day)"
            _ = scratch.write(lines, to: "logs/usage-\(date).jsonl", mode: 0o600)
        }
        var outputs: [(String, [UsageRecord])] = []
        // Whole files, and pieces that split lines anywhere (a line starts in one piece only).
        for (threads, pieceSize) in [(1, LedgerPiece.size), (2, LedgerPiece.size), (2, 97), (3, 500), (1, 1)]
        {
            var reader = UsageLedgerReader(
                directories: [scratch.file("logs")], localDays: LocalDayResolver(utcOffsetSeconds: 0))
            var records: [UsageRecord] = []
            let (summary, _) = reader.summarize(
                days: nil, table: .builtIn, filter: EntryFilter(), threads: threads, handsOn: true,
                pieceSize: pieceSize
            ) { records.append($0) }
            outputs.append((Self.text(summary), records))
        }
        #expect(outputs[0].1.count == (1...20).reduce(0) { $0 + $1 * 3 })
        for output in outputs.dropFirst() {
            #expect(output.0 == outputs[0].0)
            #expect(output.1 == outputs[0].1)
        }
        let (expected, _) = Self.plain(
            [scratch.file("logs")], days: nil, filter: EntryFilter(), table: .builtIn)
        #expect(outputs[1].0 == expected)
    }

    @Test func theEdgeLinesCountAsTheRulesSay() throws {
        let scratch = try Self.ledger()
        defer { scratch.remove() }
        var reader = UsageLedgerReader(
            directories: [scratch.file("extra"), scratch.file("more")],
            localDays: LocalDayResolver(utcOffsetSeconds: 0))
        let day = CivilDate("2026-02-05")!
        let (summary, result) = reader.summarize(
            days: day...day, table: .builtIn, filter: EntryFilter(), threads: 2)
        // The escaped and the plain copy of msg_01SPACE are one request: the one with more tokens.
        #expect(summary.bySession["spaced"]?.totals.requests == 1)
        #expect(summary.bySession["spaced"]?.totals.tokens.output == 25)
        // A proxy id is unique only within its session; a line without ids only repeats exactly.
        #expect(summary.bySession["a"]?.totals.requests == 1)
        #expect(summary.bySession["b"]?.totals.requests == 1)
        #expect(summary.bySession["noid"]?.totals.requests == 1)
        // The copy in the other directory, after midnight, is the kept one: it is not on this day.
        #expect(summary.bySession["late"] == nil)
        #expect(result.skippedLines == 3)
    }

    /// A session's span runs from its earliest request to its latest, and its directory is the
    /// earliest request's (of two at the same time, the smaller), however the lines are read.
    @Test(arguments: [1, 2])
    func aSessionSpansItsRequestsFromTheEarliestsDirectory(threads: Int) throws {
        let scratch = try Self.ledger()
        defer { scratch.remove() }
        var reader = UsageLedgerReader(
            directories: [scratch.file("extra"), scratch.file("more")],
            localDays: LocalDayResolver(utcOffsetSeconds: 0))
        let (summary, _) = reader.summarize(
            days: nil, table: .builtIn, filter: EntryFilter(), threads: threads)
        let second = try #require(summary.bySession["second"])
        #expect(second.first == Timestamp(iso8601: "2026-02-06T00:31:00Z"))
        #expect(second.last == Timestamp(iso8601: "2026-02-06T00:32:00Z"))
        #expect(second.cwd == "/a/same-time")
        #expect(second.totals.requests == 3)
        #expect(summary.bySession["11111111-1111-1111-1111-111111111111"]?.cwd == "/w/demo")
        #expect(summary.bySession["noid"]?.cwd == "")
    }
}
