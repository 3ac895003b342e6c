import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct SettingsFileTests {
    @Test(arguments: [
        ("/home/u/.claude/settings.json", "/home/u/.claude"),
        ("/settings.json", "/"),
        ("settings.json", "."),
        ("conf/settings.json", "conf"),
    ])
    func parentDirectory(path: String, parent: String) {
        #expect(SettingsFile.parentDirectory(of: path) == parent)
    }

    @Test func readsNilForAMissingFileAndFailsOnADirectory() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        #expect(try SettingsFile.read(directory.file("absent.json")) == nil)
        #expect(throws: SetupError.cannotRead(path: directory.path, errno: Errno.isDirectory.code)) {
            try SettingsFile.read(directory.path)
        }
    }

    @Test func keepsTheLastThreeBackups() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("settings.json")
        let now = Timestamp(milliseconds: 1_795_000_000_000)
        for index in 0..<5 {
            #expect(
                try SettingsFile.backUp(Array("v\(index)".utf8), of: path, mode: 0o640, now: now) == path
                    + ".bak")
        }
        #expect(directory.names() == ["settings.json.bak", "settings.json.bak.1", "settings.json.bak.2"])
        #expect(directory.read("settings.json.bak") == "v4")
        #expect(directory.read("settings.json.bak.1") == "v3")
        #expect(directory.read("settings.json.bak.2") == "v2")
        #expect(directory.mode("settings.json.bak") == 0o640)
        #expect(directory.mode("settings.json.bak.2") == 0o640)
    }

    @Test func refusesToReplaceAFileThatChangedSinceItWasRead() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.write("{\"model\": \"opus\"}", to: "settings.json")
        // Claude Code rewrote it between our read and our rename.
        directory.write("{\"model\": \"sonnet\"}", to: "settings.json")
        #expect(throws: SetupError.changedWhileEditing(path: path)) {
            try SettingsFile.write(
                Array("{}".utf8), to: path, mode: 0o600, expecting: .some(Array("{\"model\": \"opus\"}".utf8))
            )
        }
        #expect(directory.read("settings.json") == "{\"model\": \"sonnet\"}")
        #expect(directory.names() == ["settings.json"])
        // A file that appeared where none was read is a change too.
        #expect(throws: SetupError.changedWhileEditing(path: path)) {
            try SettingsFile.requireUnchanged(path, expected: nil)
        }
    }

    @Test func theLockIsExclusiveAndLeavesNoFileBehind() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("settings.json")
        let lockPath = path + ".lock"
        let seen = try SettingsFile.withLock(path) { () throws(SetupError) -> Bool in
            // While we hold it, another descriptor cannot take it.
            guard let other = try? FileDescriptor.open(lockPath, .readWrite) else { return false }
            defer { try? other.close() }
            return (try? other.lock(.exclusive, wait: false)) == false
        }
        #expect(seen)
        #expect(directory.names() == [])
        // A lock held elsewhere makes the edit wait, then give up with a clear error.
        let holder = try FileDescriptor.open(lockPath, .readWrite, options: [.create], permissions: 0o600)
        defer {
            try? FileSystem.remove(lockPath)
            try? holder.close()
        }
        #expect(try holder.lock(.exclusive))
        #expect(throws: SetupError.locked(path: lockPath)) {
            try SettingsFile.withLock(path, attempts: 2) { () throws(SetupError) in }
        }
    }

    @Test(arguments: [
        ([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D] as [UInt8], 2),
        ([0x7B, 0x7D, 0xC3] as [UInt8], 2),
    ])
    func refusesNonUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: SetupError.notUTF8(path: "s.json", offset: offset)) {
            try SettingsFile.requireUTF8(bytes, of: "s.json")
        }
    }

    @Test func writeCreatesParentsAndLeavesNoTemporaryFile() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try SettingsFile.write(Array("{}\n".utf8), to: directory.file("a/b/settings.json"), mode: 0o644)
        #expect(directory.read("a/b/settings.json") == "{}\n")
        #expect(directory.mode("a/b/settings.json") == 0o644)
        #expect(directory.mode("a") == 0o700)
        try SettingsFile.write(Array("{ }\n".utf8), to: directory.file("a/b/settings.json"), mode: 0o600)
        #expect(directory.read("a/b/settings.json") == "{ }\n")
        #expect(directory.mode("a/b/settings.json") == 0o600)
        #expect(directory.names(in: directory.file("a/b")) == ["settings.json"])
    }

    @Test func writeFailsWhenTheParentIsAFile() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write("{}", to: "plain")
        #expect(throws: SetupError.cannotWrite(path: directory.file("plain"), errno: Errno.notDirectory.code))
        {
            try SettingsFile.write(Array("x".utf8), to: directory.file("plain/settings.json"), mode: 0o644)
        }
        #expect(directory.names() == ["plain"])
    }
}
