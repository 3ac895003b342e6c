import Testing

@testable import SessionLogCore

@Suite struct LogDirectoryPathTests {
    @Test func usesCLAUDE_LOG_DIRElseTheDefaultUnderHome() {
        #expect(
            LogDirectoryPath.resolve(logDirectory: nil, home: "/home/u")
                == LogDirectoryPath(path: "/home/u/.claude/logs", problem: nil))
        #expect(
            LogDirectoryPath.resolve(logDirectory: "/srv/logs", home: "/home/u")
                == LogDirectoryPath(path: "/srv/logs", problem: nil))
        #expect(
            LogDirectoryPath.resolve(logDirectory: nil, home: nil)
                == LogDirectoryPath(path: nil, problem: nil))
    }

    @Test func expandsALeadingTilde() {
        #expect(LogDirectoryPath.resolve(logDirectory: "~/logs", home: "/home/u").path == "/home/u/logs")
        #expect(LogDirectoryPath.resolve(logDirectory: "~", home: "/home/u/").path == "/home/u/")
        #expect(LogDirectoryPath.resolve(logDirectory: "~/logs", home: nil).path == nil)
    }

    @Test(arguments: ["logs", "./logs", "~alice/logs", "../x"])
    func refusesARelativePathAndUsesTheDefault(_ value: String) {
        let resolved = LogDirectoryPath.resolve(logDirectory: value, home: "/home/u")
        #expect(resolved.path == "/home/u/.claude/logs")
        #expect(
            resolved.problem
                == "CLAUDE_LOG_DIR must be an absolute path or start with ~/, not \(value); using /home/u/.claude/logs"
        )
    }
}
