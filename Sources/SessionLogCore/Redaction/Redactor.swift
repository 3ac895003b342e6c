/// Masks credentials in logged Bash commands and WebFetch URLs so that they never reach the disk.
public enum Redactor {
    /// The text written in place of every secret.
    public static let mask = "[REDACTED]"

    /// Returns `text` with each recognised secret replaced by ``mask``, or `text` itself when nothing matches.
    public static func redact(_ text: String) -> String {
        let masked: [UInt8]?
        if let result = text.utf8.withContiguousStorageIfAvailable(Scanner.redact) {
            masked = result
        } else {
            masked = Array(text.utf8).withUnsafeBufferPointer(Scanner.redact)
        }
        guard let masked else { return text }
        return String(decoding: masked, as: UTF8.self)
    }
}

private let maskBytes = Array(Redactor.mask.utf8)

/// Assignment and `--flag` names are secret when they end with one of these words, case-insensitively,
/// with `-` read as `_`: `GITHUB_TOKEN`, `--api-key`, `db.password`, `aws_secret_access_key`, `FOOTOKEN`.
private let secretNameSuffixes: [StaticString] = [
    "token", "secret", "password", "passwd", "apikey", "api_key", "secret_key", "secret_access_key",
]

/// Header names (`name: value`) are secret when they end with one of these words, so `X-Api-Key`,
/// `PRIVATE-TOKEN` and `X-Vault-Token` are masked but a commit message like `"token: fix expiry"` is not.
private let secretHeaderSuffixes: [StaticString] = [
    "api_key", "apikey", "_token", "_secret", "_password", "_passwd",
]

/// URL query and form parameter names are secret when one of these words is a part of the name (parts are
/// split at `_`, `-`, `.` and lower-to-upper camel humps) or the name ends with it, ignoring a plural `s`:
/// `access_token`, `api_key`, `apikey`, `sessionToken`, `X-Amz-Signature`, `sig` and `client_secret` are
/// masked while `keyboard`, `author` and `page` are kept (the suffix rule does mask `monkey`).
private let secretQueryWords: [StaticString] = [
    "token", "key", "secret", "password", "passwd", "signature", "sig", "auth", "authorization",
    "credential",
]

/// `Authorization` schemes whose credentials are a single token.
private let singleTokenSchemes: [StaticString] = ["bearer", "basic", "token", "negotiate", "ntlm"]

/// `Authorization` schemes whose credentials are a list of parameters that may contain spaces and quotes.
private let parameterSchemes: [StaticString] = ["digest", "aws4-hmac-sha256"]

/// Where an unquoted value stops, which depends on the syntax it was found in.
private enum Ending {
    /// A shell word: `FOO_TOKEN=v`, `--password v`, `x-api-key: v`.
    case shell
    /// A URL query or form value: `?token=v&page=2`.
    case query
    /// A JSON or Python literal: `{"password": v}`.
    case json
}

/// One forward pass over UTF-8 bytes that copies them to `out` only once the first secret is found.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var out: [UInt8] = []
    var changed = false
    var copied = 0
    // The byte before a replaced range reads as the mask's `]`, so a second pass sees the same word
    // boundaries as the first one did and redaction stays idempotent.
    var lastMaskEnd = -1
    // A URL password is found at the `://` but masked only when the scan reaches it, so that tokens in
    // the user name before it are still masked in order.
    var pendingPassword: Range<Int>? = nil

    /// Returns the redacted `bytes`, or `nil` when they hold no secret.
    static func redact(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Scans every byte once and returns the redacted bytes, or `nil` when nothing was masked.
    mutating func run() -> [UInt8]? {
        let n = bytes.count
        var i = 0
        while i < n {
            if let password = pendingPassword, i >= password.lowerBound {
                pendingPassword = nil
                if i == password.lowerBound {
                    replace(password)
                    i = password.upperBound
                    continue
                }
            }
            let c = bytes[i]
            let before = previous(i)
            if isAlnum(c), isAlnum(before) {
                // Nothing starts inside a run of letters and digits, which is most of any text.
                i += 1
                while i < n, isAlnum(bytes[i]) {
                    i += 1
                }
                continue
            }
            var resume: Int? = nil
            if !isAlnum(before) {
                resume = token(at: i)
            }
            if resume == nil, pendingPassword == nil, isNameByte(c), !isNameByte(before) {
                resume = named(at: i, after: before)
            }
            if resume == nil, c == ascii(":"), pendingPassword == nil {
                findPassword(schemeColon: i)
            }
            i = resume ?? i + 1
        }
        guard changed else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return out
    }

    /// Copies the bytes up to `range` and writes the mask in its place.
    mutating func replace(_ range: Range<Int>) {
        if !changed {
            changed = true
            out.reserveCapacity(bytes.count + maskBytes.count)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
        out.append(contentsOf: maskBytes)
        copied = range.upperBound
        lastMaskEnd = range.upperBound
    }

    /// The byte before `i` as a second pass would see it.
    @inline(__always) func previous(_ i: Int) -> UInt8 {
        if i == 0 { return ascii(" ") }
        return i == lastMaskEnd ? ascii("]") : bytes[i - 1]
    }

    /// Masks a vendor token with a fixed prefix starting at `i` (AWS key id, GitHub, OpenAI, Anthropic, Slack).
    mutating func token(at i: Int) -> Int? {
        let end: Int?
        switch bytes[i] {
        case ascii("A"): end = awsKeyID(at: i)
        case ascii("g"):
            if has("github_pat_", at: i) {
                end = run(from: i + 11, atLeast: 20, of: isWordByte)
            } else if has("gh", at: i), i + 3 < bytes.count, isGitHubKind(bytes[i + 2]),
                bytes[i + 3] == ascii("_")
            {
                end = run(from: i + 4, atLeast: 20, of: isAlnum)
            } else {
                end = nil
            }
        case ascii("s"):
            end = has("sk-", at: i) ? run(from: i + 3, atLeast: 20, of: isKeyByte) : nil
        case ascii("x"):
            if has("xox", at: i), i + 4 < bytes.count, isSlackKind(bytes[i + 3]), bytes[i + 4] == ascii("-") {
                end = run(from: i + 5, atLeast: 10, of: isSlackByte)
            } else if has("xapp-", at: i) {
                end = run(from: i + 5, atLeast: 10, of: isSlackByte)
            } else {
                end = nil
            }
        default: end = nil
        }
        guard let end else { return nil }
        replace(i..<end)
        return end
    }

    /// The end of an AWS access key id (`AKIA`, `ASIA`, `AGPA`, `AIDA`, `AROA` and 16 uppercase alnum) at `i`.
    func awsKeyID(at i: Int) -> Int? {
        let end = i + 20
        guard end <= bytes.count else { return nil }
        guard
            has("AKIA", at: i) || has("ASIA", at: i) || has("AGPA", at: i) || has("AIDA", at: i)
                || has("AROA", at: i)
        else { return nil }
        for k in (i + 4)..<end where !isUpperAlnum(bytes[k]) {
            return nil
        }
        return end == bytes.count || !isAlnum(bytes[end]) ? end : nil
    }

    /// The end of the run of `isMember` bytes from `start` when it is at least `minimum` long.
    @inline(__always) func run(from start: Int, atLeast minimum: Int, of isMember: (UInt8) -> Bool) -> Int? {
        var end = start
        while end < bytes.count, isMember(bytes[end]) {
            end += 1
        }
        return end - start >= minimum ? end : nil
    }

    /// Masks the value that a name starting at `start` introduces: `name=v`, `name: v`, `--name v`, `"name": v`.
    mutating func named(at start: Int, after before: UInt8) -> Int? {
        let n = bytes.count
        var end = start
        while end < n, isNameByte(bytes[end]) {
            end += 1
        }
        guard end < n else { return nil }
        let name = start..<end
        switch bytes[end] {
        case ascii("="):
            if before == ascii("?") || before == ascii("&") {
                return isQueryKey(name) ? maskValue(from: end + 1, ending: .query) : nil
            }
            return endsWithAny(name, secretNameSuffixes) ? maskValue(from: end + 1, ending: .shell) : nil
        case ascii("]"):
            // `]` ends the name in Rails-style form fields such as `user[password]=v`.
            guard before == ascii("["), end + 1 < n, bytes[end + 1] == ascii("="), isQueryKey(name) else {
                return nil
            }
            return maskValue(from: end + 2, ending: .query)
        case ascii(":"):
            if endsWith(name, "authorization") {
                return authorization(from: end + 1)
            }
            // `${API_KEY:-default}` is a shell expansion, not a header.
            if before != ascii("{"), endsWithAny(name, secretHeaderSuffixes) {
                return maskValue(from: skipBlanks(end + 1), ending: .shell)
            }
            return awsSecret(name, after: end)
        case ascii(" "), ascii("\t"):
            if bytes[start] == ascii("-"), endsWithAny(name, secretNameSuffixes) {
                return flagValue(from: end)
            }
            if equals(name, "bearer") {
                return bareBearer(from: end)
            }
            return awsSecret(name, after: end)
        case ascii("\""), ascii("'"), ascii("\\"):
            return jsonValue(name, after: before)
        default:
            return nil
        }
    }

    /// Masks the value of `--name v` or `-name v`, unless the next word is another flag.
    mutating func flagValue(from nameEnd: Int) -> Int? {
        let n = bytes.count
        var v = nameEnd
        while v < n {
            if isBlank(bytes[v]) {
                v += 1
            } else if bytes[v] == ascii("\\"), v + 1 < n, bytes[v + 1] == ascii("\n") {
                v += 2
            } else if bytes[v] == ascii("\\"), v + 2 < n, bytes[v + 1] == ascii("\r"),
                bytes[v + 2] == ascii("\n")
            {
                v += 3
            } else {
                break
            }
        }
        // The next flag, a redirection or a pipe is not the value, as in `gh auth login --with-token < file`.
        guard v < n, !isFlagOrOperator(bytes[v]) else { return nil }
        return maskValue(from: v, ending: .shell)
    }

    /// Masks `"name": v` (also with `'` or `\"` quotes) when the name is a secret name or `authorization`.
    mutating func jsonValue(_ name: Range<Int>, after before: UInt8) -> Int? {
        let n = bytes.count
        guard before == ascii("\"") || before == ascii("'") else { return nil }
        var k = name.upperBound
        if bytes[k] == ascii("\\"), k + 1 < n { k += 1 }
        guard bytes[k] == before else { return nil }
        guard endsWithAny(name, secretNameSuffixes) || endsWith(name, "authorization") else { return nil }
        k = skipBlanks(k + 1)
        guard k < n, bytes[k] == ascii(":") else { return nil }
        return maskValue(from: skipBlanks(k + 1), ending: .json)
    }

    /// Masks `aws_secret_access_key VALUE` and `aws_secret_access_key = VALUE` when VALUE is 40 key characters.
    mutating func awsSecret(_ name: Range<Int>, after nameEnd: Int) -> Int? {
        guard endsWith(name, "secret_access_key") else { return nil }
        var v = skipBlanks(nameEnd)
        if v < bytes.count, bytes[v] == ascii("=") || bytes[v] == ascii(":") {
            v = skipBlanks(v + 1)
        }
        guard let end = run(from: v, atLeast: 40, of: isAWSSecretByte), end - v == 40 else { return nil }
        guard end == bytes.count || bytes[end] != ascii("=") else { return nil }
        replace(v..<end)
        return end
    }

    /// Masks the token after a bare `Bearer` when it looks like a credential rather than an English word.
    mutating func bareBearer(from nameEnd: Int) -> Int? {
        let v = skipBlanks(nameEnd)
        var end = v
        var hasDigit = false
        while end < bytes.count, isToken68Byte(bytes[end]) {
            hasDigit = hasDigit || isDigit(bytes[end])
            end += 1
        }
        let length = end - v
        guard length >= 20 || (length >= 8 && hasDigit) else { return nil }
        replace(v..<end)
        return end
    }

    /// Masks the credentials of an `Authorization:` header value that starts after `colon`.
    mutating func authorization(from colon: Int) -> Int? {
        let v = skipBlanks(colon)
        let wordEnd = unquotedEnd(from: v, ending: .shell)
        guard wordEnd > v else { return nil }
        let word = v..<wordEnd
        let rest = skipBlanks(wordEnd)
        let hasRest = rest > wordEnd && unquotedEnd(from: rest, ending: .shell) > rest
        if isSchemeWord(word) {
            if equalsAny(word, singleTokenSchemes) {
                return hasRest ? maskValue(from: rest, ending: .shell) : nil
            }
            if equalsAny(word, parameterSchemes) {
                return hasRest ? maskParameters(from: rest) : nil
            }
            // A short lowercase word after the colon is prose (`git commit -m "authorization: fix ..."`),
            // where credentials have capitals, digits or length.
            if isLowercaseWord(word), word.count < 20 { return nil }
            if hasRest { return maskParameters(from: rest) }
        }
        replace(word)
        return wordEnd
    }

    /// Masks scheme parameters up to the end of the line or a quote that closes the header argument.
    mutating func maskParameters(from start: Int) -> Int? {
        let n = bytes.count
        var end = start
        while end < n, bytes[end] != ascii("\n"), bytes[end] != ascii("\r") {
            if isQuote(bytes[end]) {
                let next = end + 1 < n ? bytes[end + 1] : ascii(" ")
                // A quote followed by another quote closes an inner value, and the second one may close the header.
                if isSpace(next) || next == ascii(";") || next == ascii("|") || next == ascii("&")
                    || next == ascii(")")
                {
                    break
                }
            }
            end += 1
        }
        guard end > start else { return nil }
        replace(start..<end)
        return end
    }

    /// Records the password of `scheme://user:password@host` when `colon` is the `:` of a `://`.
    mutating func findPassword(schemeColon colon: Int) {
        let n = bytes.count
        guard colon > 0, colon + 2 < n, isAlnum(bytes[colon - 1]), bytes[colon + 1] == ascii("/"),
            bytes[colon + 2] == ascii("/")
        else { return }
        var separator = -1
        var at = -1
        var k = colon + 3
        while k < n {
            let c = bytes[k]
            if c == ascii("/") || c == ascii("?") || c == ascii("#") || c == ascii("\\") || c == ascii("<")
                || c == ascii(">") || isSpace(c) || isQuote(c)
            {
                break
            }
            if c == ascii(":"), separator < 0 {
                separator = k
            } else if c == ascii("@") {
                at = k
            }
            k += 1
        }
        if separator >= 0, at > separator + 1 {
            pendingPassword = (separator + 1)..<at
        }
    }

    /// Masks the value starting at `start`: the inside of a quoted value, else up to the end for `ending`.
    mutating func maskValue(from start: Int, ending: Ending) -> Int? {
        let n = bytes.count
        guard start < n else { return nil }
        var v = start
        let first = bytes[v]
        if ending != .query, first == ascii("\"") || first == ascii("'") {
            if let close = closingQuote(first, from: v + 1) {
                guard close > v + 1 else { return nil }
                replace((v + 1)..<close)
                return close
            }
            v += 1
        } else if ending != .query, first == ascii("\\"), v + 1 < n,
            bytes[v + 1] == ascii("\"") || bytes[v + 1] == ascii("'")
        {
            // `\"` opens a value inside an outer double-quoted argument: `-d "{\"token\": \"v\"}"`.
            if let close = escapedClosingQuote(bytes[v + 1], from: v + 2) {
                guard close > v + 2 else { return nil }
                replace((v + 2)..<close)
                return close
            }
            v += 2
        }
        // A value already masked by an earlier pass is kept as it is, even where `]` would end it.
        let end = hasMask(at: v) ? v + maskBytes.count : unquotedEnd(from: v, ending: ending)
        guard end > v else { return nil }
        replace(v..<end)
        return end
    }

    /// The end of an unquoted value starting at `start`.
    func unquotedEnd(from start: Int, ending: Ending) -> Int {
        let n = bytes.count
        var end = start
        scan: while end < n {
            let c = bytes[end]
            if isSpace(c) || isQuote(c) { break }
            switch ending {
            case .shell:
                if c == ascii(";") || c == ascii("|") || c == ascii("&") { break scan }
                if c == ascii("\\"), end + 1 < n {
                    let next = bytes[end + 1]
                    if isBlank(next) {
                        end += 2
                        continue scan
                    }
                    if isQuote(next) || isSpace(next) { break scan }
                }
            case .query:
                if c == ascii("&") || c == ascii("#") || c == ascii("<") || c == ascii(">")
                    || c == ascii("\\")
                {
                    break scan
                }
            case .json:
                if c == ascii(",") || c == ascii("}") || c == ascii("]") || c == ascii("\\") { break scan }
            }
            end += 1
        }
        return end
    }

    /// The index of the `quote` that closes a value opened just before `start`, skipping `\`-escapes in `"`.
    func closingQuote(_ quote: UInt8, from start: Int) -> Int? {
        var k = start
        while k < bytes.count {
            let c = bytes[k]
            if c == quote { return k }
            k += c == ascii("\\") && quote == ascii("\"") ? 2 : 1
        }
        return nil
    }

    /// The index of the `\` of the `\quote` that closes a value opened by `\quote` just before `start`.
    func escapedClosingQuote(_ quote: UInt8, from start: Int) -> Int? {
        var k = start
        while k + 1 < bytes.count {
            if bytes[k] == ascii("\\") {
                if bytes[k + 1] == quote { return k }
                k += 2
            } else {
                k += 1
            }
        }
        return nil
    }

    /// The first index from `start` that is not a space or a tab.
    @inline(__always) func skipBlanks(_ start: Int) -> Int {
        var k = start
        while k < bytes.count, isBlank(bytes[k]) {
            k += 1
        }
        return k
    }

    /// Whether the bytes at `i` start with ``Redactor/mask``.
    func hasMask(at i: Int) -> Bool {
        guard i + maskBytes.count <= bytes.count else { return false }
        for j in 0..<maskBytes.count where bytes[i + j] != maskBytes[j] {
            return false
        }
        return true
    }

    /// Whether the bytes at `i` start with `word`, exactly.
    func has(_ word: StaticString, at i: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for j in 0..<count where bytes[i + j] != word.utf8Start[j] {
            return false
        }
        return true
    }

    /// Whether `name` ends with the lowercase `word`, ignoring case and reading `-` as `_`.
    func endsWith(_ name: Range<Int>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard name.count >= count else { return false }
        let base = name.upperBound - count
        for j in 0..<count where folded(bytes[base + j]) != word.utf8Start[j] {
            return false
        }
        return true
    }

    /// Whether `name` ends with any of `words`.
    func endsWithAny(_ name: Range<Int>, _ words: [StaticString]) -> Bool {
        for word in words where endsWith(name, word) {
            return true
        }
        return false
    }

    /// Whether `name` is `word`, ignoring case and reading `-` as `_`.
    func equals(_ name: Range<Int>, _ word: StaticString) -> Bool {
        name.count == word.utf8CodeUnitCount && endsWith(name, word)
    }

    /// Whether `name` is any of `words`, ignoring case; `-` in a word matches `-` or `_`.
    func equalsAny(_ name: Range<Int>, _ words: [StaticString]) -> Bool {
        for word in words where name.count == word.utf8CodeUnitCount {
            var same = true
            for j in 0..<name.count where folded(bytes[name.lowerBound + j]) != folded(word.utf8Start[j]) {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// Whether a query parameter name is secret under the `secretQueryWords` rule.
    func isQueryKey(_ name: Range<Int>) -> Bool {
        if isQueryWord(name, suffixOnly: true) { return true }
        var partStart = name.lowerBound
        for k in name {
            let c = bytes[k]
            if c == ascii("_") || c == ascii("-") || c == ascii(".") {
                if isQueryWord(partStart..<k, suffixOnly: false) { return true }
                partStart = k + 1
            } else if k > partStart, isUpper(c), !isUpper(bytes[k - 1]) {
                if isQueryWord(partStart..<k, suffixOnly: false) { return true }
                partStart = k
            }
        }
        return false
    }

    /// Whether `part` is (or, with `suffixOnly`, ends with) a query word, also with a plural `s`.
    func isQueryWord(_ part: Range<Int>, suffixOnly: Bool) -> Bool {
        guard !part.isEmpty else { return false }
        if matchesQueryWord(part, suffixOnly: suffixOnly) { return true }
        let last = part.upperBound - 1
        return folded(bytes[last]) == ascii("s")
            && matchesQueryWord(part.lowerBound..<last, suffixOnly: suffixOnly)
    }

    /// Whether `part` is (or, with `suffixOnly`, ends with) one of `secretQueryWords`.
    func matchesQueryWord(_ part: Range<Int>, suffixOnly: Bool) -> Bool {
        for word in secretQueryWords where suffixOnly ? endsWith(part, word) : equals(part, word) {
            return true
        }
        return false
    }

    /// Whether `word` could be an HTTP authentication scheme: a letter, then letters, digits or `-`.
    func isSchemeWord(_ word: Range<Int>) -> Bool {
        guard isLetter(bytes[word.lowerBound]) else { return false }
        for k in word where !isAlnum(bytes[k]) && bytes[k] != ascii("-") {
            return false
        }
        return true
    }

    /// Whether `word` is all lowercase ASCII letters.
    func isLowercaseWord(_ word: Range<Int>) -> Bool {
        for k in word where !(ascii("a")...ascii("z")).contains(bytes[k]) {
            return false
        }
        return true
    }
}

@inline(__always) private func ascii(_ scalar: Unicode.Scalar) -> UInt8 {
    UInt8(ascii: scalar)
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool {
    c &- 0x30 < 10
}

@inline(__always) private func isUpper(_ c: UInt8) -> Bool {
    c &- 0x41 < 26
}

@inline(__always) private func isLetter(_ c: UInt8) -> Bool {
    (c | 0x20) &- 0x61 < 26
}

@inline(__always) private func isAlnum(_ c: UInt8) -> Bool {
    isLetter(c) || isDigit(c)
}

@inline(__always) private func isUpperAlnum(_ c: UInt8) -> Bool {
    isUpper(c) || isDigit(c)
}

/// `[A-Za-z0-9_]`, the body of a `github_pat_` token.
@inline(__always) private func isWordByte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x5F
}

/// `[A-Za-z0-9_-]`, the body of an `sk-` key.
@inline(__always) private func isKeyByte(_ c: UInt8) -> Bool {
    isWordByte(c) || c == 0x2D
}

/// `[A-Za-z0-9-]`, the body of a Slack token.
@inline(__always) private func isSlackByte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2D
}

/// `[A-Za-z0-9_.-]`, the bytes of an assignment, flag, header or parameter name.
@inline(__always) private func isNameByte(_ c: UInt8) -> Bool {
    isKeyByte(c) || c == 0x2E
}

/// `[A-Za-z0-9/+]`, the bytes of an AWS secret access key.
@inline(__always) private func isAWSSecretByte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2F || c == 0x2B
}

/// The RFC 7235 token68 bytes of a bearer credential.
@inline(__always) private func isToken68Byte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E || c == 0x2B || c == 0x2F || c == 0x3D
}

/// The kind letter of a GitHub token: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`.
@inline(__always) private func isGitHubKind(_ c: UInt8) -> Bool {
    c == 0x70 || c == 0x6F || c == 0x75 || c == 0x73 || c == 0x72
}

/// The kind letter of a Slack token: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`.
@inline(__always) private func isSlackKind(_ c: UInt8) -> Bool {
    c == 0x62 || c == 0x70 || c == 0x61 || c == 0x72 || c == 0x73
}

/// `-`, `<`, `>`, `|`, `&`, `;`, `(`, `)`: bytes that start a flag or a shell operator, not a flag's value.
@inline(__always) private func isFlagOrOperator(_ c: UInt8) -> Bool {
    c == 0x2D || c == 0x3C || c == 0x3E || c == 0x7C || c == 0x26 || c == 0x3B || c == 0x28 || c == 0x29
}

@inline(__always) private func isBlank(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09
}

@inline(__always) private func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c &- 0x09 < 5
}

@inline(__always) private func isQuote(_ c: UInt8) -> Bool {
    c == 0x22 || c == 0x27 || c == 0x60
}

/// Lowercases an ASCII letter and reads `-` as `_`, for comparing names.
@inline(__always) private func folded(_ c: UInt8) -> UInt8 {
    if isUpper(c) { return c | 0x20 }
    return c == 0x2D ? 0x5F : c
}
