import Foundation
@preconcurrency import Glibc
import TestSupport
import Testing

@testable import SessionLogCore

@Suite struct AppendWriterTests {
    @Test func appendsWholeLinesToAPrivateFile() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/a/b/log.jsonl"
        try AppendWriter.makeDirectory(directory.path + "/a/b")
        try AppendWriter.append(Array("one\n".utf8), to: path)
        try AppendWriter.append(Array("two\n".utf8), to: path)
        #expect(directory.lines("a/b/log.jsonl") == ["one", "two"])
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/a")
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func reportsAFullDisk() {
        // /dev/full fails every write with ENOSPC, as a full file system does.
        #expect(throws: AppendError.write(path: "/dev/full", errno: ENOSPC)) {
            try AppendWriter.append(Array("line\n".utf8), to: "/dev/full")
        }
        #expect(
            AppendError.write(path: "/x", errno: ENOSPC).message == "cannot write /x: no space left on device"
        )
    }

    @Test func refusesAFileWhereTheDirectoryShouldBe() throws {
        let directory = ScratchDirectory()
        #expect((try? Data().write(to: URL(fileURLWithPath: directory.path + "/logs"))) != nil)
        #expect(throws: AppendError.directory(path: directory.path + "/logs", errno: ENOTDIR)) {
            try AppendWriter.makeDirectory(directory.path + "/logs")
        }
    }

    @Test func theHookReportsAFullDiskOnStderrAndInItsErrorLog() throws {
        let directory = ScratchDirectory()
        let now = Timestamp.now()
        let logs = directory.path + "/logs"
        try AppendWriter.makeDirectory(logs)
        let today = logs + "/" + LogFileName.activity(now.local.date)
        #expect(symlink("/dev/full", today) == 0)
        let environment = HookEnvironment(logDirectory: logs)
        let problems = Hook.log(
            input: StandardInput.Contents(
                bytes: Array(#"{"hook_event_name":"Stop"}"#.utf8), timedOut: false, readError: nil),
            environment: environment, now: now)
        #expect(problems == [.append(.write(path: today, errno: ENOSPC))])
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        Hook.report(problems[0], environment: environment, errorDescriptor: devNull)
        let errors = directory.lines("logs/" + LogFileName.loggerErrors)
        #expect(errors.count == 1)
        #expect(errors.first?.hasSuffix("error: cannot write \(today): no space left on device") == true)
    }
}
