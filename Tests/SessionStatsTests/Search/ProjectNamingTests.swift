import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// One rule names a session's project everywhere: the base name of the folder of its earliest
/// request, as the hook names it (`project` in the hook log, the usage ledger and `search`).
@Suite struct ProjectNamingTests {
    private func line(_ type: String, _ cwd: String, _ time: String, usage: Bool = false) -> String {
        let message =
            type == "user"
            ? #"{"role":"user","content":"run the pipeline"}"#
            : #"{"model":"claude-sonnet-4-5-20250929","id":"msg_\#(time)","type":"message","role":"assistant","content":[{"type":"text","text":"done"}],"usage":{"input_tokens":1000,"output_tokens":10}}"#
        return
            #"{"type":"\#(type)","cwd":"\#(cwd)","sessionId":"dddddddd-0000-0000-0000-000000000004","timestamp":"2026-11-20T\#(time).000Z","uuid":"u\#(time)","requestId":"req_\#(time)","message":\#(message)}"#
            + "\n"
    }

    @Test func aTranscriptIsNamedAfterItsEarliestRequestsFolderLikeTheLedger() throws {
        let transcripts = ScratchDirectory()
        transcripts.makeDirectory("-w-ci-project")
        let name = "-w-ci-project/dddddddd-0000-0000-0000-000000000004.jsonl"
        // The first line was written in ci-project, the first request ran in ci-pipeline.
        transcripts.write(
            line("user", "/w/ci-project", "09:00:00")
                + line("assistant", "/w/ci-project/ci-pipeline", "09:00:05")
                + line("assistant", "/w/ci-project", "09:10:00"), to: name)
        let fixture = SearchFixture(transcripts: transcripts.path)
        let listed = fixture.run([], sync: true).out
        #expect(listed.contains("  ci-pipeline  run the pipeline"))
        #expect(listed.contains("cd '/w/ci-project/ci-pipeline' && claude --resume"))
        let ledger =
            fixture.logs.bytes("usage-2026-11-20.jsonl").map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(ledger.contains(#""project":"ci-pipeline""#))
        #expect(!ledger.contains(#""project":"ci-project""#))
        // Appending to the transcript keeps the earliest request's folder.
        transcripts.append(line("assistant", "/w/other", "09:20:00"), to: name)
        #expect(fixture.run([]).out.contains("  ci-pipeline  run the pipeline"))
    }

    @Test func aSessionKnownFromTheHookLogKeepsTheHooksProjectAsSessionsShowsIt() throws {
        let fixture = SearchFixture(transcripts: ScratchDirectory().file("none"))
        fixture.logs.write(
            """
            {"v":1,"timestamp":"2026-08-01T10:00:00.000Z","event":"PostToolUse","session_id":"hook-only","project":"ci-project","cwd":"/w/ci-project/ci-pipeline","tool":"Bash","tokens":{"input":1,"output":1}}

            """, to: "activity-2026-08-01.jsonl", mode: 0o600)
        #expect(fixture.run([]).out.contains("2026-08-01 11:00  ci-project  (no title)"))
        let test = TestContext(source: .files(threads: 1))
        _ = test.run(["sessions", "--dir", fixture.logs.path, "--no-sync", "--range", "all"])
        #expect(test.captured.standardOutput.contains("  ci-project           1"))
    }
}
