import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Estimated tokens")
struct TokenCountTests {
    @Test("a tool's input is written and its response read; a prompt is read")
    func readAndWritten() {
        let call = TokenCount(.fixture("2026-11-22T10:00:00Z", event: .postToolUse, input: 30, output: 500))
        #expect(call == TokenCount(input: 30, output: 500, prompt: 0))
        #expect((call.read, call.written) == (500, 30))
        let failure = TokenCount(
            .fixture("2026-11-22T10:00:00Z", event: .postToolUseFailure, input: 8, output: 20))
        #expect((failure.read, failure.written) == (20, 8))
        let prompt = TokenCount(.fixture("2026-11-22T10:00:00Z", event: .userPromptSubmit, input: 40))
        #expect(prompt == TokenCount(input: 40, output: 0, prompt: 40))
        #expect((prompt.read, prompt.written) == (40, 0))
        var session = call
        session += failure
        session += prompt
        #expect((session.read, session.written, session.total) == (560, 38, 598))
    }
}
