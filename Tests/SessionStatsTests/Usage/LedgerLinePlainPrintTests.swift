import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Pass 1's byte search for a line's request fingerprint gives the full scan's print on every line
/// the decoder takes as a record, and leaves to the scan every line it cannot read exactly.
@Suite struct LedgerLinePlainPrintTests {
    static func line(_ middle: String, session: String = #""s1""#) -> String {
        #"{"v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":\#(session),"project":"p","#
            + #""model":"claude-opus-4-5",\#(middle)"input":1,"output":2}"#
    }

    /// What a line gives: the byte search's print, the full check's (`linePrint`), and whether the
    /// decoder takes it as a record.
    static func prints(_ text: String) -> (plain: UInt64?, full: UsageLedgerReader.LinePrint, isRecord: Bool)
    {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            let plain = LedgerLineFields.plainFingerprint64(JSONScanner(buffer))
            var scanner = JSONScanner(buffer)
            var decoder = UsageLineDecoder()
            var decoded: UsageRecord?
            let full = UsageLedgerReader.linePrint(&scanner, decoder: &decoder, decoded: &decoded)
            scanner = JSONScanner(buffer)
            let record = try? decoder.decode(&scanner)
            return (plain, full, record != nil && scanner.isAtEnd())
        }
    }

    /// Lines of records, each with whether the byte search reads it (true) or leaves it to the scan.
    static let records: [(String, Bool)] = [
        (line(#""message_id":"msg_01A","request_id":"req_1","#), true),
        (line(#""message_id":"msg_01A","#), true),
        (line(#""message_id":"msg_vrtx_1","request_id":"req_1","#), true),
        (line(#""message_id":"msg_bdrk_1","#), true),
        // A proxy's ids: with a request id the pair, without one the session and the message id.
        (line(#""message_id":"msg_2025","request_id":"req_9","#), true),
        (line(#""message_id":"msg_2025","#), true),
        (line(#""message_id":"msg_2025","request_id":null,"#), true),
        (line(#""message_id":"msg_2025","request_id":"","#), true),
        (line(#""message_id":"msg_2025","#, session: #""sé""#), true),
        // No message id: the request id alone; null, empty and non-string message ids are none.
        (line(#""request_id":"req_R","#), true),
        (line(#""message_id":null,"request_id":"req_R","#), true),
        (line(#""message_id":"","request_id":"req_R","#), true),
        (line(#""message_id":7,"request_id":"req_R","#), true),
        (line(#""message_id":["msg_01A"],"request_id":"req_R","#), true),
        (line(#""message_id":"msg_é","#), true),
        // Spaces after the colon are the scan's too; names that only contain a key's are other keys.
        (line(#""message_id": "msg_01A" ,"request_id":  null,"#), true),
        (line(#""cwd":"message_id","message_id":"msg_01A","#), true),
        (line(#""xmessage_id":"msg_01Z","message_id2":"msg_01Y","request_id":"req_1","#), true),
        (
            #"{"message_id":"msg_01A","v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
            true
        ),
        (
            #"{"request_id":"r","v":1,"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s","model":"m"}"#,
            true
        ),
        (line(#""message_id":"msg_01A","#) + "\r", true),
        // Escapes are read as the scan reads them, but for a backslash before a quote.
        (line(#""message_id":"msg_01\u0041","#), true),
        (line(#""message_id":"msg_2025","request_id":"r\/1","cwd":"C:\\w","#), true),
        (line(#""message_id":"msg_2025","#, session: #""s\u00e9\n""#), true),
        (line(#""message_id":"msg_01A","cwd":"a\"b","#), false),
        (line(#""message_id":"msg_01A","cwd":"C:\\","#), false),
        (line(#""message_id":"msg_01\"A","#), false),
        // An escaped quote could make a key that only ends in `"message_id":`.
        (line(#""x\"message_id":"msg_01X","request_id":"req_1","#), false),
        // A nested object, a key repeated or spaced from its colon: the scan's.
        (line(#""message_id":"msg_01Z","message_id":"msg_01A","#), false),
        (line(#""message_id":"msg_01A","message_id":null,"request_id":"req_R","#), false),
        (line(#""request_id":"req_1","request_id":"req_2","message_id":"msg_2025","#), false),
        (line(#""message_id":"msg_2025","session_id":"s2","#), false),
        (line(#""extra":{"message_id":"msg_01X"},"message_id":"msg_01A","#), false),
        (line(#""extra":{"message_id":"msg_01X"},"#), false),
        (line(#""extra":{"message_id":"msg_01X"},"request_id":"req_1","#), false),
        (line(#""message_id" :"msg_01A","#), false),
        (line(#""message_id" :"msg_01A","request_id":"req_1","#), false),
        (line(#""request_id":"req_1","session_id"\#r:"s2","message_id":"msg_2025","#), false),
        (line(#""message_id""# + "\t" + #":"msg_01A","#), false),
        (line(#""project":"a :b","message_id":"msg_01A","#), false),
        (line(#""cwd":"/w/{x}","message_id":"msg_01A","#), false),
        (" " + line(#""message_id":"msg_01A","#), false),
        // Neither id: the key is the whole record's.
        (line(""), false),
        (line(#""message_id":null,"request_id":"","#), false),
    ]

    @Test(arguments: records)
    func aRecordGetsTheFullPrintOrTheScan(text: String, isRead: Bool) throws {
        let (plain, full, isRecord) = Self.prints(text)
        #expect(isRecord, "\(text)")
        guard case .print(let expected) = full else {
            Issue.record("\(text): \(full)")
            return
        }
        if isRead {
            #expect(plain == expected, "\(text)")
        } else {
            #expect(plain == nil, "\(text)")
        }
    }

    /// Copies of one request written differently share the print, whichever way each is read.
    @Test func copiesShareTheirPrint() throws {
        func print(_ text: String) -> UInt64? {
            let (plain, full, _) = Self.prints(text)
            guard case .print(let print) = full else { return nil }
            #expect(plain == nil || plain == print, "\(text)")
            return print
        }
        let anthropic = [
            #""message_id":"msg_01A","request_id":"req_1","#,
            #""message_id":"msg_01A","request_id":"req_other","#,
            #""message_id":"msg_01\u0041","#, #""message_id":"msg_01Z","message_id":"msg_01A","#,
            #""extra":{"message_id":"msg_01X"},"message_id":"msg_01A","#, #""message_id" :"msg_01A","#,
        ].map { print(Self.line($0)) }
        #expect(Set(anthropic).count == 1 && anthropic[0] != nil)
        let proxy = [#""message_id":"msg_2025","#, #""message_id":"msg_2025","cwd":"\/w","#].map {
            print(Self.line($0))
        }
        #expect(proxy[0] == proxy[1] && proxy[0] != nil)
        #expect(print(Self.line(#""message_id":"msg_2025","#, session: #""s2""#)) != proxy[0])
        let request = [#""request_id":"req_R","#, #""message_id":null,"request_id":"req_\u0052","#].map {
            print(Self.line($0))
        }
        #expect(request[0] == request[1] && request[0] != nil)
    }

    /// Lines that are no record may get any print, but are never taken for records.
    @Test(arguments: [
        "not json", #"{"message_id":"msg_01A""#, #"{"v":1,"message_id":"msg_01A"}"#,
        line(#""message_id":"msg_01A","#) + " x", line(#""message_id":"msg_2025","#, session: "null"),
        line(#""message_id":"msg_2025","#, session: "7"), #"{"message_id":"#, #"{"message_id":"x"#,
        "{", "{}", #"{"request_id":"#,
    ])
    func aLineThatIsNoRecordIsNoRecord(text: String) {
        let (_, full, isRecord) = Self.prints(text)
        #expect(!isRecord, "\(text)")
        #expect("\(full)" == "unreadable", "\(text)")
    }

    /// The property on real data: every line of a ledger synced from the real transcripts.
    @Test func everyLineSyncedFromTheRealTranscriptsGetsTheFullPrint() throws {
        guard let transcripts = TranscriptFixtures.sharedOrSkip else { return }
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        _ = try TranscriptFixtures.syncAndRead([transcripts], into: logs)
        var (records, read) = (0, 0)
        for name in scratch.names(in: logs) where name.hasPrefix("usage-") && name.hasSuffix(".jsonl") {
            let text = try #require(ScratchDirectory(existingPath: logs).read(name))
            for line in text.split(separator: "\n") {
                let (plain, full, isRecord) = Self.prints(String(line))
                guard isRecord, case .print(let expected) = full else { continue }
                records += 1
                if let plain {
                    read += 1
                    #expect(plain == expected, "\(line)")
                }
            }
        }
        #expect(records > 10_000)
        // Sync writes plain lines: nearly all take the byte search.
        #expect(read * 100 >= records * 95, "\(read) of \(records) lines read by the byte search")
    }
}
