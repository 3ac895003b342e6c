/// One line of text around a match, cut at character boundaries, whitespace runs made single spaces.
enum Snippet {
    /// Characters kept before the match.
    static let before = 40
    /// Characters kept in all, at most.
    static let length = 120

    /// The snippet of decoded UTF-8 `text` around the bytes `match`.
    static func around(_ match: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> String {
        let string = String(decoding: text, as: UTF8.self)
        // The match's offset in the decoded string (ill-formed bytes became U+FFFD, so count prefix bytes).
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: text[..<match.lowerBound]), as: UTF8.self)
        let characters = Array(string)
        let matchCharacter = min(prefix.count, characters.count)
        let start = max(0, matchCharacter - before)
        let end = min(characters.count, start + length)
        var result = start > 0 ? "…" : ""
        var pendingSpace = false
        for character in characters[start..<end] {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace && !(result.isEmpty || result == "…") { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        if end < characters.count { result += "…" }
        return result
    }
}
