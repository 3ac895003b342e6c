import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct SessionIndexTests {
    static let id = "dddddddd-0000-0000-0000-000000000004"

    static func line(_ timestamp: String, _ prompt: String) -> String {
        "{\"type\":\"user\",\"sessionId\":\"\(id)\",\"cwd\":\"/home/u/app\",\"timestamp\":\"\(timestamp)\","
            + "\"message\":{\"role\":\"user\",\"content\":\"\(prompt)\"}}\n"
    }

    @Test func readsOnlyWhatWasAppendedAndKeepsTheFirstPrompt() throws {
        let root = ScratchDirectory()
        root.makeDirectory("-home-u-app")
        let name = "-home-u-app/\(Self.id).jsonl"
        root.write(Self.line("2026-11-01T10:00:00.000Z", "first question"), to: name)
        var index = SessionIndex()
        let first = index.refreshTranscripts(roots: [root.path])
        #expect(first.transcriptsRead == 1 && first.changed)
        let before = try #require(index.sessions[Self.id])
        #expect(before.firstPrompt == "first question")
        #expect(before.project == "app")

        // Unchanged: nothing read.
        let again = index.refreshTranscripts(roots: [root.path])
        #expect(again.transcriptsRead == 0 && !again.changed)

        // Appended: read from where the last refresh stopped.
        root.append(Self.line("2026-11-02T10:00:00.000Z", "second question"), to: name)
        root.append(
            "{\"type\":\"ai-title\",\"aiTitle\":\"App work\",\"sessionId\":\"\(Self.id)\"}\n", to: name)
        _ = index.refreshTranscripts(roots: [root.path])
        let after = try #require(index.sessions[Self.id])
        #expect(after.firstPrompt == "first question")
        #expect(after.title == "App work")
        #expect(after.first == Timestamp(iso8601: "2026-11-01T10:00:00.000Z"))
        #expect(after.last == Timestamp(iso8601: "2026-11-02T10:00:00.000Z"))
        #expect(after.transcript?.scanned == after.transcript?.size)

        // Replaced by another file under the same name: read again from the start.
        let path = root.file(name)
        unlink(path)
        root.write(Self.line("2026-11-05T10:00:00.000Z", "a new start"), to: name)
        _ = index.refreshTranscripts(roots: [root.path])
        #expect(index.sessions[Self.id]?.firstPrompt == "a new start")
        #expect(index.sessions[Self.id]?.title == nil)
    }

    @Test func savesWithMode0600AndLoadsTheSameIndex() throws {
        var index = SessionIndex()
        _ = index.refreshTranscripts(roots: [SearchFixture.root])
        #expect(index.sessions.count == 3)
        #expect(index.sessions[SearchFixture.blog]?.agents.count == 1)
        let logs = ScratchDirectory()
        try index.save(directory: logs.path)
        #expect(logs.mode(SessionIndex.fileName) == 0o600)
        #expect(SessionIndex.load(directory: logs.path) == index)
        // Nothing left behind but the index.
        #expect(try FileManager.default.contentsOfDirectory(atPath: logs.path) == [SessionIndex.fileName])
    }

    @Test func aDamagedOrForeignIndexIsRebuiltNotTrusted() throws {
        let logs = ScratchDirectory()
        logs.write("{\"version\":99}\n", to: SessionIndex.fileName, mode: 0o600)
        #expect(SessionIndex.load(directory: logs.path) == SessionIndex())
        logs.write("{\"version\":2}\n{\"session\":\"x\",\"cwd\":", to: SessionIndex.fileName, mode: 0o600)
        #expect(SessionIndex.load(directory: logs.path) == SessionIndex())
    }

    @Test func aSymbolicLinkAtTheIndexIsNeitherReadNorFollowed() throws {
        let logs = ScratchDirectory()
        let elsewhere = ScratchDirectory()
        var index = SessionIndex()
        _ = index.refreshTranscripts(roots: [SearchFixture.root])
        try index.save(directory: elsewhere.path)
        let target = elsewhere.file(SessionIndex.fileName)
        let before = elsewhere.bytes(SessionIndex.fileName)
        symlink(target, logs.file(SessionIndex.fileName))
        #expect(SessionIndex.load(directory: logs.path) == SessionIndex())
        try SessionIndex().save(directory: logs.path)
        // The link was replaced by our own file; its target is untouched.
        #expect(elsewhere.bytes(SessionIndex.fileName) == before)
        #expect(SessionIndex.load(directory: logs.path) == SessionIndex())
    }
}
