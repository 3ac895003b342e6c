import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct ReadDiagnosticsTests {
    @Test func keepsTheFirstLineWarningsAndEveryPathWarningWhenMerging() {
        var first = ReadDiagnostics()
        for line in 1...3 { first.skip(LogLocation(file: "a", line: line), .notAnObject) }
        first.unreadable("dir", "cannot read directory: permission denied")
        var second = ReadDiagnostics()
        for line in 1...4 { second.skip(LogLocation(file: "b", line: line), .truncated) }
        second.unreadable("b2", "cannot open: permission denied")
        second.blankLines = 2
        second.filesRead = 1
        first.merge(second)
        #expect(first.skipped == 7)
        #expect(first.truncated == 4)
        #expect(first.blankLines == 2)
        #expect(first.filesRead == 1)
        #expect(first.unreadablePaths == 2)
        #expect(first.suppressedWarnings == 2)
        #expect(
            first.warnings == [
                "dir: cannot read directory: permission denied", "b2: cannot open: permission denied",
                "a:1: not a JSON object", "a:2: not a JSON object", "a:3: not a JSON object",
                "b:1: truncated record at end of file", "b:2: truncated record at end of file",
            ])
    }
}
