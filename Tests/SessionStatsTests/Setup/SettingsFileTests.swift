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

    @Test func backupsAreNeverOverwritten() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let path = directory.file("settings.json")
        let now = Timestamp(milliseconds: 1_795_000_000_000)
        var made: [String] = []
        for index in 0..<4 {
            made.append(try SettingsFile.backUp(Array("v\(index)".utf8), of: path, mode: 0o600, now: now))
        }
        #expect(
            made == [
                path + ".bak", path + ".bak.20261118T110640Z", path + ".bak.20261118T110640Z-2",
                path + ".bak.20261118T110640Z-3",
            ])
        #expect(directory.read("settings.json.bak") == "v0")
        #expect(directory.read("settings.json.bak.20261118T110640Z-3") == "v3")
        #expect(directory.mode("settings.json.bak") == 0o600)
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
