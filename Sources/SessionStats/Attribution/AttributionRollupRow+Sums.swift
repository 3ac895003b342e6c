import SessionLogCore

extension AttributionRollupRow {
    /// Adds `other`, a row of the same day and session made later (a day rotated again, its late
    /// requests; a part of this row made after this one went to the scratch file), as one row: sums,
    /// keys and call costs in order, the top calls of both (trimmed when written), the first
    /// unjoined request of the earlier. The project stays this row's, even empty.
    mutating func absorb(_ other: AttributionRollupRow) {
        requests += other.requests
        cost = cost + other.cost
        tokens = tokens + other.tokens
        AttributionRollup.add(other.session, to: &session)
        for (name, group) in other.byTool { byTool[name] = Self.sum(byTool[name], group) }
        for (name, keys) in other.toolKeys { toolKeys[name, default: []] += keys }
        for (name, group) in other.byMCPServer { byMCPServer[name] = Self.sum(byMCPServer[name], group) }
        for (name, keys) in other.serverKeys { serverKeys[name, default: []] += keys }
        Self.add(other.bySubagent, to: &bySubagent)
        Self.add(other.bySkill, to: &bySkill)
        Self.add(other.byModel, to: &byModel)
        topCalls = (topCalls + other.topCalls).sorted { $0.cost.ranks(before: $1.cost) }
        for (name, keys) in other.inside { inside[name, default: []] += keys }
        for (name, count) in other.unjoinedCalls { unjoinedCalls[name, default: 0] += count }
        unjoinedRequests += other.unjoinedRequests
        firstUnjoined = firstUnjoined ?? other.firstUnjoined
        for (name, entry) in other.charactersPerToken {
            let old = charactersPerToken[name] ?? (0, 0)
            charactersPerToken[name] = (old.characters + entry.characters, old.tokens + entry.tokens)
        }
        for (hour, count) in other.hours { hours[hour, default: 0] += count }
    }

    private static func sum(_ base: RollupGroup?, _ group: RollupGroup) -> RollupGroup {
        guard var sum = base else { return group }
        sum.absorb(group)
        return sum
    }

    private static func add(
        _ groups: [String: AttributionReport.RequestGroup],
        to sums: inout [String: AttributionReport.RequestGroup]
    ) {
        for (name, group) in groups {
            var sum = sums[name] ?? AttributionReport.RequestGroup(name: name)
            sum.requests += group.requests
            sum.cost = sum.cost + group.cost
            sums[name] = sum
        }
    }
}
