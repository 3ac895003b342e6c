/// One word or quoted phrase of a search, matched as literal text in any case.
struct SearchTerm: Equatable, Sendable {
    /// The text as typed.
    let text: String
    /// Matches the term in decoded text: ASCII caselessly, or exactly against folded text.
    let pattern: CaselessPattern
    /// Whether the folded term is all ASCII, so text that is all ASCII needs no Unicode folding.
    let isASCII: Bool
    /// A piece of the term that a line's raw JSON bytes must contain for the line to hold the term;
    /// nil when no piece can be relied on, so every line is a candidate.
    let anchor: CaselessPattern?
    // Where the anchor sits in the folded term, so the bytes around a raw hit can be checked.
    private let anchorStart: Int
    // Whether the anchor holds a newline, which no raw line does.
    private let anchorHasNewline: Bool

    /// Creates a term from non-empty text.
    init(_ text: String) {
        self.text = text
        let folded = CaseFolding.fold(text)
        isASCII = folded.allSatisfy { $0 < 0x80 }
        pattern = CaselessPattern(folded, ignoringCase: isASCII)
        (anchor, anchorStart) = Self.anchor(folded: folded, original: text)
        anchorHasNewline = anchor?.bytes.contains(0x0A) ?? false
    }

    static func == (left: SearchTerm, right: SearchTerm) -> Bool { left.text == right.text }

    /// The terms of a command line's words: each argument is one term (a phrase when the shell kept
    /// its spaces); inside an argument, `"double quotes"` make a phrase and the rest splits at spaces.
    static func parse(_ words: [String]) -> [SearchTerm] {
        var texts: [String] = []
        for word in words {
            guard word.contains("\"") else {
                let trimmed = word.trimmingSpaces
                if !trimmed.isEmpty { texts.append(trimmed) }
                continue
            }
            for (index, part) in word.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
                if index % 2 == 1 {
                    let phrase = String(part).trimmingSpaces
                    if !phrase.isEmpty { texts.append(phrase) }
                } else {
                    texts += part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(
                        String.init)
                }
            }
        }
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }.map(SearchTerm.init)
    }

    // The longest run of printable ASCII that JSON never escapes (no quote, backslash or slash) and that
    // no non-ASCII letter folds to (`ss` may be written `ß`), compared caselessly; for a term without
    // one, its exact bytes when folding cannot change them.
    private static func anchor(folded: [UInt8], original: String) -> (CaselessPattern?, Int) {
        var best: Range<Int> = 0..<0
        var start = 0
        for index in 0...folded.count {
            let plain =
                index < folded.count && folded[index] >= 0x20 && folded[index] < 0x7F
                && folded[index] != UInt8(ascii: "\"") && folded[index] != UInt8(ascii: "\\")
                && folded[index] != UInt8(ascii: "/") && !CaseFolding.mayComeFromNonASCII(folded, at: index)
            if !plain {
                if index - start > best.count { best = start..<index }
                start = index + 1
            }
        }
        if !best.isEmpty {
            return (CaselessPattern(Array(folded[best]), ignoringCase: true), best.lowerBound)
        }
        let bytes = Array(original.utf8)
        if bytes == folded && Array(original.uppercased().utf8) == bytes && !bytes.isEmpty {
            return (CaselessPattern(bytes, ignoringCase: false), 0)
        }
        return (nil, 0)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

extension SearchTerm {
    /// The byte range of the first occurrence of the term in decoded UTF-8 `text`, or nil.
    func firstMatch(in text: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Range<Int>? {
        guard let base = text.baseAddress, start < text.count else { return nil }
        if isASCII {
            // ASCII letters fold only to ASCII letters: text in ASCII, or holding the term as written,
            // needs no folding.
            if let found = pattern.firstMatch(in: base, start: start, end: text.count) {
                return found..<(found + pattern.bytes.count)
            }
            if !Self.hasNonASCII(base + start, count: text.count - start) { return nil }
        }
        let (folded, origins) = CaseFolding.fold(UnsafeBufferPointer(rebasing: text[start...]))
        let found = folded.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { pattern.firstMatch(in: $0, start: 0, end: buffer.count) }
        }
        guard let found else { return nil }
        let end = found + pattern.bytes.count
        return (start + origins[found])..<(end < origins.count ? start + origins[end] : text.count)
    }
}

extension SearchTerm {
    /// Whether the raw JSON line `base[start..<end]` may hold the term: some occurrence of the anchor
    /// whose neighbours match the rest of the folded term as plain ASCII, or reach a byte where an
    /// escape or a non-ASCII letter could stand for it (then the line is decoded to be sure). True
    /// when the term has no anchor.
    func mayOccur(inRaw base: UnsafePointer<UInt8>, start: Int, end: Int) -> Bool {
        anchor == nil || nextOccurrence(inRaw: base, from: start, start: start, end: end) != nil
    }

    /// The offset of the first occurrence of the anchor at or after `from` in the raw JSON lines
    /// `base[start..<end]` (newlines end a line, so `mayOccur` holds for the line around it), or nil;
    /// always nil for a term without an anchor.
    func nextOccurrence(inRaw base: UnsafePointer<UInt8>, from: Int, start: Int, end: Int) -> Int? {
        guard let anchor else { return nil }
        var position = from
        while let found = anchor.firstMatch(in: base, start: position, end: end) {
            if extends(anchor, at: found, in: base, start: start, end: end) { return found }
            position = found + 1
        }
        return nil
    }

    // Whether the anchor found at `offset` may be part of the whole term in its line: bytes are
    // compared up to the line's newline or the bounds, whichever comes first.
    private func extends(
        _ anchor: CaselessPattern, at offset: Int, in base: UnsafePointer<UInt8>, start: Int, end: Int
    ) -> Bool {
        let newline: UInt8 = 0x0A
        // A line never holds a newline, so neither does an anchor found within one.
        if anchorHasNewline
            && (offset..<(offset + anchor.bytes.count)).contains(where: { base[$0] == newline })
        {
            return false
        }
        let folded = pattern.bytes
        // After the anchor the raw bytes start a character: plain ASCII stands for itself, anything
        // else (an escape, a multi-byte letter) may fold to what the term needs.
        var index = anchorStart + anchor.bytes.count
        var position = offset + anchor.bytes.count
        while index < folded.count {
            guard position < end, base[position] != newline else { return false }
            let byte = base[position]
            if byte >= 0x80 || byte == UInt8(ascii: "\\") { return true }
            if CaselessPattern.lower(byte) != folded[index] { return false }
            index += 1
            position += 1
        }
        // Before it a byte may end an escape (`\u0130`), so a mismatch counts only when no escape or
        // non-ASCII byte sits close enough to hold the rest of the term (12 bytes a character at most).
        index = anchorStart - 1
        position = offset - 1
        while index >= 0 {
            guard position >= start, base[position] != newline else { return false }
            if CaselessPattern.lower(base[position]) != folded[index] {
                var scan = offset - 1
                let window = max(start, offset - 12 * anchorStart)
                while scan >= window && base[scan] != newline {
                    if base[scan] >= 0x80 || base[scan] == UInt8(ascii: "\\") { return true }
                    scan -= 1
                }
                return false
            }
            index -= 1
            position -= 1
        }
        return true
    }

    // Whether any byte is outside ASCII, eight at a time.
    fileprivate static func hasNonASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return true
            }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }
}
