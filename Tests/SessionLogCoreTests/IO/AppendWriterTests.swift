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
        let descriptor = open("/dev/full", O_WRONLY)
        defer { close(descriptor) }
        #expect(throws: AppendError.write(path: "/dev/full", errno: ENOSPC)) {
            try AppendWriter.write(Array("line\n".utf8), to: descriptor, path: "/dev/full")
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

    @Test func aLineAfterATornOneStartsOnItsOwnLine() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/log.jsonl"
        // What a write cut short by a full disk leaves: a line without its newline.
        try Data(#"{"v":1,"event":"Stop","times"#.utf8).write(to: URL(fileURLWithPath: path))
        try AppendWriter.append(Array("{\"v\":1}\n".utf8), to: path)
        try AppendWriter.append(Array("{\"v\":2}\n".utf8), to: path)
        #expect(directory.lines("log.jsonl") == [#"{"v":1,"event":"Stop","times"#, #"{"v":1}"#, #"{"v":2}"#])
    }

    @Test func writesIntoTheFileAtTheNameWhenTheOneOpenedWasRemovedUnderTheLock() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/log.jsonl"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        // Stand in for rotate: hold the exclusive lock, then move the file away and let go.
        let rotator = open(path, O_RDONLY)
        defer { close(rotator) }
        #expect(flock(rotator, LOCK_EX) == 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: AppendError?
        DispatchQueue.global().async {
            do throws(AppendError) {
                try AppendWriter.append(Array("late\n".utf8), to: path)
            } catch {
                failure = error
            }
            done.signal()
        }
        usleep(100_000)  // the writer has opened the old file and waits for the lock
        #expect(rename(path, directory.path + "/rolled-up") == 0)
        #expect(flock(rotator, LOCK_UN) == 0)
        done.wait()
        #expect(failure == nil)
        #expect(directory.lines("rolled-up") == ["old"])
        #expect(directory.lines("log.jsonl") == ["late"])
    }

    @Test func theHookRefusesALinkAtItsLogNameAndSaysSoOnce() throws {
        let directory = ScratchDirectory()
        let now = Timestamp.now()
        let logs = directory.path + "/logs"
        try AppendWriter.makeDirectory(logs)
        let target = directory.path + "/bashrc"
        try Data("# mine\n".utf8).write(to: URL(fileURLWithPath: target))
        let today = logs + "/" + LogFileName.activity(now.local.date)
        #expect(symlink(target, today) == 0)
        let environment = HookEnvironment(logDirectory: logs)
        let problems = Hook.log(
            input: StandardInput.Contents(
                bytes: Array(#"{"hook_event_name":"Stop","cwd":"$(touch /tmp/pwned)"}"#.utf8),
                timedOut: false,
                readError: nil),
            environment: environment, now: now)
        #expect(problems == [.append(.refused(path: today, .symbolicLink))])
        #expect(directory.lines("bashrc") == ["# mine"])
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        Hook.report(problems[0], environment: environment, errorDescriptor: devNull)
        let errors = directory.lines("logs/" + LogFileName.loggerErrors)
        #expect(errors.count == 1)
        #expect(errors.first?.hasSuffix("error: refusing \(today): it is a symbolic link") == true)
    }

    @Test func aFIFOOrDeviceAtTheLogNameIsRefusedWithoutWaiting() throws {
        let directory = ScratchDirectory()
        let fifo = directory.path + "/log.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: AppendError.refused(path: fifo, .notRegularFile)) {
            try AppendWriter.append(Array("x\n".utf8), to: fifo)
        }
        #expect(throws: AppendError.refused(path: fifo, .notRegularFile)) {
            try SafeFile.openForReading(fifo)
        }
        #expect(throws: AppendError.refused(path: "/dev/zero", .notRegularFile)) {
            try SafeFile.openForReading("/dev/zero")
        }
    }

    @Test func tightensLooseModesOfTheUsersOwnDirectoryAndFile() throws {
        let directory = ScratchDirectory()
        let logs = directory.path + "/logs"
        #expect(mkdir(logs, 0o755) == 0)
        #expect(chmod(logs, 0o777) == 0)
        let file = logs + "/log.jsonl"
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o666) == 0)
        try AppendWriter.append(Array("two\n".utf8), to: file)
        var info = stat()
        #expect(stat(logs, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(directory.lines("logs/log.jsonl") == ["one", "two"])
    }

    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func refusesAFileOrDirectoryOfAnotherUser() throws {
        let directory = ScratchDirectory()
        let logs = directory.path + "/logs"
        try AppendWriter.makeDirectory(logs)
        let file = logs + "/log.jsonl"
        try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chown(file, 4242, 4242) == 0)
        #expect(throws: AppendError.refused(path: file, .otherOwner(4242))) {
            try AppendWriter.append(Array("x\n".utf8), to: file)
        }
        #expect(chown(logs, 4242, 4242) == 0)
        #expect(throws: AppendError.refused(path: logs, .otherOwner(4242))) {
            try AppendWriter.append(Array("x\n".utf8), to: logs + "/other.jsonl")
        }
        #expect(directory.lines("logs/log.jsonl") == ["theirs"])
        #expect(!FileManager.default.fileExists(atPath: logs + "/other.jsonl"))
    }
}
