import Foundation
import Testing

@testable import SessionStats

@Suite("Resume command")
struct ResumeCommandTests {
    @Test(
        "the directory is single-quoted for a POSIX shell; no directory, no cd",
        arguments: [
            ("/home/u/app", "cd '/home/u/app' && claude --resume abc-123"),
            ("/Users/Jane Doe/My Project", "cd '/Users/Jane Doe/My Project' && claude --resume abc-123"),
            ("/tmp/it's", #"cd '/tmp/it'\''s' && claude --resume abc-123"#),
            ("/tmp/''", #"cd '/tmp/'\'''\''' && claude --resume abc-123"#),
            ("/tmp/$(rm -rf ~)`x`;&|\\", #"cd '/tmp/$(rm -rf ~)`x`;&|\' && claude --resume abc-123"#),
            ("/home/u/プロジェクト", "cd '/home/u/プロジェクト' && claude --resume abc-123"),
            ("", "claude --resume abc-123"),
        ])
    func line(cwd: String, expected: String) {
        #expect(ResumeCommand.line(sessionID: "abc-123", cwd: cwd) == expected)
    }

    @Test("no known directory gives the bare command")
    func noDirectory() {
        #expect(ResumeCommand.line(sessionID: "abc-123", cwd: nil) == "claude --resume abc-123")
    }

    @Test("an id with anything but letters, digits and -._ is quoted too")
    func oddID() {
        #expect(ResumeCommand.line(sessionID: "a b;c", cwd: nil) == "claude --resume 'a b;c'")
        #expect(ResumeCommand.line(sessionID: "x'y", cwd: nil) == #"claude --resume 'x'\''y'"#)
        #expect(
            ResumeCommand.line(sessionID: "1763640000-4242", cwd: nil) == "claude --resume 1763640000-4242")
    }

    @Test("a real shell reads the quoted directory back byte for byte")
    func roundTrip() throws {
        let odd = "/tmp/a'b \"c\" $HOME `d` \\e;f|g&h*"
        let quoted = ResumeCommand.singleQuoted(odd)
        let output = try runShell("printf '%s' " + quoted)
        #expect(output == odd)
    }

    private func runShell(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
