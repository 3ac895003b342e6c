import SessionLogCore
import TestSupport

@testable import SessionStats

/// The hand-made transcripts in Tests/SessionStatsTests/Fixtures/transcripts, one folder per rule,
/// each laid out as a `~/.claude/projects` tree.
enum TranscriptFixtures {
    /// The folder of one rule's transcripts.
    static func root(_ rule: String) -> String {
        PackagePaths.file("Tests/SessionStatsTests/Fixtures/transcripts/" + rule)
    }

    /// The real transcripts beside the package (../shared/fixtures/transcripts/projects), or nil when absent.
    static var shared: String? { SharedFixtures.path("transcripts/projects") }

    /// ``shared``, or nil after printing that the tests needing it are skipped.
    static var sharedOrSkip: String? {
        guard let shared else {
            print("skipped: ../shared/fixtures/transcripts/projects is absent")
            return nil
        }
        return shared
    }

    /// Syncs `roots` into `directory` and reads the whole ledger back.
    static func syncAndRead(
        _ roots: [String], into directory: String
    ) throws -> (summary: SyncSummary, ledger: UsageLedgerReader.Result) {
        var sync = UsageSync(
            directory: directory, roots: roots, localDays: LocalDayResolver(utcOffsetSeconds: 0))
        let summary = try sync.run()
        var reader = UsageLedgerReader(
            directories: [directory], localDays: LocalDayResolver(utcOffsetSeconds: 0))
        return (summary, reader.read(days: nil))
    }
}
