import Foundation
import TestSupport
import Testing

/// `session-stats … | head -1`: a reader that stops early must not turn into exit 141 or an error.
@Suite struct ClosedPipeEndToEndTests {
    @Test(arguments: [["--help"], ["report", "--help"], ["rotate", "--help"]])
    func writingToAClosedPipeExitsZeroQuietly(arguments: [String]) throws {
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let scratch = ScratchDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: stats.path)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "LANG": "C"]
        let pipe = Pipe()
        // The reader is gone before the first write, as `head` is after its first line.
        try pipe.fileHandleForReading.close()
        process.standardOutput = pipe.fileHandleForWriting
        let errors = try FileHandle(
            forWritingTo: URL(fileURLWithPath: scratch.write("", to: "err", mode: 0o600)))
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try? pipe.fileHandleForWriting.close()
        try? errors.close()
        #expect(process.terminationReason == .exit, "died of signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 0)
        #expect((scratch.bytes("err") ?? []).isEmpty)
    }
}
