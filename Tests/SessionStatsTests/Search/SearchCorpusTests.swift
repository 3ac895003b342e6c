import Foundation
import TestSupport
import Testing

@testable import SessionStats

/// The real transcripts: the sessions `search` finds for a few words against an independent scan
/// (Foundation's JSON parser, `lowercased()` and `contains`, the same reading rules).
@Suite struct SearchCorpusTests {
    static let wordSets = [
        ["database", "migration"], ["README"], ["继续"], ["snmp", "Walk"], ["\"pull request\"", "GIT"],
    ]

    // One index and one independent read of the 126 MB serve every word set.
    @Test func findsWhatAnIndependentScanFinds() throws {
        guard let root = TranscriptFixtures.sharedOrSkip else { return }
        let sessions = try Self.read(root: root)
        let fixture = SearchFixture(transcripts: root)
        for words in Self.wordSets {
            let terms = SearchTerm.parse(words).map { $0.text.lowercased() }
            let expected = Set(
                sessions.filter { _, texts in
                    terms.allSatisfy { term in texts.contains { $0.contains(term) } }
                }.keys)
            let found = fixture.ids(words)
            #expect(!expected.isEmpty, "\(words)")
            #expect(Set(found) == expected, "\(words)")
            #expect(found.count == expected.count, "\(words)")
        }
    }

    // Main transcripts only; user lines that are not meta, compaction summaries or side chains; the
    // text of prompts (a string or text blocks) and of the assistant's text blocks.
    static func read(root: String) throws -> [String: [String]] {
        var sessions: [String: [String]] = [:]
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
        for file in files where file.hasSuffix(".jsonl") && !file.contains("/subagents/") {
            let name = (file as NSString).lastPathComponent
            if name.hasPrefix("agent-") { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + file))
            var texts: [String] = []
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    continue
                }
                texts += Self.texts(of: object).map { $0.lowercased() }
            }
            sessions[String(name.dropLast(".jsonl".count))] = texts
        }
        return sessions
    }

    static func texts(of object: [String: Any]) -> [String] {
        let type = object["type"] as? String
        guard type == "user" || type == "assistant", object["isSidechain"] as? Bool != true else { return [] }
        if type == "user", object["isMeta"] as? Bool == true || object["isCompactSummary"] as? Bool == true {
            return []
        }
        guard let message = object["message"] as? [String: Any] else { return [] }
        if let content = message["content"] as? String { return [content] }
        let blocks = message["content"] as? [[String: Any]] ?? []
        return blocks.compactMap { $0["type"] as? String == "text" ? $0["text"] as? String : nil }
    }
}
