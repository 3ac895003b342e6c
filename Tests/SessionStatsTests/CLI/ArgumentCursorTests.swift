import Testing

@testable import SessionStats

@Suite("Argument cursor")
struct ArgumentCursorTests {
    @Test("options take values as the next argument or after =")
    func values() throws {
        var cursor = ArgumentCursor(["--top", "5", "--range=week", "pos", "--", "--json"])
        #expect(try cursor.next() == .option("--top"))
        #expect(try cursor.count(for: "--top") == 5)
        #expect(try cursor.next() == .option("--range"))
        #expect(try cursor.value(for: "--range") == "week")
        #expect(try cursor.next() == .positional("pos"))
        #expect(try cursor.next() == .positional("--json"))
        #expect(try cursor.next() == nil)
    }

    @Test("a missing value, a value on a flag, a bad number and a bad date are usage errors")
    func errors() throws {
        var missing = ArgumentCursor(["--top"])
        #expect(throws: UsageError.missingValue(option: "--top")) {
            _ = try missing.next()
            _ = try missing.count(for: "--top")
        }
        var flag = ArgumentCursor(["--json=yes"])
        #expect(throws: UsageError.unexpectedValue(option: "--json")) {
            _ = try flag.next()
            _ = try flag.next()
        }
        for text in ["-1", "ten", "", "1.5", "99999999999999999999999"] {
            var number = ArgumentCursor(["--top", text])
            #expect(throws: UsageError.badNumber(option: "--top", value: text)) {
                _ = try number.next()
                _ = try number.count(for: "--top")
            }
        }
        for text in ["soon", "2026-1-1", "7", "2026/11/22"] {
            var date = ArgumentCursor(["--date", text])
            #expect(throws: UsageError.badDate(option: "--date", value: text)) {
                _ = try date.next()
                _ = try date.date(for: "--date")
            }
        }
        for text in ["2026-02-30", "2026-13-01", "20260230"] {
            var date = ArgumentCursor(["--date", text])
            #expect(throws: UsageError.noSuchDay(option: "--date", value: text)) {
                _ = try date.next()
                _ = try date.date(for: "--date")
            }
        }
        var relative = ArgumentCursor(["--since=2w"])
        _ = try relative.next()
        #expect(try relative.date(for: "--since") == .daysAgo(14))
    }
}
