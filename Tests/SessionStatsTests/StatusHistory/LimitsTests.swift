import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct LimitsTests {
    static let now = TestContext.now.seconds  // 2026-11-22T15:00Z, 16:00 at UTC+1

    /// A capture at `minutesAgo` with the 5-hour window at `five` (resetting at `fiveReset`) and the
    /// 7-day one at `seven`.
    static func record(_ minutesAgo: Int, five: Int?, fiveReset: Int, seven: Int? = nil) -> StatusRecord {
        var input = StatusLineInput(sessionID: "s", modelID: "claude-opus-4-5")
        if let five { input.fiveHour = .init(usedPercent: DecimalNumber(five), resetsAt: fiveReset) }
        if let seven { input.sevenDay = .init(usedPercent: DecimalNumber(seven), resetsAt: now + 3 * 86_400) }
        return StatusRecord(timestamp: Timestamp(milliseconds: (now - minutesAgo * 60) * 1000), input: input)
    }

    /// Two 5-hour windows: one that reset at 14:00Z (peak 90%, then a stale reading after its
    /// reset), and the current one since 14:00Z resetting at 19:00Z, rising 10 points an hour.
    static let records: [StatusRecord] = [
        record(300, five: 10, fiveReset: now - 3600, seven: 40),
        record(200, five: 90, fiveReset: now - 3600 + 2),  // the reset time shifted by seconds
        record(150, five: 85, fiveReset: now - 3600),
        record(50, five: 99, fiveReset: now - 3600),  // stale: taken after that window reset
        record(60, five: 0, fiveReset: now + 4 * 3600, seven: 45),
        record(30, five: 5, fiveReset: now + 4 * 3600),
        record(0, five: 10, fiveReset: now + 4 * 3600, seven: 46),
        record(10, five: nil, fiveReset: 0),
    ]

    @Test func groupsReadingsByResetAndDropsStaleOnes() throws {
        let windows = LimitWindow.windows(of: .fiveHour, in: Self.records)
        #expect(windows.count == 2)
        let old = windows[0]
        #expect(old.samples.map(\.percent) == [DecimalNumber(10), DecimalNumber(90), DecimalNumber(85)])
        #expect(old.peak.percent == DecimalNumber(90))
        #expect(old.last.percent == DecimalNumber(85))
        #expect(old.resetsAt == Self.now - 3600 + 2)
        let current = windows[1]
        #expect(current.start == Self.now - 3600)
        #expect(current.burnRatePerHour == 10)
        // 90 points to go at 10 an hour: 9 hours after the last reading, after the 19:00Z reset.
        #expect(current.projectedFull == Timestamp(milliseconds: (Self.now + 9 * 3600) * 1000))
        #expect(LimitWindow.windows(of: .sevenDay, in: Self.records).count == 1)
    }

    @Test func burnRateFallsBackToTheWindowAverageOnASingleReading() {
        let window = LimitWindow(
            kind: .fiveHour, resetsAt: Self.now + 3 * 3600,
            samples: [.init(timestamp: TestContext.now, percent: DecimalNumber(50))])
        // Two hours into the window at 50%: 25 points an hour, full in two more hours.
        #expect(window.burnRatePerHour == 25)
        #expect(window.projectedFull == Timestamp(milliseconds: (Self.now + 2 * 3600) * 1000))
        var full = window
        full.samples[0].percent = DecimalNumber(100)
        #expect(full.projectedFull == TestContext.now)
    }

    @Test func sparklineShowsEachHalfHourCarriedForward() {
        let start = Self.now - 3600
        let window = LimitWindow(
            kind: .fiveHour, resetsAt: start + 5 * 3600,
            samples: [
                .init(timestamp: Timestamp(milliseconds: (start + 60) * 1000), percent: DecimalNumber(0)),
                .init(
                    timestamp: Timestamp(milliseconds: (start + 3600 + 60) * 1000), percent: DecimalNumber(50)
                ),
                .init(
                    timestamp: Timestamp(milliseconds: (start + 5400 + 60) * 1000),
                    percent: DecimalNumber(100)),
            ])
        #expect(window.sparkline == "▁▁▅█")
    }

    static func directory(withLedger: Bool) throws -> ScratchDirectory {
        let directory = ScratchDirectory()
        var byDay: [String: String] = [:]
        for record in Self.records {
            let day = TestContext().context.clock.date(of: record.timestamp)
            byDay[StatusRecord.fileName(day), default: ""] += String(decoding: record.jsonLine, as: UTF8.self)
        }
        byDay["status-2026-11-22.jsonl", default: ""] += "not json\n"
        for (name, text) in byDay { directory.write(text, to: name) }
        if withLedger {
            // Three requests: one in the old window, two in the current one (one a streamed copy).
            func request(_ minutesAgo: Int, _ id: String) -> String {
                let time = Timestamp(milliseconds: (Self.now - minutesAgo * 60) * 1000).iso8601
                return
                    #"{"v":1,"timestamp":"\#(time)","session_id":"s","model":"claude-opus-4-5","message_id":"msg_01\#(id)","input":1,"output":2,"cache_write_5m":0,"cache_write_1h":0,"cache_read":0}"#
                    + "\n"
            }
            directory.write(
                request(200, "A") + request(20, "B") + request(20, "B") + request(5, "C"),
                to: "usage-2026-11-22.jsonl")
        }
        return directory
    }

    @Test(arguments: [false, true])
    func textAndJSONGolden(withLedger: Bool) throws {
        let directory = try Self.directory(withLedger: withLedger)
        defer { directory.remove() }
        var outputs = ""
        for arguments in [["limits"], ["limits", "--json"]] {
            let test = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
            #expect(test.run(arguments) == .success)
            outputs += test.captured.standardOutput.replacingOccurrences(of: directory.path, with: "DIR")
        }
        let name = "limits-\(withLedger ? "ledger" : "no-ledger").txt"
        #expect(GoldenFile.expected(name, actual: outputs) == outputs)
    }

    @Test func windowsWithAnUnpricedModelShowNoCostAndSayWhy() throws {
        let directory = try Self.directory(withLedger: true)
        defer { directory.remove() }
        let time = Timestamp(milliseconds: (Self.now - 10 * 60) * 1000).iso8601
        let line =
            #"{"v":1,"timestamp":"\#(time)","session_id":"s","model":"glm-4.7","message_id":"msg_01G","input":10,"output":20,"cache_write_5m":0,"cache_write_1h":0,"cache_read":0}"#
        directory.append(line + "\n", to: "usage-2026-11-22.jsonl")
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
        #expect(test.run(["limits", "--json"]) == .success)
        let json = test.captured.standardOutput
        // The current 5-hour window holds B, C and the glm request: 3 requests, 3 + 3 + 30 tokens, no cost.
        #expect(json.contains(#""cost": null,\#n      "requests": 3,\#n      "tokens": 36"#))
        let text = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
        #expect(text.run(["limits"]) == .success)
        #expect(
            text.captured.standardOutput.contains(
                "Cost —: the window holds requests of a model with no price"))
        #expect(!text.captured.standardOutput.contains("not yet priced"))
    }

    @Test func saysWhenThereIsNoCaptureYet() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
        #expect(test.run(["limits"]) == .success)
        #expect(test.captured.standardOutput.hasPrefix("No status-line captures in \(directory.path) yet."))
        directory.write(
            String(
                decoding: StatusRecord(timestamp: TestContext.now, input: StatusInputFixture.input("v2.0"))
                    .jsonLine, as: UTF8.self),
            to: "status-2026-11-22.jsonl")
        let again = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
        #expect(again.run(["limits"]) == .success)
        #expect(again.captured.standardOutput.hasPrefix("1 status-line capture, none with plan limits"))
        let json = TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
        #expect(json.run(["limits", "--json"]) == .success)
        #expect(json.captured.standardOutput.contains("\"windows\": []"))
    }
}
