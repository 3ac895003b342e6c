import SessionLogCore

/// Sessions the usage ledger has and the activity log does not: synced from transcripts written
/// before the hook was installed, or while hooks were off.
extension SessionTotals {
    /// The totals of session `id` from the ledger alone: its requests' span, project and directory,
    /// and no lines, operations or estimate.
    public init(id: String, ledger: UsageSessionTotals) {
        self.init(id: id, start: ledger.first)
        end = ledger.last
        project = ledger.project.isEmpty ? nil : ledger.project
        cwd = ledger.cwd.isEmpty ? nil : ledger.cwd
    }

    /// Whether the activity log has lines of the session (false: the usage ledger alone has it).
    public var isLogged: Bool { lines > 0 }
}
