import SessionLogCore

/// The roll-ups a read selected, read without holding them: their keys are fingerprinted from the
/// file's bytes and only those a usage line's fingerprint matches are kept as text, and their rows are
/// streamed from the files when they are handed on.
extension UsageLedgerReader {
    /// The keys the roll-ups hold whose fingerprint some usage line also has: only those can make a
    /// line a copy of a rolled-up request, so only those are kept exactly.
    struct HeldKeys {
        /// The fingerprints of `keys`, masked as the read masks them.
        var prints: Set<UInt64> = []
        /// The keys, as `RequestKey.of` gives them.
        var keys: Set<String> = []
    }

    /// The keys of the valid rows of `rollups` whose fingerprint (masked by `mask`) `matches` accepts.
    static func heldKeys(
        _ rollups: [(ledger: UsageLedger, date: CivilDate)], mask: UInt64, matching matches: (UInt64) -> Bool
    ) -> HeldKeys {
        var held = HeldKeys()
        var buffer: [UInt8] = []
        var candidates: [(print: UInt64, key: String)] = []
        for file in rollups {
            guard let count = file.ledger.read(LogFileName.usageRollup(file.date), into: &buffer) else {
                continue
            }
            forEachLine(buffer, count: count) { (scanner: inout JSONScanner) throws(JSONScanError) in
                candidates.removeAll(keepingCapacity: true)
                let row = try UsageRollupRow.decode(&scanner) { index, token, scanner in
                    // A second `keys` array replaces the first, as in `UsageRollupRow.decode`.
                    if index == 0 { candidates.removeAll(keepingCapacity: true) }
                    let print = fingerprint64(token, in: scanner) & mask
                    if matches(print) { candidates.append((print, scanner.decode(token))) }
                }
                guard row != nil, scanner.isAtEnd() else { return }
                for candidate in candidates {
                    held.prints.insert(candidate.print)
                    held.keys.insert(candidate.key)
                }
            } failed: {
            }
        }
        return held
    }

    /// Calls `body` with the summed requests of every valid row of `rollups` in file order, their
    /// keys not kept; counts the files read and the lines that are no row into `result`.
    static func forEachRollupRow(
        _ rollups: [(ledger: UsageLedger, date: CivilDate)], result: inout Result,
        _ body: (UsageRecord) -> Void
    ) {
        var buffer: [UInt8] = []
        var skipped = 0
        for file in rollups {
            guard let count = file.ledger.read(LogFileName.usageRollup(file.date), into: &buffer) else {
                continue
            }
            result.filesRead += 1
            forEachLine(buffer, count: count) { (scanner: inout JSONScanner) throws(JSONScanError) in
                guard let row = try UsageRollupRow.decode(&scanner, eachKey: { _, _, _ in }),
                    scanner.isAtEnd()
                else {
                    skipped += 1
                    return
                }
                body(row.record)
            } failed: {
                skipped += 1
            }
        }
        result.skippedLines += skipped
    }
}
