import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct LogDirectoryResolutionTests {
    @Test func aRelativeCLAUDE_LOG_DIRIsAnErrorAndTheDefaultDirectoryIsRead() throws {
        let home = ScratchDirectory()
        let test = TestContext(variables: ["HOME": home.path, "CLAUDE_LOG_DIR": "logs"])
        #expect(test.run(["report", "--range", "today"]) == .success)
        let message =
            "CLAUDE_LOG_DIR must be an absolute path or start with ~/, not logs; using \(home.path)/.claude/logs"
        #expect(test.captured.standardError.contains("error: " + message + "\n"))
        let errors = try String(
            contentsOfFile: home.path + "/.claude/logs/logger-errors.log", encoding: .utf8)
        #expect(errors.hasSuffix(" session-stats: error: " + message + "\n"))
    }

    @Test func aTildeIsExpanded() throws {
        let options = CommonOptions()
        let variables = ["HOME": "/home/u", "CLAUDE_LOG_DIR": "~/team-logs"]
        #expect(try options.logDirectories(variables: { variables[$0] }) == ["/home/u/team-logs"])
        #expect(options.logDirectoryProblem(variables: { variables[$0] }) == nil)
    }
}

@Suite struct HookTimeoutTests {
    /// Claude Code kills a hook at the registered timeout: the hook must give up on stdin and on a
    /// rotate's lock well before, or the line is lost.
    @Test func theHookGivesUpWellBeforeTheRegisteredTimeout() {
        let worstCase = Hook.stdinTimeoutMilliseconds + AppendWriter.lockWaitMilliseconds
        #expect(worstCase * 2 <= HookRegistration.timeoutSeconds * 1000)
    }
}
