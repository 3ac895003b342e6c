import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// A listing whose files did not change reads only the head of the index, with cached costs; any
/// change to the transcripts, the ledger, the prices or the sync state sends it down the full path.
@Suite struct IndexStampTests {
    private func text(_ directory: ScratchDirectory, _ name: String) -> String {
        String(decoding: directory.bytes(name) ?? [], as: UTF8.self)
    }

    private func ledgerRecord(
        _ session: String, input: Int, id: String, model: String = "claude-sonnet-4-5-20250929"
    ) -> String {
        var tokens = UsageTokens()
        tokens.input = input
        return UsageRecord(
            timestamp: Timestamp(iso8601: "2026-09-02T08:00:00.000Z")!, sessionID: session,
            project: "billing", cwd: "/srv/billing", model: model, messageID: id,
            requestID: "r-" + id, tokens: tokens
        ).ledgerLine.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    @Test func cachedCostsFollowTheLedgerAndThePrices() throws {
        let fixture = SearchFixture(transcripts: ScratchDirectory().file("none"))
        fixture.logs.write(
            ledgerRecord("ledger-only", input: 100_000, id: "m1"), to: "usage-2026-09-02.jsonl", mode: 0o600)
        #expect(fixture.run([]).out.contains("billing  (no title)  $0.3000\n"))
        let index = text(fixture.logs, SessionIndex.fileName)
        #expect(index.contains("\"cost\":{\"picodollars\":300000000000}"))
        // Unchanged: the same answer from the cache.
        #expect(fixture.run([]).out.contains("billing  (no title)  $0.3000\n"))
        // A new request in the ledger reprices the session.
        fixture.logs.append(
            ledgerRecord("ledger-only", input: 100_000, id: "m2"), to: "usage-2026-09-02.jsonl")
        #expect(fixture.run([]).out.contains("billing  (no title)  $0.6000\n"))
        // So does a pricing file.
        fixture.logs.write(
            #"{"claude-sonnet-4-5": {"input": 6, "output": 15}}"#, to: PricingFile.fileName, mode: 0o600)
        #expect(fixture.run([]).out.contains("billing  (no title)  $1.2000\n"))
    }

    /// A model the table lacks is named with the model it was priced as, from the first run and from
    /// the cache; one that is not Claude's is named as unpriced.
    @Test func standInsAndUnpricedModelsAreNamed() throws {
        let fixture = SearchFixture(transcripts: ScratchDirectory().file("none"))
        fixture.logs.write(
            ledgerRecord("ledger-only", input: 100_000, id: "m1", model: "claude-opus-6")
                + ledgerRecord("ledger-only", input: 100_000, id: "m2", model: "glm-4.7"),
            to: "usage-2026-09-02.jsonl", mode: 0o600)
        let expected = "billing  (no title)  $0.4000 + unpriced glm-4.7 (claude-opus-6 priced as Opus 5.5)\n"
        #expect(fixture.run([]).out.contains(expected))
        #expect(
            text(fixture.logs, SessionIndex.fileName).contains(#""estimated":{"claude-opus-6":"Opus 5.5"}"#))
        #expect(fixture.run([]).out.contains(expected))
        let json = try #require(jsonObject(fixture.run(["--json"]).out)?["sessions"] as? [[String: Any]])
        #expect(json.first?["estimated_models"] as? [String: String] == ["claude-opus-6": "Opus 5.5"])
        #expect(json.first?["cost"] is NSNull)
    }

    @Test func theHeadOfTheIndexListsWhatTheFullIndexLists() throws {
        let fixture = SearchFixture()
        let first = fixture.run(["--json", "-n", "2"]).out
        // Sessions are kept newest first, so the head holds the newest.
        let lines = text(fixture.logs, SessionIndex.fileName).split(separator: "\n")
        let newest = try #require(fixture.ids([]).first)
        #expect(lines.count > 1 && lines[1].hasPrefix("{\"session\":\"\(newest)\""))
        #expect(fixture.run(["--json", "-n", "2"]).out == first)
        #expect(fixture.run(["--json", "-n", "2", "-p", "shop"]).out.contains(SearchFixture.shop))
        unlink(fixture.logs.file(SessionIndex.fileName))
        #expect(fixture.run(["--json", "-n", "2"]).out == first)
    }

    @Test func theSyncRunsOnlyWhenATranscriptChanged() throws {
        let copy = ScratchDirectory()
        copy.makeDirectory("-home-user-shop")
        let name = "-home-user-shop/\(SearchFixture.shop).jsonl"
        let original = ScratchDirectory(existingPath: SearchFixture.root).bytes(name) ?? []
        copy.write(original, to: name)
        let fixture = SearchFixture(transcripts: copy.path)
        let synced = fixture.run([], sync: true)
        #expect(synced.err == "")
        // A sync that ran now would fail on its lock; one that is skipped cannot.
        unlink(fixture.logs.file(UsageSync.lockName))
        fixture.logs.makeDirectory(UsageSync.lockName)
        let skipped = fixture.run([], sync: true)
        #expect(skipped.err == "")
        #expect(skipped.out == synced.out)
        copy.append(
            String(String(decoding: original, as: UTF8.self).split(separator: "\n")[3]) + "\n", to: name)
        #expect(fixture.run([], sync: true).err.contains("sync failed"))
    }
}
