import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Older Claude Code versions logged a subagent's messages inside the parent's transcript as
/// `progress` lines (`data.type` `agent_progress`, the message nested in `data.message`), the shape
/// of the real transcripts of 2.1.72; `--subagents` searches them, a plain search does not.
@Suite struct ProgressSubagentTests {
    static let session = "eeeeeeee-0000-0000-0000-000000000005"

    private func progress(_ inner: String, _ time: String) -> String {
        #"{"parentUuid":"p","isSidechain":false,"userType":"external","cwd":"/home/user/zoo","sessionId":"\#(Self.session)","version":"2.1.72","type":"progress","data":{"message":\#(inner),"type":"agent_progress","prompt":"","agentId":"a1"},"toolUseID":"agent_msg_1","parentToolUseID":"toolu_1","uuid":"u\#(time)","timestamp":"2026-11-20T\#(time).000Z"}"#
            + "\n"
    }

    private func transcript() -> ScratchDirectory {
        let directory = ScratchDirectory()
        directory.makeDirectory("-home-user-zoo")
        let user =
            #"{"type":"user","message":{"role":"user","content":[{"type":"text","text":"Find where the ZEBRAFISH tank is"}]},"uuid":"i1","timestamp":"2026-11-20T09:00:02.000Z"}"#
        let assistant =
            #"{"type":"assistant","timestamp":"2026-11-20T09:00:03.000Z","message":{"model":"claude-haiku-4-5-20251001","id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"The aquarium wing holds the zebrafish tank."},{"type":"tool_use","id":"toolu_2","name":"Glob","input":{"pattern":"**/axolotl*"}}],"usage":{"input_tokens":3,"output_tokens":3}},"requestId":"req_1","uuid":"i2"}"#
        let text =
            #"{"type":"user","cwd":"/home/user/zoo","sessionId":"\#(Self.session)","message":{"role":"user","content":"Map the zoo"},"uuid":"m1","timestamp":"2026-11-20T09:00:00.000Z"}"#
            + "\n" + progress(user, "09:00:02") + progress(assistant, "09:00:03")
            + #"{"type":"progress","cwd":"/home/user/zoo","sessionId":"\#(Self.session)","data":{"type":"bash_progress","output":"penguin"},"uuid":"b1","timestamp":"2026-11-20T09:00:04.000Z"}"#
            + "\n"
        directory.write(text, to: "-home-user-zoo/\(Self.session).jsonl")
        return directory
    }

    @Test func subagentsSearchesTheMessagesOfProgressLines() {
        let transcripts = transcript()
        let fixture = SearchFixture(transcripts: transcripts.path)
        #expect(fixture.ids(["zebrafish"]) == [])
        #expect(fixture.ids(["zebrafish", "--subagents"]) == [Self.session])
        #expect(fixture.ids(["aquarium", "--subagents"]) == [Self.session])
        let found = fixture.run(["zebrafish", "--subagents"]).out
        #expect(found.contains("2 messages: Find where the ZEBRAFISH tank is"))
        // Tool input inside a progress line is tool input; other progress lines are no messages.
        #expect(fixture.ids(["axolotl", "--subagents"]) == [])
        #expect(fixture.ids(["axolotl", "--subagents", "--all"]) == [Self.session])
        #expect(fixture.ids(["penguin", "--subagents", "--all"]) == [])
        // The subagent's prompt is not the session's title.
        #expect(fixture.run([]).out.contains("  zoo  Map the zoo\n"))
        withExtendedLifetime(transcripts) {}
    }
}
