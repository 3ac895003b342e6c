import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite("Reading log files through the commands")
struct LogSourceFilesTests {
    @Test("v1 lines, a legacy entry and a malformed line in two directories add up, with a warning")
    func twoDirectories() {
        let firstDirectory = ScratchDirectory()
        let secondDirectory = ScratchDirectory()
        let (first, second) = (firstDirectory.path, secondDirectory.path)
        firstDirectory.write(
            """
            {"v":1,"timestamp":"2026-11-22T08:00:00.000Z","event":"SessionStart","session_id":"s-1","project":"app","model":"claude-opus-4-5-20251101","tokens":{"input":0,"output":0,"total":0}}
            {"v":1,"timestamp":"2026-11-22T08:01:00.000Z","event":"PostToolUse","session_id":"s-1","project":"app","cwd":"/home/u/app","tool":"Edit","file":"/home/u/app/a.swift","tokens":{"input":100,"output":20,"total":120},"duration_ms":30,"success":true}
            {"v":1,"timestamp":"2026-11-22T08:02:00.000Z","event":"PostToolUse","session_id":"s-1","project":"app","tool":"Bash","command":"ls","tokens":{"input":1,"output":
            {"v":1,"timestamp":"2026-11-22T08:03:00.000Z","event":"PostToolUseFailure","session_id":"s-1","project":"app","tool":"Bash","command":"false","tokens":{"input":2,"output":3,"total":5},"success":false,"error":"exit 1"}

            """, to: "activity-2026-11-22.jsonl")
        secondDirectory.write(
            """
            {
              "timestamp": "2026-11-22T09:00:00Z",
              "session_id": "1700000000-1",
              "tool": "Bash",
              "command": "ls",
              "project": "site",
              "tokens": {
                "input": 5,
                "output": 0,
                "total": 5
              }
            }

            """, to: "activity-2026-11-22.jsonl")
        var test = TestContext()
        test.context.source = .files
        #expect(test.run(["--dir", first, "--dir", second, "--json"]) == .success)
        let json = test.captured.standardOutput
        #expect(json.contains("\"total_operations\": 3,"))
        #expect(json.contains("\"sessions\": 2,"))
        #expect(json.contains("\"failed\": 1,"))
        #expect(json.contains("\"input\": 107,"))
        #expect(json.contains("\"skipped_lines\": 1,"))
        #expect(json.contains("\"file\": \"a.swift\""))
        #expect(test.captured.standardError.contains("activity-2026-11-22.jsonl:3: "))
    }

    @Test("a missing directory next to a real one is warned about")
    func oneMissing() {
        let scratch = ScratchDirectory()
        let directory = scratch.path
        var test = TestContext()
        test.context.source = .files
        #expect(test.run(["--dir", directory, "--dir", directory + "/nope"]) == .success)
        #expect(test.captured.standardError == "warning: no log directory at \(directory)/nope\n")
        #expect(test.captured.standardOutput.hasPrefix("No activity today"))
    }
}
