/// What a search found in one session's transcripts.
struct SessionMatch: Equatable, Sendable {
    /// Which terms occur somewhere (bit `i` for term `i`).
    var termsFound: UInt64 = 0
    /// Messages (prompts, replies and whatever else the search reads) that contain a term.
    var messages = 0
    /// A line of text around the first occurrence in the message that holds the most terms.
    var snippet: String?
    // How many terms the snippet's message holds.
    var snippetTerms = 0

    /// Whether every one of `count` terms occurs.
    func hasAll(_ count: Int) -> Bool {
        count >= 64 ? termsFound == .max : termsFound == (UInt64(1) << count) - 1
    }

    /// Notes one message that holds the terms in `found` (not empty), with the snippet `make` gives.
    mutating func note(found: UInt64, snippet make: () -> String) {
        messages += 1
        termsFound |= found
        let count = found.nonzeroBitCount
        if count > snippetTerms {
            snippet = make()
            snippetTerms = count
        }
    }
}
