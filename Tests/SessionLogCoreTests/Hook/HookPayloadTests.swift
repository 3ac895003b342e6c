import Testing

@testable import SessionLogCore

@Suite struct HookPayloadTests {
    func parse(_ text: String) -> HookPayload {
        Array(text.utf8).withUnsafeBufferPointer { HookPayload.parse($0) }
    }

    @Test func readsAPostToolUsePayload() {
        let payload = parse(
            #"""
            {"session_id":"s-1","transcript_path":"/t.jsonl","cwd":"/home/u/app","permission_mode":"default",
             "hook_event_name":"PostToolUse","tool_name":"Edit",
             "tool_input":{"file_path":"/home/u/app/a.swift","old_string":"x","new_string":"y"},
             "tool_response":{"filePath":"/home/u/app/a.swift","interrupted":false,"structuredPatch":[]},
             "tool_use_id":"toolu_01","duration_ms":12,"agent_id":"ag1","agent_type":"Explore"}
            """#)
        #expect(payload.problem == nil)
        #expect(payload.event == "PostToolUse")
        #expect(payload.sessionID == "s-1")
        #expect(payload.cwd == "/home/u/app")
        #expect(payload.toolName == "Edit")
        #expect(payload.filePath == "/home/u/app/a.swift")
        #expect(payload.toolUseID == "toolu_01")
        #expect(payload.durationMS == 12)
        #expect(payload.agentID == "ag1")
        #expect(payload.agentType == "Explore")
        #expect(payload.responseInterrupted == false)
        #expect(
            payload.toolInputCharacters
                == #"{"file_path":"/home/u/app/a.swift","old_string":"x","new_string":"y"}"#.count)
        // Without `structuredPatch`, its key and its comma: {"filePath":"/home/u/app/a.swift","interrupted":false}.
        #expect(payload.toolResponseCharacters == 54)
    }

    @Test(arguments: [
        // An Edit's response: only filePath, oldString, newString, replaceAll and userModified count.
        (
            #"{"filePath":"/a","oldString":"x","newString":"y","originalFile":"x\ny\n","structuredPatch":[{"oldStart":1,"lines":["-x","+y"]}],"userModified":false,"replaceAll":false}"#,
            #"{"filePath":"/a","oldString":"x","newString":"y","userModified":false,"replaceAll":false}"#
                .count
        ),
        // A Write's response, the left-out members first and last.
        (
            #"{"originalFileContents":null, "type":"update","filePath":"/a","content":"z" ,"structuredPatch":[]}"#,
            #"{"type":"update","filePath":"/a","content":"z"}"#.count
        ),
        // Nothing left counts as {}; an escaped key is matched by its name.
        (#"{"originalFile":"abc","original\u0046ile":"d","structuredPatch":[]}"#, 2),
        // Members of those names deeper in the response, and near misses, still count.
        (
            #"{"edits":{"originalFile":"q"},"originalfile":"r"}"#,
            #"{"edits":{"originalFile":"q"},"originalfile":"r"}"#.count
        ),
    ])
    func leavesOutWhatTheModelNeverReads(response: String, characters: Int) {
        let payload = parse(
            #"{"hook_event_name":"PostToolUse","tool_name":"Edit","tool_response":"# + response + "}")
        #expect(payload.problem == nil)
        #expect(payload.toolResponseCharacters == characters)
    }

    @Test func countsAStringResponseByItsDecodedCharacters() {
        let payload = parse(
            #"{"hook_event_name":"PostToolUse","tool_input":"ab","tool_response":"line\nnext é"}"#)
        #expect(payload.toolInputCharacters == 2)
        #expect(payload.toolResponseCharacters == 11)
    }

    @Test func ignoresFieldsOfUnexpectedTypes() {
        let payload = parse(
            #"{"session_id":42,"cwd":null,"tool_name":["Bash"],"tool_input":{"command":7},"duration_ms":"slow","hook_event_name":"PostToolUse","is_interrupt":"yes"}"#
        )
        #expect(payload.problem == nil)
        #expect(payload.sessionID == nil)
        #expect(payload.cwd == nil)
        #expect(payload.toolName == nil)
        #expect(payload.command == nil)
        #expect(payload.durationMS == nil)
        #expect(payload.isInterrupt == false)
        #expect(payload.event == "PostToolUse")
    }

    @Test func readsTheModelFromAStringOrAnObject() {
        #expect(parse(#"{"model":"claude-opus-4-6"}"#).model == "claude-opus-4-6")
        #expect(
            parse(#"{"model":{"id":"claude-haiku-4-5","display_name":"Haiku"}}"#).model == "claude-haiku-4-5")
    }

    @Test(arguments: [
        ("", HookInputProblem.empty),
        ("  \n", .empty),
        ("[1,2]", .notAnObject),
        ("\"text\"", .notAnObject),
        ("hello", .notAnObject),
        (#"{"a":1} x"#, .trailingData(at: 8)),
        (#"{"session_id":"s""#, .malformed(.unexpectedEnd(at: 17))),
    ])
    func namesTheProblem(input: String, problem: HookInputProblem) {
        #expect(parse(input).problem == problem)
    }

    @Test func salvagesFieldsReadBeforeAFault() {
        let payload = parse(
            #"{"session_id":"s-9","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls"#
        )
        #expect(payload.sessionID == "s-9")
        #expect(payload.toolName == "Bash")
        if case .malformed = payload.problem {
        } else {
            Issue.record("expected malformed, got \(String(describing: payload.problem))")
        }
    }
}
