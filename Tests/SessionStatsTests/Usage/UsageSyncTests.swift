import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Incremental syncing: what is read again, what is never taken twice, and what a user sees.
@Suite struct UsageSyncTests {
    private func records(_ directory: String) -> [UsageRecord] {
        var reader = UsageLedgerReader(
            directories: [directory], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        return reader.read(days: nil).records.sorted { $0.timestamp < $1.timestamp }
    }

    private func run(_ directory: String, _ roots: [String]) throws -> SyncSummary {
        var sync = UsageSync(
            directory: directory, roots: roots, localDays: LocalDayResolver(utcOffsetSeconds: 0))
        return try sync.run()
    }

    @Test func aHalfWrittenLastLineIsTakenOnceWhenComplete() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let source = TranscriptFixtures.root("half-written-line") + "/-home-user-demo/"
        let name = "11111111-1111-1111-1111-111111111111.jsonl"
        let text = try #require(ScratchDirectory(existingPath: source).read(name))
        let cut = text.split(separator: "\n", omittingEmptySubsequences: false)
        try FileSystem.makeDirectory(scratch.file("projects"))
        _ = scratch.write(String(cut[0]) + "\n" + String(cut[1]), to: "projects/" + name)
        let logs = scratch.file("logs")
        var summary = try run(logs, [scratch.file("projects")])
        #expect(summary.requestsAdded == 1)
        // The rest of the line arrives, without its newline: complete JSON, so it counts now.
        _ = scratch.write(String(cut[0]) + "\n" + completed(String(cut[1])), to: "projects/" + name)
        summary = try run(logs, [scratch.file("projects")])
        #expect(summary.requestsAdded == 1)
        // Then its newline: nothing new.
        scratch.append("\n", to: "projects/" + name)
        summary = try run(logs, [scratch.file("projects")])
        #expect(summary.requestsAdded == 0)
        #expect(records(logs).map(\.messageID) == ["msg_01III", "msg_01JJJ"])
    }

    // The half-written fixture line is the first half of a known line: rebuild that line.
    private func completed(_ half: String) -> String {
        let usage =
            #"{"input_tokens":2,"output_tokens":9,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}"#
        let message =
            #"{"model":"claude-sonnet-4-5-20250929","id":"msg_01JJJ","type":"message","role":"assistant","content":[{"type":"text","text":"ok"}],"usage":"#
            + usage + "}"
        let line =
            #"{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/user/demo","sessionId":"11111111-1111-1111-1111-111111111111","version":"2.1.0","message":"#
            + message
            + #","type":"assistant","uuid":"u-2026-02-02T12:00:05.000Z","timestamp":"2026-02-02T12:00:05.000Z","requestId":"req_01JJJ"}"#
        #expect(line.hasPrefix(half))
        return line
    }

    @Test func syncingTwiceChangesNothingAndDeletedTranscriptsKeepTheLedger() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        let roots = ["streaming-duplicates", "resumed-session", "sidechain-btw"].map {
            TranscriptFixtures.root($0)
        }
        let first = try run(logs, roots)
        #expect(first.requestsAdded > 0)
        let before = records(logs)
        let second = try run(logs, roots)
        #expect(second.filesRead == 0)
        #expect(second.requestsAdded == 0)
        #expect(records(logs) == before)
        // Claude Code deleted the transcripts: the ledger still has every request.
        let third = try run(logs, [scratch.file("gone")])
        #expect(third.filesFound == 0)
        #expect(records(logs) == before)
    }

    @Test func aTranscriptReadAgainFromTheStartAddsNoRequest() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        let roots = [TranscriptFixtures.root("streaming-duplicates")]
        _ = try run(logs, roots)
        let before = records(logs)
        // Losing the state (or a crash before it was saved) re-reads everything: copies, dropped on reading.
        try FileSystem.remove(logs + "/" + SyncState.fileName)
        let again = try run(logs, roots)
        #expect(again.requestsAdded == before.count)
        #expect(records(logs) == before)
    }

    @Test func ledgerFilesArePrivateAndDatedByLocalDay() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        var sync = UsageSync(
            directory: logs, roots: [TranscriptFixtures.root("streaming-duplicates")],
            localDays: LocalDayResolver(utcOffsetSeconds: -11 * 3600))
        _ = try sync.run()
        #expect(try FileSystem.status(of: logs + "/usage-2026-02-28.jsonl").permissions == 0o600)
        #expect(try FileSystem.status(of: logs).permissions == 0o700)
    }

    @Test func aSymbolicLinkInPlaceOfALedgerFileIsRefused() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let logs = scratch.file("logs")
        try FileSystem.makeDirectory(logs)
        _ = scratch.write("", to: "target")
        try FileSystem.makeSymbolicLink(at: logs + "/usage-2026-03-01.jsonl", to: scratch.file("target"))
        #expect(throws: LedgerError.self) {
            _ = try run(logs, [TranscriptFixtures.root("streaming-duplicates")])
        }
        #expect(scratch.read("target") == "")
    }

    @Test func anOverlongLineIsSkippedAndCounted() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        try FileSystem.makeDirectory(scratch.file("projects"))
        let source = try #require(
            ScratchDirectory(existingPath: TranscriptFixtures.root("missing-request-id") + "/-home-user-demo")
                .read("11111111-1111-1111-1111-111111111111.jsonl"))
        let long =
            #"{"type":"file-history-snapshot","usage":"# + "\"" + String(repeating: "x", count: 5000)
            + "\"}\n"
        _ = scratch.write(long + source, to: "projects/s.jsonl")
        var sync = UsageSync(
            directory: scratch.file("logs"), roots: [scratch.file("projects")],
            localDays: LocalDayResolver(utcOffsetSeconds: 0))
        sync.maximumLineBytes = 1024
        let summary = try sync.run()
        #expect(summary.overlongLines == 1)
        #expect(summary.requestsAdded == 2)
    }

    @Test func transcriptRootsFollowClaudeCodesRules() {
        let home = ["HOME": "/home/u"]
        #expect(
            TranscriptRoots.resolve(explicit: [], variables: { home[$0] })
                == ["/home/u/.claude/projects", "/home/u/.config/claude/projects"])
        let configured = ["HOME": "/home/u", "CLAUDE_CONFIG_DIR": "/a, /b/"]
        #expect(
            TranscriptRoots.resolve(explicit: [], variables: { configured[$0] }) == [
                "/a/projects", "/b/projects",
            ])
        #expect(TranscriptRoots.resolve(explicit: ["/x"], variables: { configured[$0] }) == ["/x"])
    }

    @Test func syncCommandPrintsWhatItDid() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let test = TestContext()
        let code = test.run([
            "sync", "--dir", scratch.file("logs"), "--transcripts",
            TranscriptFixtures.root("streaming-duplicates"),
        ])
        #expect(code == .success)
        #expect(test.captured.standardOutput.contains("requests added      2\n"))
        #expect(test.captured.standardOutput.contains("duplicates dropped  2\n"))
        let json = TestContext()
        _ = json.run(["sync", "--json", "--dir", scratch.file("logs"), "--transcripts", scratch.file("none")])
        #expect(json.captured.standardOutput.contains(#""requests_added": 0"#))
        #expect(json.captured.standardError.contains("note: no transcripts folder at"))
    }
}
