import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite("Session timeline")
struct SessionTimelineTextTests {
    @Test(
        "one session's timeline matches its golden file",
        arguments: [
            ([SampleLogs.opusID], "session-opus.txt"),
            (["b7e1"], "session-sonnet.txt"),
            ([SampleLogs.legacyID], "session-legacy.txt"),
        ])
    func golden(arguments: [String], file: String) throws {
        let test = TestContext()
        #expect(test.run(["session"] + arguments) == .success)
        let expected = try #require(
            GoldenFile.expected(file, actual: test.captured.standardOutput),
            "missing \(file); run with UPDATE_GOLDEN=1")
        #expect(test.captured.standardOutput == expected)
    }

    @Test("files show relative to the session's cwd, and outside it as logged")
    func relativeFiles() {
        let test = TestContext()
        _ = test.run(["session", SampleLogs.sonnetID])
        let text = test.captured.standardOutput
        #expect(text.contains("internal/handler.go"))
        #expect(!text.contains("/home/u/api/internal/handler.go"))
        #expect(text.contains("/etc/hosts · error: permission denied"))
    }

    @Test("--json exports every entry of the session")
    func json() {
        let test = TestContext()
        _ = test.run(["session", SampleLogs.opusID, "--json"])
        let json = test.captured.standardOutput
        #expect(json.ranges(of: "\"timestamp\":").count == SampleLogs.opus.count)
        #expect(json.contains("\"session_id\": \"\(SampleLogs.opusID)\""))
        #expect(json.contains("\"error\": \"exit code 1: 2 tests failed\""))
    }
}
