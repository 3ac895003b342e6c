import SessionLogCore

/// Pass 1 of every read of the ledger: which lines may repeat a request, from sorted arrays of one
/// 64-bit word a line (no set of every request), and which keys of the roll-ups a line's print
/// matches; then pass 2 reads only those lines again, where pass 1 saw them.
extension UsageLedgerReader {
    /// Where one usage file's non-blank lines start, one in every `stride`: pass 2 reads only the
    /// few lines around each line it wants.
    struct LineMarks {
        /// Non-blank lines per mark.
        static let stride = 64

        /// The byte offset of non-blank lines 0, `stride`, 2 × `stride`, …
        var starts: [Int] = []
        /// The bytes pass 1 read.
        var end = 0
        /// The non-blank lines pass 1 read.
        var lines = 0

        /// The bytes from the mark of non-blank line `line` to the next mark (or the end).
        func block(of line: Int) -> Range<Int> {
            let mark = line / Self.stride
            return starts[mark]..<(mark + 1 < starts.count ? starts[mark + 1] : end)
        }
    }

    /// One worker's pass 1: a word per non-blank line of its files, the high bits of the line's
    /// print over its index, sorted, so equal prints lie together with their lines' indices.
    struct LinePrints: Sendable {
        /// The words, in line order until `sort(unprinted:)`.
        var words: [UInt64] = []
        /// The low bits of each word that hold the line's index (never all ones).
        var indexBits = 1
        /// Where the lines of each file start.
        var marks: [LineMarks] = []
        var read = 0
        var printed = 0

        /// Room for the words of `files`, reserved before the first: at least one for every
        /// `bytesPerWordReserved` bytes of them.
        ///
        /// Grown by doubling instead, the words of a year (8 bytes a line, two workers) were
        /// copied from the old block to a new one twice as large near the end: for a moment both
        /// were resident, and when the two workers grew at once, peak RSS passed 100 MB in some
        /// runs. Room reserved but never written takes address space, not memory: the pages of a
        /// block this large are mapped on first write.
        static func wordsToReserve(for files: ArraySlice<(ledger: UsageLedger, date: CivilDate)>) -> Int {
            var bytes = 0
            for entry in files {
                bytes += FileAccess.status(entry.ledger.path(LogFileName.usage(entry.date)))?.size ?? 0
            }
            return bytes / bytesPerWordReserved + 1024
        }

        /// A ledger line is over 200 bytes; shorter lines than this (hand-written ones) grow the
        /// words by doubling as before.
        static let bytesPerWordReserved = 64

        /// A bijection of the print, so prints that differ only in low bits (a mask) differ high.
        static func mixed(_ print: UInt64) -> UInt64 { print &* 0x9E37_79B9_7F4A_7C15 }

        /// Puts each line's index under its print's high bits and sorts; the lines at `unprinted`
        /// (no print) are dropped.
        mutating func sort(unprinted: [Int]) {
            indexBits = max(1, UInt64.bitWidth - words.count.leadingZeroBitCount)
            let shift = indexBits
            for index in words.indices { words[index] = (words[index] >> shift) << shift | UInt64(index) }
            // All ones is no line's word: those sort last.
            for index in unprinted { words[index] = .max }
            words.sort()
            words.removeLast(unprinted.count)
        }

        /// The end of the run of words from `start` whose bits above `indexBits` are equal.
        func groupEnd(_ start: Int, indexBits: Int) -> Int {
            var end = start + 1
            while end < words.count && words[end] >> indexBits == words[start] >> indexBits { end += 1 }
            return end
        }

        /// The words whose print may be `print` (masked), if any.
        func group(of print: UInt64) -> Range<Int>? {
            let high = Self.mixed(print) >> indexBits
            var (low, upper) = (0, words.count)
            while low < upper {
                let middle = (low + upper) / 2
                if words[middle] >> indexBits < high { low = middle + 1 } else { upper = middle }
            }
            guard low < words.count, words[low] >> indexBits == high else { return nil }
            return low..<groupEnd(low, indexBits: indexBits)
        }

        /// Appends the line indices of the words of `group`.
        func addIndices(_ group: Range<Int>, to indices: inout [Int]) {
            for index in group { indices.append(Int(words[index] & (1 << indexBits - 1))) }
        }
    }

    /// What pass 1 leaves for pass 2: the lines that may share their request fingerprint with another
    /// line or with a roll-up's key (every line that does, and rarely a few that do not), and the
    /// roll-ups' keys a line's print may match.
    struct RepeatedLines {
        /// Per selected usage file, the indices of its non-blank lines to read again, ascending.
        var lines: [[Int]] = []
        /// Per selected usage file, where its lines start.
        var marks: [LineMarks] = []
        /// The roll-ups' keys whose fingerprint some line may have.
        var held = HeldKeys()
    }

    /// The lines of the selection's usage files whose fingerprint (masked by `mask`) may repeat
    /// another line's or a roll-up's key, with those keys; counts the usage files read into `result`
    /// (the lines that are no record are counted where they are decoded, `forEachLine(_:_:skipped:_:)`).
    /// Each of `workers` notes one word per non-blank line of a
    /// run of consecutive files, the high bits of its print (mixed, so masked prints spread) over the
    /// line's index, and sorts them: one sort finds the prints that repeat and where their lines are
    /// (a line whose print only shares those bits is read again for nothing). The roll-ups are read
    /// only when some usage line has a print.
    static func repeatedLines(
        _ selection: Selection, workers: Int, mask: UInt64, result: inout Result
    ) -> RepeatedLines {
        let files = selection.files
        let workers = max(1, min(workers, files.count))
        let runs = (0..<workers).map { worker in
            (files.count * worker / workers)..<(files.count * (worker + 1) / workers)
        }
        let firstPass = perWorker(workers) { worker in
            var prints = LinePrints()
            var decoder = UsageLineDecoder()
            var buffer: [UInt8] = []
            var unprinted: [Int] = []
            prints.words.reserveCapacity(LinePrints.wordsToReserve(for: files[runs[worker]]))
            for entry in files[runs[worker]] {
                var marks = LineMarks()
                defer { prints.marks.append(marks) }
                guard let count = entry.ledger.read(LogFileName.usage(entry.date), into: &buffer) else {
                    continue
                }
                prints.read += 1
                marks.end = count
                forEachNonBlankLine(buffer, 0..<count) { start, scanner in
                    if marks.lines % LineMarks.stride == 0 { marks.starts.append(start) }
                    marks.lines += 1
                    // Most lines are written plainly: their print comes from a byte search (see
                    // `LedgerLineFields.plainFingerprint64` for why it is the full scan's print on
                    // every record); the others are scanned whole.
                    if let print = LedgerLineFields.plainFingerprint64(scanner) {
                        prints.words.append(LinePrints.mixed(print & mask))
                        prints.printed += 1
                        return
                    }
                    var decoded: UsageRecord?
                    // A line with no print holds a word all the same, so indices stay line numbers.
                    switch linePrint(&scanner, decoder: &decoder, decoded: &decoded) {
                    case .print(let print):
                        prints.words.append(LinePrints.mixed(print & mask))
                        prints.printed += 1
                    case .unreadable, .noKey:
                        unprinted.append(prints.words.count)
                        prints.words.append(0)
                    }
                }
            }
            prints.sort(unprinted: unprinted)
            return prints
        }
        var lines = RepeatedLines()
        for pass in firstPass {
            result.filesRead += pass.read
            lines.marks += pass.marks
        }
        var wanted: [[Int]] = Array(repeating: [], count: workers)
        for worker in 0..<workers {
            let prints = firstPass[worker]
            var start = 0
            while start < prints.words.count {
                let end = prints.groupEnd(start, indexBits: prints.indexBits)
                if end - start > 1 { prints.addIndices(start..<end, to: &wanted[worker]) }
                start = end
            }
        }
        for (first, second) in pairs(workers) {
            let (left, right) = (firstPass[first], firstPass[second])
            // Both are sorted by their words, so by the bits above the wider index too.
            let bits = max(left.indexBits, right.indexBits)
            var (i, j) = (0, 0)
            while i < left.words.count && j < right.words.count {
                if left.words[i] >> bits < right.words[j] >> bits {
                    i = left.groupEnd(i, indexBits: bits)
                } else if left.words[i] >> bits > right.words[j] >> bits {
                    j = right.groupEnd(j, indexBits: bits)
                } else {
                    let (leftEnd, rightEnd) = (
                        left.groupEnd(i, indexBits: bits), right.groupEnd(j, indexBits: bits)
                    )
                    left.addIndices(i..<leftEnd, to: &wanted[first])
                    right.addIndices(j..<rightEnd, to: &wanted[second])
                    (i, j) = (leftEnd, rightEnd)
                }
            }
        }
        if firstPass.contains(where: { $0.printed > 0 }) && !selection.rollups.isEmpty {
            lines.held = heldKeys(selection.rollups, mask: mask) { print in
                var matched = false
                for worker in 0..<workers {
                    guard let group = firstPass[worker].group(of: print) else { continue }
                    firstPass[worker].addIndices(group, to: &wanted[worker])
                    matched = true
                }
                return matched
            }
        }
        // Each worker's indices run over its files in order: split them per file.
        for worker in 0..<workers {
            let indices = Set(wanted[worker]).sorted()
            var position = 0
            var first = 0
            for file in runs[worker] {
                let count = lines.marks[file].lines
                var inFile: [Int] = []
                while position < indices.count && indices[position] < first + count {
                    inFile.append(indices[position] - first)
                    position += 1
                }
                lines.lines.append(inFile)
                first += count
            }
        }
        return lines
    }

    /// Pass 2 of `read` and `summarize`: reads again only the lines pass 1 noted, where it saw them;
    /// the prints more than one of them has (or one and a roll-up's key), and the copy kept of each
    /// of their requests, deduplicated by full key in file order; a copy of a request a roll-up
    /// already holds is only counted.
    static func keptCopies(
        of lines: RepeatedLines, in files: [(ledger: UsageLedger, date: CivilDate)], mask: UInt64,
        decoder: inout UsageLineDecoder, buffer: inout [UInt8]
    ) -> (repeated: Set<UInt64>, deduplicator: UsageDeduplicator, heldCopies: Int) {
        // First the marked lines' prints only; then the lines whose print repeats, decoded whole, so
        // only the kept copies are held.
        var found: [(print: UInt64, file: Int, line: Int)] = []
        forEachLine(lines.lines, of: files, marks: lines.marks, buffer: &buffer) { file, line, scanner in
            var decoded: UsageRecord?
            guard case .print(let print) = linePrint(&scanner, decoder: &decoder, decoded: &decoded) else {
                return
            }
            found.append((print & mask, file, line))
        }
        var counts: [UInt64: Int] = [:]
        for line in found { counts[line.print, default: 0] += 1 }
        var repeated = Set(counts.lazy.filter { $0.value > 1 }.map(\.key))
        for print in lines.held.prints where counts[print] != nil { repeated.insert(print) }
        var wanted: [[Int]] = Array(repeating: [], count: lines.lines.count)
        for line in found where repeated.contains(line.print) { wanted[line.file].append(line.line) }
        found = []
        var deduplicator = UsageDeduplicator()
        var heldCopies = 0
        forEachLine(wanted, of: files, marks: lines.marks, buffer: &buffer) { _, _, scanner in
            guard let record = try? decoder.decode(&scanner) else { return }
            if lines.held.keys.isEmpty || !lines.held.keys.contains(RequestKey.of(record)) {
                deduplicator.add(record)
            } else {
                heldCopies += 1
            }
        }
        return (repeated, deduplicator, heldCopies)
    }

    // Calls `body` with a scanner over each of the non-blank lines `wanted` (per file, ascending)
    // of `files`, reading only the marks' stretches that hold them.
    private static func forEachLine(
        _ wanted: [[Int]], of files: [(ledger: UsageLedger, date: CivilDate)], marks: [LineMarks],
        buffer: inout [UInt8], _ body: (Int, Int, inout JSONScanner) -> Void
    ) {
        for (file, wanted) in wanted.enumerated() where !wanted.isEmpty {
            let path = files[file].ledger.path(LogFileName.usage(files[file].date))
            guard let descriptor = FileAccess.openForReading(path) else { continue }
            defer { FileAccess.close(descriptor) }
            var position = 0
            while position < wanted.count {
                let mark = wanted[position] / LineMarks.stride
                let count = read(descriptor, marks[file].block(of: wanted[position]), into: &buffer)
                var line = mark * LineMarks.stride
                forEachNonBlankLine(buffer, 0..<count) { _, scanner in
                    defer { line += 1 }
                    guard position < wanted.count, wanted[position] == line else { return }
                    position += 1
                    body(file, line, &scanner)
                }
                // Lines gone since pass 1 are not read (no writer runs under the lock).
                while position < wanted.count && wanted[position] / LineMarks.stride == mark { position += 1 }
            }
        }
    }

    /// What a ledger line gives as a request fingerprint.
    enum LinePrint {
        /// The fingerprint of the line's request key, unmasked.
        case print(UInt64)
        /// Not a record: counted as skipped.
        case unreadable
        /// A record the full decoder still refuses (`LedgerLineFields` accepts exactly what it does).
        case noKey
    }

    /// The fingerprint of the line at the scanner's offset. Keys are read from the line's bytes
    /// (`LedgerLineFields`, which accepts exactly the lines the decoder does); only a line with
    /// neither id is decoded for its key, into `decoded`.
    static func linePrint(
        _ scanner: inout JSONScanner, decoder: inout UsageLineDecoder, decoded: inout UsageRecord?
    ) -> LinePrint {
        let start = scanner.offset
        do throws(JSONScanError) {
            guard let fields = try LedgerLineFields.scan(&scanner), scanner.isAtEnd() else {
                return .unreadable
            }
            if let print = fields.fingerprint64(in: scanner) { return .print(print) }
            scanner.offset = start
            decoded = try decoder.decode(&scanner)
            return decoded.map { .print(fingerprint64(RequestKey.of($0))) } ?? .noKey
        } catch {
            return .unreadable
        }
    }

    /// Calls `isRecord` with a scanner over each non-blank line of `bytes[range]`, and counts in
    /// `skipped` the lines it does not take (it returns false or throws) that `linePrint` finds
    /// `.unreadable`: the lines pass 1 counted when it scanned every line whole, now counted where
    /// every line is decoded anyway.
    static func forEachLine(
        _ bytes: [UInt8], _ range: Range<Int>, skipped: inout Int,
        _ isRecord: (inout JSONScanner) throws(JSONScanError) -> Bool
    ) {
        forEachNonBlankLine(bytes, range) { start, scanner in
            let taken: Bool
            do throws(JSONScanError) {
                taken = try isRecord(&scanner)
            } catch {
                taken = false
            }
            guard !taken else { return }
            // Rare: a fresh decoder, only for a line with neither id that the scan accepts.
            scanner.offset = start
            var decoder = UsageLineDecoder()
            var decoded: UsageRecord?
            if case .unreadable = linePrint(&scanner, decoder: &decoder, decoded: &decoded) { skipped += 1 }
        }
    }

    /// Calls `body` with the start and a scanner of each non-blank line of `bytes[range]`.
    static func forEachNonBlankLine(
        _ bytes: [UInt8], _ range: Range<Int>, _ body: (Int, inout JSONScanner) -> Void
    ) {
        bytes.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[range])
            forEachLine(buffer) { start, end in
                var scanner = JSONScanner(buffer, start: start, end: end)
                if scanner.isAtEnd() { return }
                body(start, &scanner)
            }
        }
    }

    // Reads the bytes of `range` of the file into the start of `buffer`; the count read.
    private static func read(_ descriptor: Int32, _ range: Range<Int>, into buffer: inout [UInt8]) -> Int {
        guard FileAccess.seek(descriptor, to: range.lowerBound) else { return 0 }
        if buffer.count < range.count {
            buffer.append(contentsOf: repeatElement(0, count: range.count - buffer.count))
        }
        var count = 0
        while count < range.count {
            let got = buffer.withUnsafeMutableBufferPointer { pointer in
                FileAccess.read(descriptor, into: pointer.baseAddress! + count, count: range.count - count)
            }
            if got <= 0 { break }
            count += got
        }
        return count
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

    // Every pair of worker indices.
    private static func pairs(_ count: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for first in 0..<count {
            for second in (first + 1)..<count { pairs.append((first, second)) }
        }
        return pairs
    }
}
