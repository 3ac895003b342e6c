import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// The status line's fast decoder against the full one: the same records kept, the same skipped,
/// the same totals, whatever the bytes.
@Suite struct ActivityTallyDecoderTests {
    static let day = CivilDate(year: 2026, month: 11, day: 22)
    static let name = LogFileName.activity(day)
    static let resolver = LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset)

    /// Lines of every shape the hook, the bash logger, a crash or a hand edit leave in a log.
    static let hostileLines: [String] = [
        // The hook's own lines, for every event that counts differently, and one for another day.
        RotationFixture.line("2026-11-22T09:00:00.000Z", .sessionStart, "s1", model: "claude-opus-4-5"),
        RotationFixture.line("2026-11-22T09:00:01.000Z", .userPromptSubmit, "s1", input: 40),
        RotationFixture.line(
            "2026-11-22T09:00:02.000Z", .postToolUse, "s1", tool: "Bash", command: "ls \"a b\" | wc -l",
            input: 10, output: 900, duration: 12, tags: [("team", "core")]),
        RotationFixture.line(
            "2026-11-22T09:00:03.000Z", .postToolUseFailure, "s1", tool: "Edit", file: "/tmp/é.swift",
            input: 7, output: 3, error: "String to replace not found"),
        RotationFixture.line("2026-11-22T09:00:04.000Z", .invalid, "s1", input: 99, output: 99),
        RotationFixture.line("2026-11-22T09:00:05.000Z", .stop, "s1", input: 1),
        RotationFixture.line("2026-11-22T09:00:06.000Z", .postToolUse, "", tool: "Read", input: 5, output: 6),
        RotationFixture.line("2026-11-21T22:59:00.000Z", .postToolUse, "s2", tool: "Read", input: 1),
        RotationFixture.line("2026-11-23T22:59:00.000Z", .postToolUse, "s2", tool: "Read", input: 2),
        RotationFixture.line("2026-10-01T12:00:00.000Z", .postToolUse, "s2", tool: "Read", input: 3),
        // The bash logger's entries: pretty-printed, and on one line.
        TestLines.legacy(at: "2026-11-22T10:00:00Z", session: "1700000000-1", tool: "Grep", file: "src")
            + "\n",
        #"{"timestamp":"2026-11-22T10:00:01Z","session_id":"1700000000-1","tool":"Bash","success":false}"#
            + "\n",
        // Ids written differently that are the same String: escapes, canonically equivalent Unicode.
        #"{"v":1,"timestamp":"2026-11-22T11:00:00.000Z","event":"SessionStart","session_id":"a\u0062c","model":"m-escaped","tokens":{"input":1,"output":0}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T11:00:01.000Z","event":"PostToolUse","session_id":"abc","tool":"Bash","tokens":{"input":2,"output":3}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T11:00:02.000Z","event":"SessionStart","session_id":"caf\u00e9","model":"m-composed"}"#
            + "\n",
        "{\"v\":1,\"timestamp\":\"2026-11-22T11:00:03.000Z\",\"event\":\"SessionStart\",\"session_id\":\"cafe\u{301}\",\"model\":\"m-decomposed\"}\n",
        #"{"v":1,"timestamp":"2026-11-22T11:00:04.000Z","event":"Post\u0054oolUse","session_id":"café","tokens":{"input":4,"output":4}}"#
            + "\n",
        // Keys twice, keys escaped, values of the wrong type.
        #"{"v":1,"timestamp":"2026-11-22T12:00:00.000Z","timestamp":5,"event":"PostToolUse","session_id":"d","tokens":{"input":1,"output":1}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T12:00:01.000Z","timestamp":"not a time","event":"PostToolUse","session_id":"d"}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T12:00:02.000Z","event":"PostToolUse","event":7,"session_id":"d","session_id":null,"tokens":{"input":5,"output":5}}"#
            + "\n",
        #"{"v":1,"\u0074imestamp":"2026-11-22T12:00:03.000Z","event":"PostToolUse","session_id":"d"}"# + "\n",
        #"{"v":1,"timestamp":"2026-11-22T12:00:04.000Z","event":"SessionStart","session_id":"d","model":"m1","model":false}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T12:00:05.000Z","event":"SessionStart","session_id":"d","model":""}"#
            + "\n",
        #"{"v":"one","timestamp":"2026-11-22T12:00:06.000Z","event":"Notification","session_id":"d","tool":5}"#
            + "\n",
        // Tokens and durations of every form.
        #"{"v":1,"timestamp":"2026-11-22T13:00:00.000Z","event":"PostToolUse","session_id":"e","tokens":{"output":2,"input":1,"extra":[1,{"a":null}]}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T13:00:01.000Z","event":"PostToolUse","session_id":"e","tokens":{"input":-4,"output":2.5}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T13:00:02.000Z","event":"PostToolUse","session_id":"e","tokens":{"input":1e30,"output":1}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T13:00:03.000Z","event":"PostToolUse","session_id":"e","tokens":{"input":1,"output":99999999999999999}}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T13:00:04.000Z","event":"PostToolUse","session_id":"e","tokens":"many"}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T13:00:05.000Z","event":"PostToolUse","session_id":"e","duration_ms":1e300}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T13:00:06.000Z","event":"PostToolUse","session_id":"e","duration_ms":12.5,"success":true}"#
            + "\n",
        // Numbers and literals the fast paths must not read differently.
        #"{"v":10,"timestamp":"2026-11-22T14:00:00.000Z","event":"PostToolUse","session_id":"f","x":01}"#
            + "\n",
        #"{"v":1.5e2,"timestamp":"2026-11-22T14:00:01.000Z","event":"PostToolUse","session_id":"f","x":truex}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T14:00:02.000Z","event":"PostToolUse","session_id":"f","x":fals}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T14:00:03.000Z","event":"PostToolUse","session_id":"f","x":12e}"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T14:00:04.000Z","event":"PostToolUse","session_id":"f","x":-0.5E+3,"y":[true,false,null]}"#
            + "\n",
        // Broken lines: not JSON, truncated, trailing text, control bytes, no timestamp, not a record.
        "not json at all\n",
        "[1,2,3]\n",
        #"{"v":1,"timestamp":"2026-11-22T15:00:00.000Z","event":"PostToolUse","session_id":"g","tokens":{"input":1"#
            + "\n",
        #"{"v":1,"timestamp":"2026-11-22T15:00:01.000Z","event":"PostToolUse","session_id":"g"} trailing"#
            + "\n",
        "{\"v\":1,\"timestamp\":\"2026-11-22T15:00:02.000Z\",\"event\":\"PostToolUse\",\"session_id\":\"g\u{1}\"}\n",
        #"{"v":1,"event":"PostToolUse","session_id":"g","tokens":{"input":1,"output":1}}"# + "\n",
        #"{"v":1,"timestamp":"2026-11-22T15:00:03.000Z","session_id":"g"}"# + "\n",
        #"{"hello":"world"}"# + "\n",
        #"{"timestamp":"2026-11-22T15:00:04.000Z","session_id":"g"}"# + "\n",
        "   \n",
        "\n",
        // Still counted after all that.
        RotationFixture.line(
            "2026-11-22T16:00:00.000Z", .postToolUse, "s1", tool: "Write", input: 11, output: 12),
    ]

    /// Today's totals the way the analyzer reads a file: whole `LogEntry` values, `TodayActivity.add`.
    static func fullTotals(_ path: String) -> TodayActivity {
        var reader = LogFileReader(path: path, kind: .activity, localDays: resolver, fields: .model)
        var totals = TodayActivity(day: day)
        reader.forEach({ totals.add($0) })
        totals.skipped = reader.diagnostics.skipped
        return totals
    }

    /// Today's totals the way the status line reads a file with no cache.
    static func fastTotals(_ directory: ScratchDirectory) -> TodayActivity? {
        var cache = StatusLineCache()
        TodayActivity.refresh(directory: directory.path, day: day, localDays: resolver, cache: &cache)
        return cache.activity?.totals
    }

    @Test func theStatusLineCountsHostileLinesAsTheAnalyzerDoes() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.write("\u{FEFF}" + Self.hostileLines.joined(), to: Self.name)
        let full = Self.fullTotals(path)
        let fast = try #require(Self.fastTotals(directory))
        #expect(fast == full)
        // The sample is not trivial: lines were skipped, sessions merged, models chosen.
        #expect(full.skipped == 18)
        #expect(
            full.sessions["abc"]
                == .init(model: "m-escaped", operations: 1, tokens: TokenCount(input: 3, output: 3)))
        #expect(full.sessions["café"]?.model == "m-decomposed")
        #expect(full.sessions["s1"]?.tokens.prompt == 40)
        #expect(full.unattributed.operations >= 1)
    }

    @Test func everyOrderOfTheSameLinesGivesTheSameTotalsBothWays() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var lines = Self.hostileLines
        for round in 0..<6 {
            // A fixed shuffle per round: rotate and swap, no randomness.
            lines = Array(lines[(round * 7 % lines.count)...] + lines[..<(round * 7 % lines.count)])
            lines.swapAt(round, lines.count - 1 - round)
            let path = directory.write(lines.joined(), to: Self.name)
            #expect(Self.fastTotals(directory) == Self.fullTotals(path), "round \(round)")
        }
    }

    /// What a decoder made of one record, in terms the totals can tell apart.
    static func outcome<Decoder: LogRecordDecoding>(
        _ bytes: [UInt8], _ decoder: inout Decoder, describe: (Decoder.Record) -> String
    ) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            var problem: RecordProblem?
            do throws(JSONScanError) {
                let record = try decoder.decodeRecord(
                    &scanner, kind: .activity, at: LogLocation(file: "f", line: 1), problem: &problem)
                return "at \(scanner.offset): "
                    + (record.map(describe) ?? "skipped, \(String(describing: problem))")
            } catch {
                return "error \(error)"
            }
        }
    }

    static func describe(_ entry: LogEntry) -> String {
        let event =
            switch entry.event {
            case .sessionStart: "sessionStart"
            case .userPromptSubmit: "userPromptSubmit"
            case .invalid: "invalid"
            default: "other"
            }
        let model = entry.operations == 0 && entry.event == .sessionStart && entry.model?.isEmpty == false
        return
            "\(entry.day) \(event) ops \(entry.operations) \(TokenCount(entry)) session [\(entry.sessionID)] model \(model ? entry.model ?? "" : "-")"
    }

    static func describe(_ tally: ActivityTally) -> String {
        let session = tally.decodedSession ?? String(decoding: tally.session, as: UTF8.self)
        return
            "\(tally.day) \(tally.event) ops \(tally.operations) \(tally.tokens) session [\(session)] model \(tally.model ?? "-")"
    }

    /// Every record one byte away from the hook's lines: replaced by a byte that matters to JSON,
    /// deleted, or cut off there.
    static func mutations(of line: String) -> [[UInt8]] {
        let bytes = Array(line.utf8.filter { $0 != UInt8(ascii: "\n") })
        let replacements: [UInt8] = Array("\"\\{}[],:1-.eEtfn u0".utf8) + [0x01, 0x7F, 0xC3, 0xFF]
        var result: [[UInt8]] = [bytes]
        for index in bytes.indices {
            for byte in replacements where byte != bytes[index] {
                var changed = bytes
                changed[index] = byte
                result.append(changed)
            }
            var shorter = bytes
            shorter.remove(at: index)
            result.append(shorter)
            result.append(Array(bytes[..<index]))
        }
        return result
    }

    @Test(arguments: [
        RotationFixture.line(
            "2026-11-22T09:00:02.000Z", .postToolUse, "s1", tool: "Bash", command: "ls", input: 10,
            output: 900,
            duration: 12),
        RotationFixture.line("2026-11-22T09:00:00.000Z", .sessionStart, "s1", model: "claude-opus-4-5"),
        RotationFixture.line("2026-11-22T09:00:01.000Z", .userPromptSubmit, "s1", input: 40),
        #"{"timestamp":"2026-11-22T10:00:01Z","session_id":"17-1","tool":"Bash","success":false}"#,
    ])
    func everyRecordOneByteAwayDecodesTheSameBothWays(line: String) {
        var full = LogLineDecoder(localDays: Self.resolver, fields: .model)
        var fast = ActivityTallyDecoder(localDays: Self.resolver)
        var differences = 0
        for record in Self.mutations(of: line) {
            let expected = Self.outcome(record, &full, describe: Self.describe(_:))
            let actual = Self.outcome(record, &fast, describe: Self.describe(_:))
            if expected != actual {
                differences += 1
                if differences <= 3 {
                    Issue.record("\(String(decoding: record, as: UTF8.self)): \(expected) != \(actual)")
                }
            }
        }
        #expect(differences == 0)
    }

    @Test func aTallyOfARollupRowIsTheRowsEntry() throws {
        let row =
            #"{"rollup":1,"day":"2026-11-22","event":"SessionStart","session_id":"s1","project":"app","model":"m","count":2,"tokens":{"input":30,"output":60},"first":"2026-11-22T09:00:00.000Z","last":"2026-11-22T10:00:00.000Z"}"#
        var fast = ActivityTallyDecoder(localDays: Self.resolver)
        var full = LogLineDecoder(localDays: Self.resolver, fields: .model)
        let bytes = Array(row.utf8)
        let tally = bytes.withUnsafeBufferPointer { buffer -> String? in
            var scanner = JSONScanner(buffer)
            var problem: RecordProblem?
            return
                (try? fast.decodeRecord(
                    &scanner, kind: .rollup, at: LogLocation(file: "f", line: 1), problem: &problem)).flatMap
            {
                $0.map(Self.describe(_:))
            }
        }
        let entry = bytes.withUnsafeBufferPointer { buffer -> String? in
            var scanner = JSONScanner(buffer)
            var problem: RecordProblem?
            return
                (try? full.decodeRecord(
                    &scanner, kind: .rollup, at: LogLocation(file: "f", line: 1), problem: &problem)).flatMap
            {
                $0.map(Self.describe(_:))
            }
        }
        #expect(tally != nil)
        #expect(tally == entry)
    }

    @Test func manySessionsGrowTheTableAndKeepTheirTotals() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        var text = ""
        for index in 0..<300 {
            text += RotationFixture.line(
                "2026-11-22T12:00:00.000Z", .postToolUse, "session-\(index % 150)", tool: "Bash", input: index
            )
        }
        let path = directory.write(text, to: Self.name)
        let fast = try #require(Self.fastTotals(directory))
        #expect(fast == Self.fullTotals(path))
        #expect(fast.sessions.count == 150)
        #expect(fast.sessions["session-7"]?.tokens.input == 7 + 157)
    }
}
