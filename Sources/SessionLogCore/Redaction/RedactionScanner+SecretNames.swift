/// How sure a name makes the scanner that the value after it is a secret.
enum SecretStrength {
    /// `GITHUB_TOKEN`, `--password`, `"private_key"`: any literal value is masked.
    case strong
    /// `DB_PASS`, `STRIPE_KEY`, `GITHUB_PAT`: paths and one- or two-digit numbers are kept.
    case weak
}

/// Names of assignments, flags and keys, and the values after them.
extension RedactionScanner {
    /// How secret the value a name introduces is, or nil when the name is not a secret's.
    func secretStrength(_ name: Range<Int>) -> SecretStrength? {
        if endsWithAny(name, secretNameSuffixes) { return .strong }
        guard endsWithAny(name, weakSecretNameSuffixes), !endsWithAny(name, nonSecretKeyNames) else {
            return nil
        }
        // `--key` and `-pass` have no word before the suffix: `_KEY` alone names nothing secret.
        var core = name.lowerBound
        while core < name.upperBound, bytes[core] == ascii("-") {
            core += 1
        }
        var underscore = name.upperBound - 1
        while underscore > core, bytes[underscore] != ascii("_"), bytes[underscore] != ascii("-") {
            underscore -= 1
        }
        return underscore > core ? .weak : nil
    }

    /// Whether the value at `v` stays readable: a shell variable or command substitution (`$VAR`,
    /// `${VAR}`, `$(gh auth token)`), or, after a weak name, a path or a number of one or two digits.
    func keepsValue(at v: Int, strength: SecretStrength) -> Bool {
        let n = bytes.count
        guard v < n else { return false }
        let c = bytes[v]
        if c == ascii("$"), v + 1 < n {
            let next = bytes[v + 1]
            if next == ascii("(") || next == ascii("{") || next == ascii("_") || isLetter(next) {
                return true
            }
        }
        guard strength == .weak else { return false }
        if c == ascii("/") || c == ascii("~") || c == ascii(".") { return true }
        var end = v
        while end < n, isDigit(bytes[end]) {
            end += 1
        }
        return end > v && end - v <= 2 && (end == n || !isNameByte(bytes[end]))
    }

    /// Whether only blanks or a YAML list dash stand between `start` and the newline before it.
    func startsLine(_ start: Int) -> Bool {
        var k = start - 1
        while k >= 0, isBlank(bytes[k]) || bytes[k] == ascii("-") {
            k -= 1
        }
        return k >= 0 && bytes[k] == ascii("\n")
    }

    /// Whether the word `password` at `start` is a `.netrc` entry's: first on a line after a newline (a
    /// heredoc), or after `machine` or `login` on its line (`machine h login u password p`).
    func isNetrcPassword(_ start: Int) -> Bool {
        if startsLine(start) { return true }
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] != ascii("\n"), start - lineStart < 4096 {
            lineStart -= 1
        }
        var k = lineStart
        while k < start {
            let atWord = k == 0 || !isNameByte(bytes[k - 1])
            if atWord, has("machine ", at: k) || has("login ", at: k) || has("default ", at: k) {
                return true
            }
            k += 1
        }
        return false
    }
}
