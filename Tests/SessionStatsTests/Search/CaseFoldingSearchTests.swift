import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Full case folding through the whole search: the raw-byte passes must not skip a line whose word
/// is written with a letter that folds to several (`ß` → `ss`, `ﬁ` → `fi`) or to ASCII (`İ` → `i`).
@Suite struct CaseFoldingSearchTests {
    static let session = "ffffffff-0000-0000-0000-000000000006"

    // The transcripts' folder lives as long as the suite's instance.
    private let directory = ScratchDirectory()

    private func fixture() -> SearchFixture {
        directory.makeDirectory("-home-user-map")
        let lines = [
            #"{"type":"user","cwd":"/home/user/map","sessionId":"\#(Self.session)","message":{"role":"user","content":"Fix the HAUPTSTRAẞE label"},"uuid":"m1","timestamp":"2026-11-20T09:00:00.000Z"}"#,
            #"{"type":"assistant","cwd":"/home/user/map","sessionId":"\#(Self.session)","message":{"role":"assistant","content":[{"type":"text","text":"The ﬁle names ΛΌΓΟΣ and İZMİR; the \u00df escape stays."}]},"uuid":"m2","timestamp":"2026-11-20T09:00:05.000Z"}"#,
        ]
        directory.write(lines.joined(separator: "\n") + "\n", to: "-home-user-map/\(Self.session).jsonl")
        return SearchFixture(transcripts: directory.path)
    }

    @Test(arguments: [
        ["hauptstrasse"], ["Hauptstraße"], ["file", "names"], ["λόγος"], ["izmir"], ["İzmir"],
        ["ß", "escape"],
        ["SS", "escape"],
    ])
    func findsWordsWrittenWithOtherForms(words: [String]) {
        #expect(fixture().ids(words) == [Self.session])
    }

    @Test func highlightsTheWordAsWritten() {
        let output = fixture().run(["hauptstrasse"], isTerminal: true).out
        // The whole word in bold, not a piece of it: escape, the word as written, escape.
        #expect(output.contains("mHAUPTSTRAẞE\u{1B}["))
    }
}
