import SessionLogCore

/// Rolls old status-line capture files (`status-D.jsonl`) up into `status-rollup-D.jsonl` and
/// removes them: of each hour's captures, only those that hold a plan limit reading worth keeping.
///
/// For every UTC hour, limit (`five_hour`, `seven_day`) and window (`resets_at`), the roll-up keeps
/// the last capture and the one with the highest percentage (usually the same line), byte for byte,
/// so `limits` finds the same windows with the same peak and last readings; captures without a
/// limit reading are dropped. Lines of an earlier roll-up of the day are merged with the file's, so
/// a late capture is kept and a rotate run twice, or killed and run again, gives the same roll-up.
/// Unreadable lines go to `status-quarantine-D.jsonl`. See docs/status-format.md.
public enum StatusRotation {
    /// What rolling up one capture file did.
    public struct DayOutcome: Equatable, Sendable {
        /// The capture file's date.
        public var date: CivilDate
        /// Captures read from the file.
        public var captures: Int
        /// Lines the roll-up holds now.
        public var kept: Int
        /// Lines added to `status-quarantine-D.jsonl`.
        public var quarantinedLines: Int
        /// Whether the captures were merged into a roll-up that was there already.
        public var mergedRollup: Bool
    }

    /// `status-rollup-YYYY-MM-DD.jsonl`.
    public static func rollupName(_ date: CivilDate) -> String {
        StatusRecord.rollupPrefix + date.description + LogFileName.suffix
    }

    /// `status-quarantine-YYYY-MM-DD.jsonl`.
    public static func quarantineName(_ date: CivilDate) -> String {
        "status-quarantine-" + date.description + LogFileName.suffix
    }

    /// How many times a capture file that grew while it was rolled up is read again.
    static let attempts = 3

    /// Rolls up the capture file of `date` in `directory`.
    public static func rollUp(_ date: CivilDate, in directory: String, directoryDescriptor: FileDescriptor)
        throws(RotationError) -> DayOutcome
    {
        let capturePath = RotationPlan.join(directory, StatusRecord.fileName(date))
        let rollupPath = RotationPlan.join(directory, rollupName(date))
        for _ in 0..<attempts {
            guard let captures = UsageLedger.contents(ofFile: capturePath) else {
                throw .unreadable(capturePath, reason: AppendError.describe(FileAccess.lastError))
            }
            let old = UsageLedger.contents(ofFile: rollupPath)
            if old == nil && !FileAccess.isMissing(FileAccess.lastError) {
                throw .unreadable(rollupPath, reason: AppendError.describe(FileAccess.lastError))
            }
            var lines: [(record: StatusRecord, line: ArraySlice<UInt8>)] = []
            var quarantine: [UInt8] = []
            var count = 0
            for (bytes, isCapture) in [(old ?? [], false), (captures, true)] {
                bytes.withUnsafeBufferPointer { buffer in
                    UsageLedgerReader.forEachLine(buffer) { start, end in
                        guard end > start else { return }
                        if let record = StatusRecord.decode(
                            UnsafeBufferPointer(rebasing: buffer[start..<end]))
                        {
                            lines.append((record, bytes[start..<end]))
                            if isCapture { count += 1 }
                        } else {
                            quarantine += bytes[start..<end] + [UInt8(ascii: "\n")]
                        }
                    }
                }
            }
            let kept = select(lines)
            if !quarantine.isEmpty {
                try Rotation.keepInQuarantine(
                    quarantine, path: RotationPlan.join(directory, quarantineName(date)))
            }
            try AtomicFile.replace(
                rollupPath, with: kept.flatMap { Array($0) + [UInt8(ascii: "\n")] },
                temporary: RotationPlan.join(directory, RotationPlan.temporaryName(for: rollupName(date))),
                directory: directoryDescriptor)
            // A status line that appended meanwhile: go again, merging its captures.
            guard FileAccess.status(capturePath)?.size == captures.count else { continue }
            do throws(Errno) {
                try FileSystem.remove(capturePath)
            } catch {
                throw .remove(capturePath, errno: error.code)
            }
            try AtomicFile.syncDirectory(directoryDescriptor, path: capturePath)
            return DayOutcome(
                date: date, captures: count, kept: kept.count,
                quarantinedLines: quarantine.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) },
                mergedRollup: old != nil)
        }
        throw .stillChanging(capturePath)
    }

    /// The lines to keep, oldest first, each once: per UTC hour, limit and `resets_at`, the last
    /// reading and the highest.
    static func select(_ lines: [(record: StatusRecord, line: ArraySlice<UInt8>)]) -> [ArraySlice<UInt8>] {
        struct Slot: Hashable {
            var hour: Int
            var kind: LimitKind
            var resetsAt: Int?
        }
        var last: [Slot: Int] = [:]
        var highest: [Slot: Int] = [:]
        // Sorted by time, then by text, so the choice does not depend on which file a line came from.
        let order = lines.indices.sorted {
            let (a, b) = (lines[$0], lines[$1])
            return a.record.timestamp != b.record.timestamp
                ? a.record.timestamp < b.record.timestamp : a.line.lexicographicallyPrecedes(b.line)
        }
        for index in order {
            let record = lines[index].record
            let milliseconds = record.timestamp.milliseconds
            let hour = milliseconds >= 0 ? milliseconds / 3_600_000 : (milliseconds + 1) / 3_600_000 - 1
            for kind in LimitKind.allCases {
                guard let reading = kind.reading(record.input) else { continue }
                let slot = Slot(hour: hour, kind: kind, resetsAt: reading.resetsAt)
                last[slot] = index
                if let best = highest[slot],
                    kind.reading(lines[best].record.input)!.usedPercent.double >= reading.usedPercent.double
                {
                    continue
                }
                highest[slot] = index
            }
        }
        let keep = Set(last.values).union(highest.values)
        var seen: Set<ArraySlice<UInt8>> = []
        return order.filter { keep.contains($0) }
            .map { lines[$0].line }
            .filter { seen.insert($0).inserted }
    }
}
