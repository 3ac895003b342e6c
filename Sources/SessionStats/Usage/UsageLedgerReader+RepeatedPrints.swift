import SessionLogCore

/// Pass 1 of every read of the ledger: which request fingerprints repeat, from sorted arrays of
/// 64-bit prints (8 bytes a line, no set of every request), and which keys of the roll-ups a line's
/// print matches.
extension UsageLedgerReader {
    /// The fingerprints (masked by `mask`) that more than one line of the selection's usage files
    /// has, or a line and a roll-up's key, with those keys; counts the usage files read and their
    /// lines that are no record into `result`. Each of `workers` sorts the prints of a run of
    /// consecutive files; the roll-ups are read only when some usage line was.
    static func repeatedPrints(
        _ selection: Selection, workers: Int, mask: UInt64, result: inout Result
    ) -> (repeated: Set<UInt64>, held: HeldKeys) {
        let files = selection.files
        let workers = max(1, min(workers, files.count))
        let runs = (0..<workers).map { worker in
            (files.count * worker / workers)..<(files.count * (worker + 1) / workers)
        }
        let firstPass = perWorker(workers) { worker in
            var prints: [UInt64] = []
            var skipped = 0
            var read = 0
            var decoder = UsageLineDecoder()
            var buffer: [UInt8] = []
            forEachPrint(Array(files[runs[worker]]), mask: mask, decoder: &decoder, buffer: &buffer) {
                print in
                prints.append(print)
            } file: {
                read += 1
            } skipped: {
                skipped += 1
            }
            prints.sort()
            return (prints: prints, skipped: skipped, read: read)
        }
        var repeated: Set<UInt64> = []
        for pass in firstPass {
            result.skippedLines += pass.skipped
            result.filesRead += pass.read
            addRepeats(in: pass.prints, to: &repeated)
        }
        for (first, second) in pairs(firstPass.count) {
            addCommon(firstPass[first].prints, firstPass[second].prints, to: &repeated)
        }
        var held = HeldKeys()
        if firstPass.contains(where: { !$0.prints.isEmpty }) && !selection.rollups.isEmpty {
            held = heldKeys(selection.rollups, mask: mask) { print in
                firstPass.contains { contains(sorted: $0.prints, print) }
            }
            repeated.formUnion(held.prints)
        }
        return (repeated, held)
    }

    /// Whether the sorted `prints` holds `print`.
    static func contains(sorted prints: [UInt64], _ print: UInt64) -> Bool {
        var (low, high) = (0, prints.count)
        while low < high {
            let middle = (low + high) / 2
            if prints[middle] < print { low = middle + 1 } else { high = middle }
        }
        return low < prints.count && prints[low] == print
    }

    // The values that appear more than once in a sorted array.
    private static func addRepeats(in sorted: [UInt64], to repeated: inout Set<UInt64>) {
        var index = 1
        while index < sorted.count {
            if sorted[index] == sorted[index - 1] { repeated.insert(sorted[index]) }
            index += 1
        }
    }

    // The values two sorted arrays share.
    private static func addCommon(_ left: [UInt64], _ right: [UInt64], to repeated: inout Set<UInt64>) {
        var (i, j) = (0, 0)
        while i < left.count && j < right.count {
            if left[i] < right[j] {
                i += 1
            } else if left[i] > right[j] {
                j += 1
            } else {
                repeated.insert(left[i])
                i += 1
                j += 1
            }
        }
    }

    // Every pair of worker indices.
    private static func pairs(_ count: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for first in 0..<count {
            for second in (first + 1)..<count { pairs.append((first, second)) }
        }
        return pairs
    }
}
