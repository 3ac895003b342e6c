/// Finds the known command or option a mistyped one most likely meant.
public enum ClosestName {
    /// The candidate nearest to `typed` by edit distance, when it is within 2 edits and a third of
    /// `typed`'s length (at least 1), so short or unrelated words get no suggestion.
    public static func match(_ typed: String, among candidates: [String]) -> String? {
        let allowed = min(2, max(1, typed.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != typed {
            let distance = editDistance(typed, candidate)
            if distance <= allowed, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The Levenshtein distance: insertions, deletions and substitutions of characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The long options a command's help names (`--range`, `--json`, …): the same list its parser takes.
    public static func options(in help: String) -> [String] {
        var seen: [String] = []
        for word in help.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        where word.hasPrefix("--") && word.count > 2 && !seen.contains(String(word)) {
            seen.append(String(word))
        }
        return seen
    }
}
