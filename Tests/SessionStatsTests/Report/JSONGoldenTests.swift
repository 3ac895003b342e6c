import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `--json` of each command that reads the activity log, kept next to the text golden files.
@Suite("JSON golden files")
struct JSONGoldenTests {
    @Test(
        "each command's --json matches its golden file and parses",
        arguments: [
            (["report", "--range", "week"], "report-week.json"),
            (["report", "--range", "week", "--project", "api", "--top", "1"], "report-week-api.json"),
            (["sessions", "--range", "week"], "sessions-week.json"),
            (["session", "3f2a9c1e-7b44"], "session-opus.json"),
            (["session", "1763640000-4242"], "session-legacy.json"),
            (["errors", "--range", "week"], "errors-week.json"),
            (["audit", "--range", "week", "--fail-on", "none"], "audit-week.json"),
        ])
    func golden(arguments: [String], file: String) throws {
        let test = TestContext()
        #expect(test.run(arguments + ["--json"]) == .success, "\(test.captured.standardError)")
        let output = test.captured.standardOutput
        let expected = try #require(
            GoldenFile.expected(file, actual: output), "missing \(file); run with UPDATE_GOLDEN=1")
        #expect(output == expected)
        #expect(test.captured.standardError == "")
        _ = try JSONDocument(parsing: output)
    }
}
