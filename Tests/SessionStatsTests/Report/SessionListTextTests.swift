import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite("Session list")
struct SessionListTextTests {
    @Test(
        "the week's sessions match their golden file",
        arguments: [
            (["--range", "week"], "sessions-week.txt"),
            (["--range", "month", "-n", "2"], "sessions-month-2.txt"),
        ])
    func golden(arguments: [String], file: String) throws {
        let test = TestContext()
        #expect(test.run(["sessions"] + arguments) == .success)
        let expected = try #require(
            GoldenFile.expected(file, actual: test.captured.standardOutput),
            "missing \(file); run with UPDATE_GOLDEN=1")
        #expect(test.captured.standardOutput == expected)
    }

    @Test("sessions come newest first, each followed by its resume command")
    func order() {
        let test = TestContext()
        _ = test.run(["sessions", "--range", "week"])
        let lines = test.captured.standardOutput.split(separator: "\n").map(String.init)
        let resumes = lines.filter { $0.contains("claude --resume") }
        #expect(
            resumes == [
                "    cd '/home/u/app' && claude --resume " + SampleLogs.opusID,
                "    cd '/home/u/app' && claude --resume " + SampleLogs.haikuID,
                "    cd '/home/u/api' && claude --resume " + SampleLogs.sonnetID,
                "    claude --resume " + SampleLogs.legacyID,
            ])
        for (index, line) in lines.enumerated() where line.contains("claude --resume") {
            #expect(lines[index - 1].hasPrefix("  2026-11-"))
        }
    }

    @Test("--json lists sessions with cost and the resume command")
    func json() {
        let test = TestContext()
        _ = test.run(["sessions", "--range", "week", "--json"])
        let json = test.captured.standardOutput
        #expect(json.contains("\"total_sessions\": 4"))
        #expect(json.contains("\"cwd\": \"/home/u/app\""))
        #expect(
            json.contains("\"resume_command\": \"cd '/home/u/app' && claude --resume \(SampleLogs.opusID)\""))
        #expect(json.contains("\"resume_command\": \"claude --resume \(SampleLogs.legacyID)\""))
        #expect(json.contains("\"model\": \"claude-opus-4-5-20251101\""))
    }
}
