import SessionLogCore
import TestSupport

@testable import SessionStats

/// Runs `session-stats search` in-process over the hand-made transcripts in `Fixtures/transcripts/search`
/// (or a copy of them), with a scratch log directory, the test clock and the log files as the source.
final class SearchFixture {
    /// The hand-made transcripts.
    static let root = TranscriptFixtures.root("search")
    /// Session ids of the fixture.
    static let shop = "aaaaaaaa-0000-0000-0000-000000000001"
    /// See `shop`.
    static let review = "bbbbbbbb-0000-0000-0000-000000000002"
    /// See `shop`.
    static let blog = "cccccccc-0000-0000-0000-000000000003"

    /// The log directory.
    let logs = ScratchDirectory()
    /// The transcript folder searched.
    let transcripts: String

    /// A fixture over `transcripts` (default: the hand-made ones).
    init(transcripts: String = SearchFixture.root) { self.transcripts = transcripts }

    /// Runs `search` with `arguments` (without syncing) and returns the exit code and what it printed.
    func run(_ arguments: [String], isTerminal: Bool = false, sync: Bool = false) -> (
        code: ExitCode, out: String, err: String
    ) {
        let test = TestContext(isTerminal: isTerminal, source: .files(threads: 1))
        let code = test.run(
            ["search"] + (sync ? [] : ["--no-sync"]) + ["--dir", logs.path, "--transcripts", transcripts]
                + arguments)
        return (code, test.captured.standardOutput, test.captured.standardError)
    }

    /// The session ids `search --json` prints for `arguments`, in order.
    func ids(_ arguments: [String]) -> [String] {
        let sessions =
            jsonObject(run(["--json", "-n", "0"] + arguments).out)?["sessions"] as? [[String: Any]]
        return (sessions ?? []).compactMap { $0["session_id"] as? String }
    }
}
