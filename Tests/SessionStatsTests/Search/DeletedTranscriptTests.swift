import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Sessions whose transcript Claude Code deleted still list: from the index, the hook log and the ledger.
@Suite struct DeletedTranscriptTests {
    @Test func aTranscriptDeletedAfterIndexingKeepsItsTitleAndDates() throws {
        let copy = ScratchDirectory()
        copy.makeDirectory("-home-user-shop")
        let name = "-home-user-shop/\(SearchFixture.shop).jsonl"
        copy.write(ScratchDirectory(existingPath: SearchFixture.root).bytes(name) ?? [], to: name)
        let fixture = SearchFixture(transcripts: copy.path)
        #expect(fixture.ids([]) == [SearchFixture.shop])
        unlink(copy.file(name))
        let result = fixture.run([])
        #expect(result.out.contains("2026-11-20 10:04  shop  menu-prices\n    transcript deleted\n"))
        #expect(result.out.contains("cd '/home/user/shop' && claude --resume \(SearchFixture.shop)"))
        let json = fixture.run(["--json"]).out
        #expect(json.contains("\"transcript\": null"))
        // Words cannot be found in a transcript that is gone.
        #expect(fixture.ids(["menu"]) == [])
    }

    @Test func sessionsKnownOnlyFromTheHookLogAndTheLedgerList() throws {
        let fixture = SearchFixture(transcripts: ScratchDirectory().file("none"))
        fixture.logs.write(
            """
            {"v":1,"timestamp":"2026-08-01T10:00:00.000Z","event":"PostToolUse","session_id":"old-from-hook","project":"legacy","cwd":"/srv/legacy","tool":"Bash","tokens":{"input":1,"output":1}}
            {"v":1,"timestamp":"2026-08-01T11:30:00.000Z","event":"Stop","session_id":"old-from-hook","project":"legacy","cwd":"/srv/legacy"}

            """, to: "activity-2026-08-01.jsonl", mode: 0o600)
        var tokens = UsageTokens()
        tokens.input = 100_000
        let record = UsageRecord(
            timestamp: Timestamp(iso8601: "2026-09-02T08:00:00.000Z")!, sessionID: "old-from-ledger",
            project: "billing", cwd: "/srv/billing", model: "claude-sonnet-4-5-20250929", messageID: "m1",
            requestID: "r1", tokens: tokens)
        fixture.logs.write(record.ledgerLine, to: "usage-2026-09-02.jsonl", mode: 0o600)
        let result = fixture.run([])
        #expect(result.code == .success)
        #expect(
            result.out.contains(
                "2026-09-02 09:00  billing  (no title)  $0.3000\n    transcript deleted\n    cd '/srv/billing' && claude --resume old-from-ledger\n"
            ))
        #expect(
            result.out.contains(
                "2026-08-01 12:30  legacy  (no title)\n    transcript deleted\n    cd '/srv/legacy' && claude --resume old-from-hook\n"
            ))
        // Found by project and date, from the index alone.
        #expect(fixture.ids(["-p", "legacy"]) == ["old-from-hook"])
        #expect(fixture.ids(["--since", "2026-09-01"]) == ["old-from-ledger"])
    }
}
