import Testing

@testable import SessionLogCore

@Suite struct LogFileNameTests {
    @Test func namesFilesByDate() {
        let date = CivilDate(year: 2026, month: 3, day: 7)
        #expect(LogFileName.activity(date) == "activity-2026-03-07.jsonl")
        #expect(LogFileName.rollup(date) == "rollup-2026-03-07.jsonl")
        #expect(LogFileName.date(of: "activity-2026-03-07.jsonl", prefix: LogFileName.activityPrefix) == date)
    }

    @Test(arguments: [
        "activity-2026-03-07.jsonl.bak", "activity-2026-3-07.jsonl", "xactivity-2026-03-07.jsonl",
        "activity-2026-02-30.jsonl", "rollup-2026-03-07.jsonl", "activity-2026-03-07.json", "activity-.jsonl",
    ])
    func ignoresOtherNames(name: String) {
        #expect(LogFileName.date(of: name, prefix: LogFileName.activityPrefix) == nil)
    }
}
