import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite("The same --dir twice")
struct DirectoryIdentityTests {
    @Test("a directory named again, with a trailing slash or through a symlink, is listed once")
    func distinct() throws {
        let scratch = ScratchDirectory()
        let a = scratch.makeDirectory("a")
        let b = scratch.makeDirectory("b")
        try FileSystem.makeSymbolicLink(at: scratch.file("link"), to: a)
        let missing = scratch.file("missing")
        let listed = CommonOptions.distinct([a, a + "/", scratch.file("link"), b, missing, a, missing])
        #expect(listed == [a, b, missing])
    }

    @Test("reports count a directory given twice (and through a symlink) once")
    func reportTotals() throws {
        let scratch = ScratchDirectory()
        let logs = scratch.makeDirectory("logs")
        RotationFixture.write(into: ScratchDirectory(existingPath: logs))
        try FileSystem.makeSymbolicLink(at: scratch.file("same"), to: logs)
        func total(_ directories: [String]) throws -> JSONDocument? {
            let test = TestContext(source: .files)
            let arguments = ["report", "--range", "all", "--json"] + directories.flatMap { ["--dir", $0] }
            #expect(test.run(arguments) == .success)
            return try JSONDocument(parsing: test.captured.standardOutput)["summary"]?["total_operations"]
        }
        let once = try total([logs])
        #expect(once == .number("20"))
        #expect(try total([logs, logs]) == once)
        #expect(try total([logs, scratch.file("same"), logs + "/"]) == once)
    }
}
