import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Cron runs `rotate` before the first Claude Code run has made the log directory.
@Suite("rotate on a log directory that does not exist yet")
struct RotateMissingDirectoryTests {
    @Test("prints a one-line note and exits 0", arguments: [[], ["--dry-run"]])
    func missingDirectory(extra: [String]) {
        let scratch = ScratchDirectory()
        let missing = scratch.file("not-yet")
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": missing], source: .files)
        #expect(RotateCommand.run(extra, context: test.context) == .success)
        #expect(test.captured.standardOutput == "nothing to rotate: \(missing) does not exist yet\n")
        #expect(test.captured.standardError.isEmpty)
        #expect(scratch.names().isEmpty)
    }
}
