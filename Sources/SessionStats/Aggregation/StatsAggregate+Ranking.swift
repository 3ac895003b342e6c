import SessionLogCore

/// The orders reports list things in; ties are broken by name so output is stable.
extension StatsAggregate {
    /// Tools with at least one operation, most used first.
    public var toolsByCount: [(name: String, totals: ToolTotals)] {
        tools.filter { $0.value.operations > 0 }.map { (name: $0.key, totals: $0.value) }.sorted {
            ($1.totals.operations, $0.name) < ($0.totals.operations, $1.name)
        }
    }

    /// Projects, most operations first, then most tokens.
    public var projectsByCount: [(name: String, totals: GroupTotals)] {
        projects.map { (name: $0.key, totals: $0.value) }.sorted {
            ($1.totals.operations, $1.totals.tokens.total, $0.name)
                < ($0.totals.operations, $0.totals.tokens.total, $1.name)
        }
    }

    /// Days in calendar order.
    public var daysInOrder: [(day: CivilDate, totals: GroupTotals)] {
        days.map { (day: $0.key, totals: $0.value) }.sorted { $0.day < $1.day }
    }

    /// Indices into `sessions` of the `limit` sessions with the most tokens (all when `limit` is nil).
    public func sessionsByTokens(limit: Int?) -> [Int] {
        let order = sessions.indices.sorted {
            let (a, b) = (sessions[$0], sessions[$1])
            return (b.tokens.total, a.start, a.id) < (a.tokens.total, b.start, b.id)
        }
        return limit.map { Array(order.prefix($0)) } ?? order
    }

    /// The `limit` most edited files, most edits first.
    public func topFiles(limit: Int?) -> [(file: EditedFile, edits: Int)] {
        let order = editedFiles.map { (file: $0.key, edits: $0.value) }.sorted {
            ($1.edits, $0.file.path, $0.file.project) < ($0.edits, $1.file.path, $1.file.project)
        }
        return limit.map { Array(order.prefix($0)) } ?? order
    }
}
