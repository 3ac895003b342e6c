import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct ErrorLogTrimTests {
    func trim(_ text: String, keeping lines: Int) throws -> (String?, Int?) {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(text, to: "logger-errors.log")
        let descriptor = try FileDescriptor.open(directory.path, .readOnly, options: .directory)
        defer { try? descriptor.close() }
        let removed = try ErrorLogTrim.trim(
            directory.file("logger-errors.log"), temporary: directory.file(".t"), keeping: lines,
            directory: descriptor)
        #expect(directory.names() == ["logger-errors.log"])
        return (directory.read("logger-errors.log"), removed)
    }

    @Test func keepsTheLastLines() throws {
        #expect(try trim("a\nb\nc\nd\n", keeping: 2) == ("c\nd\n", 4))
        #expect(try trim("a\nb\nc\nd", keeping: 2) == ("c\nd", 4))
        #expect(try trim("a\n\nc\n", keeping: 2) == ("\nc\n", 2))
    }

    @Test func leavesShortLogsAlone() throws {
        #expect(try trim("a\nb\n", keeping: 2) == ("a\nb\n", nil))
        #expect(try trim("a\nb", keeping: 2) == ("a\nb", nil))
        #expect(try trim("", keeping: 2) == ("", nil))
    }

    @Test func findsTheCutAcrossChunks() throws {
        let lines = (1...30_000).map { "line \($0)\n" }
        let (text, removed) = try trim(lines.joined(), keeping: 1000)
        #expect(text == lines.suffix(1000).joined())
        #expect(removed == lines.prefix(29_000).joined().utf8.count)
    }
}
