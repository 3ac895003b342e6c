import Foundation
import TestSupport
import Testing

@testable import SessionLogCore

/// Whether this system has `/dev/full`, a device whose every write fails with ENOSPC.
private let hasDevFull = (try? FileSystem.status(of: "/dev/full")) != nil

@Suite struct AppendWriterTests {
    /// Hands `path` to user and group 4242 (root only).
    static func giveAway(_ path: String) throws {
        try FileManager.default.setAttributes(
            [.ownerAccountID: 4242, .groupOwnerAccountID: 4242], ofItemAtPath: path)
    }

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

    @Test(.enabled(if: hasDevFull, "needs /dev/full, which Linux has"))
    func reportsAFullDisk() throws {
        // /dev/full fails every write with ENOSPC, as a full file system does.
        let descriptor = try FileDescriptor.open("/dev/full", .writeOnly)
        defer { try? descriptor.close() }
        #expect(throws: AppendError.write(path: "/dev/full", errno: Errno.noSpace.code)) {
            try AppendWriter.write(Array("line\n".utf8), to: descriptor, path: "/dev/full")
        }
        #expect(
            AppendError.write(path: "/x", errno: Errno.noSpace.code).message
                == "cannot write /x: no space left on device"
        )
    }

    @Test func refusesAFileWhereTheDirectoryShouldBe() throws {
        let directory = ScratchDirectory()
        #expect((try? Data().write(to: URL(fileURLWithPath: directory.path + "/logs"))) != nil)
        #expect(throws: AppendError.directory(path: directory.path + "/logs", errno: Errno.notDirectory.code))
        {
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
        let rotator = try FileDescriptor.open(path, .readOnly)
        defer { try? rotator.close() }
        try rotator.lock(.exclusive)
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
        SystemClock.sleep(milliseconds: 100)  // the writer has opened the old file and waits for the lock
        try FileSystem.rename(path, to: directory.path + "/rolled-up")
        try rotator.unlock()
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
        try FileSystem.makeSymbolicLink(at: today, to: target)
        let environment = HookEnvironment(logDirectory: logs)
        let problems = Hook.log(
            input: StandardInput.Contents(
                bytes: Array(#"{"hook_event_name":"Stop","cwd":"$(touch /tmp/pwned)"}"#.utf8),
                timedOut: false,
                readError: nil),
            environment: environment, now: now)
        #expect(problems == [.append(.refused(path: today, .symbolicLink))])
        #expect(directory.lines("bashrc") == ["# mine"])
        let devNull = try FileDescriptor.open("/dev/null", .writeOnly)
        defer { try? devNull.close() }
        Hook.report(problems[0], environment: environment, errorDescriptor: devNull.rawValue)
        let errors = directory.lines("logs/" + LogFileName.loggerErrors)
        #expect(errors.count == 1)
        #expect(errors.first?.hasSuffix("error: refusing \(today): it is a symbolic link") == true)
    }

    @Test func aFIFOOrDeviceAtTheLogNameIsRefusedWithoutWaiting() throws {
        let directory = ScratchDirectory()
        let fifo = directory.path + "/log.jsonl"
        try FileSystem.makeFIFO(fifo)
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
        try FileSystem.makeDirectory(logs, permissions: 0o755)
        try FileSystem.setPermissions(logs, 0o777)
        let file = logs + "/log.jsonl"
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: file))
        try FileSystem.setPermissions(file, 0o666)
        try AppendWriter.append(Array("two\n".utf8), to: file)
        #expect(try FileSystem.status(of: logs).permissions == 0o700)
        #expect(try FileSystem.status(of: file).permissions == 0o600)
        #expect(directory.lines("logs/log.jsonl") == ["one", "two"])
    }

    @Test(.enabled(if: CurrentProcess.effectiveUserID == 0, "changing a file's owner needs root"))
    func refusesAFileOrDirectoryOfAnotherUser() throws {
        let directory = ScratchDirectory()
        let logs = directory.path + "/logs"
        try AppendWriter.makeDirectory(logs)
        let file = logs + "/log.jsonl"
        try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: file))
        try Self.giveAway(file)
        #expect(throws: AppendError.refused(path: file, .otherOwner(4242))) {
            try AppendWriter.append(Array("x\n".utf8), to: file)
        }
        try Self.giveAway(logs)
        #expect(throws: AppendError.refused(path: logs, .otherOwner(4242))) {
            try AppendWriter.append(Array("x\n".utf8), to: logs + "/other.jsonl")
        }
        #expect(directory.lines("logs/log.jsonl") == ["theirs"])
        #expect(!FileManager.default.fileExists(atPath: logs + "/other.jsonl"))
    }
}
