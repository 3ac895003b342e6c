import SessionLogCore

/// `--no-sync` and `--transcripts DIR`, shared by the commands that sync the usage ledger from
/// Claude Code's transcripts before they read it.
public struct SyncOptions: Equatable, Sendable {
    /// `--no-sync`: use the usage ledger as it is.
    public var noSync = false
    /// `--transcripts DIR`, in the order given; empty means Claude Code's own folders.
    public var transcripts: [String] = []

    /// The usual help of `--no-sync`.
    public static let noSyncHelp = "do not sync the usage ledger from Claude Code's transcripts first"
    /// The usual help of `--transcripts`.
    public static let transcriptsHelp = "where to sync from (repeatable; see 'session-stats sync --help')"

    /// Creates the defaults: sync from Claude Code's own folders.
    public init() {}

    /// The two options, with these help texts.
    public static func specs(noSync: String = noSyncHelp, transcripts: String = transcriptsHelp)
        -> [OptionSpec]
    {
        [OptionSpec("--no-sync", help: noSync), OptionSpec("--transcripts", value: "DIR", help: transcripts)]
    }

    /// Handles `option` if it is `--no-sync` or `--transcripts`, reading its value from `cursor`;
    /// false for any other option.
    public mutating func consume(_ option: String, from cursor: inout ArgumentCursor) throws(UsageError)
        -> Bool
    {
        switch option {
        case "--no-sync": noSync = true
        case "--transcripts": transcripts.append(try cursor.nonEmptyValue(for: option))
        default: return false
        }
        return true
    }

    /// The transcript folders to sync from (`TranscriptRoots.resolve`).
    public func roots(variables: (String) -> String?) -> [String] {
        TranscriptRoots.resolve(explicit: transcripts, variables: variables)
    }
}
