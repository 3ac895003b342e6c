import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct LogDirectoryTests {
    @Test func listsOnlyDatedActivityAndRollupFiles() throws {
        let fixture = ReadingFixture()
        for name in [
            "activity-2026-01-14.jsonl", "activity-2026-01-15.jsonl", "rollup-2026-01-10.jsonl",
            "rollup-2026-01-14.jsonl", "activity-2026-02-30.jsonl", "activity-2026-01-16.jsonl.gz",
            "activity-latest.jsonl", "logger-errors.log", "notes.txt", "xactivity-2026-01-17.jsonl",
        ] {
            fixture.write(name, "")
        }
        let directory = try LogDirectory.scan(fixture.path)
        #expect(directory.activityDates == [CivilDate("2026-01-14")!, CivilDate("2026-01-15")!])
        #expect(directory.rollupDates == [CivilDate("2026-01-10")!, CivilDate("2026-01-14")!])
        let files = directory.files(for: nil)
        #expect(files.map(\.kind) == [.rollup, .activity, .activity])
        #expect(
            files.map(\.path) == [
                fixture.path + "/rollup-2026-01-10.jsonl", fixture.path + "/activity-2026-01-14.jsonl",
                fixture.path + "/activity-2026-01-15.jsonl",
            ])
    }

    @Test func readsTheDaysAroundTheRangeAndPrefersActivityFiles() {
        let dates = (1...9).map { CivilDate(year: 2026, month: 1, day: $0) }
        let directory = LogDirectory(
            path: "/logs/", activityDates: Set(dates.filter { $0.day % 2 == 0 }), rollupDates: Set(dates))
        let files = directory.files(for: dates[3]...dates[4])
        #expect(files.map(\.date) == Array(dates[2...5]))
        #expect(files.map(\.kind) == [.rollup, .activity, .rollup, .activity])
        #expect(files.first?.path == "/logs/rollup-2026-01-03.jsonl")
    }

    @Test func reportsAMissingDirectory() {
        #expect(throws: LogDirectoryError.missing("/nonexistent/logs")) {
            try LogDirectory.scan("/nonexistent/logs")
        }
        #expect(LogDirectoryError.missing("/x").message == "/x: no such directory")
    }

    @Test func reportsAFileGivenAsADirectory() {
        let fixture = ReadingFixture()
        let file = fixture.write("plain", "x")
        #expect(throws: LogDirectoryError.unreadable(file, errno: 20)) { try LogDirectory.scan(file) }
    }
}
