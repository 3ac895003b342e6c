import SessionLogCore

/// Reads the rows of a `usage-rollup-YYYY-MM-DD.jsonl` file.
public enum UsageRollupFile {
    /// Calls `body` with every valid row of `bytes`, in file order; counts the other non-empty
    /// lines in `skipped`.
    public static func forEachRow(_ bytes: [UInt8], skipped: inout Int, _ body: (UsageRollupRow) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            UsageLedgerReader.forEachLine(buffer) { start, end in
                var scanner = JSONScanner(buffer, start: start, end: end)
                if scanner.isAtEnd() { return }
                do throws(JSONScanError) {
                    if let row = try UsageRollupRow.decode(&scanner), scanner.isAtEnd() {
                        body(row)
                    } else {
                        skipped += 1
                    }
                } catch {
                    skipped += 1
                }
            }
        }
    }

    /// Every valid row of `bytes`, and how many non-empty lines were no row.
    public static func rows(_ bytes: [UInt8]) -> (rows: [UsageRollupRow], skipped: Int) {
        var rows: [UsageRollupRow] = []
        var skipped = 0
        forEachRow(bytes, skipped: &skipped) { rows.append($0) }
        return (rows, skipped)
    }
}
