import Testing

@testable import SessionStats

@Suite struct TranscriptPathTests {
    @Test(arguments: [
        ("/h/.claude/projects/-home-u-app/1111.jsonl", TranscriptPath.Role.main(sessionID: "1111")),
        ("/h/.claude/projects/-home-u-app/1111/subagents/agent-a9.jsonl", .agent(parent: "1111")),
        ("1111/subagents/agent-a9.jsonl", .agent(parent: "1111")),
        ("/h/.claude/projects/-home-u-app/agent-1234abcd.jsonl", .agent(parent: nil)),
        ("x.jsonl", .main(sessionID: "x")),
    ])
    func rolesFromPaths(path: String, role: TranscriptPath.Role) {
        #expect(TranscriptPath.role(of: path) == role)
    }
}
