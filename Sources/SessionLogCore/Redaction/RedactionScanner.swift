let maskBytes = Array(Redactor.mask.utf8)

/// Assignment and `--flag` names are secret when they end with one of these words, case-insensitively,
/// with `-` read as `_`: `GITHUB_TOKEN`, `--api-key`, `db.password`, `aws_secret_access_key`, `FOOTOKEN`.
let secretNameSuffixes: [StaticString] = [
    "token", "secret", "password", "passwd", "apikey", "api_key", "secret_key", "secret_access_key",
    "private_key", "privatekey", "accountkey", "sharedaccesskey", "_credentials", "_credential", "passphrase",
]

/// Weaker name suffixes (`DB_PASS`, `GITHUB_PAT`, `NPM_AUTH`, `STRIPE_KEY`, `DB_PWD`): they need a word
/// before them (`--key` alone is a file or a lookup key), and a value that is a path (`/`, `~`, `.`) or a
/// number of one or two digits (`ffmpeg -pass 1`) is kept.
let weakSecretNameSuffixes: [StaticString] = ["_key", "_pass", "_pwd", "_pat", "_auth", "_creds"]

/// Names ending in `_key` that name a lookup key, a public key or a key's id rather than a secret.
let nonSecretKeyNames: [StaticString] = [
    "public_key", "primary_key", "sort_key", "partition_key", "foreign_key", "hash_key", "range_key",
    "cache_key", "idempotency_key", "recv_key", "object_key", "row_key", "group_key", "lookup_key",
    "index_key", "bucket_key", "dedup_key", "routing_key", "composite_key", "unique_key", "search_key",
    "kms_key", "map_key", "sign_key", "signing_key", "s3_key", "pub_key", "host_key", "gpg_key",
]

/// Header names (`name: value`) are secret when they end with one of these words, so `X-Api-Key`,
/// `PRIVATE-TOKEN` and `X-Vault-Token` are masked but a commit message like `"token: fix expiry"` is not.
let secretHeaderSuffixes: [StaticString] = [
    "api_key", "apikey", "_token", "_secret", "_password", "_passwd",
]

/// URL query and form parameter names are secret when the name ends with one of these words, or its last
/// part is one (parts are split at `_`, `-`, `.` and lower-to-upper camel humps), ignoring a plural `s`:
/// `access_token`, `api_key`, `apikey`, `sessionToken`, `X-Amz-Signature`, `sig` and `client_secret` are
/// masked while `keyboard`, `author`, `sig_figs`, `token_type` and `page` are kept (the suffix rule does
/// mask `monkey`).
let secretQueryWords: [StaticString] = [
    "token", "key", "secret", "password", "passwd", "signature", "sig", "auth", "authorization",
    "credential",
]

/// Words that make a query parameter secret only as its last part: `jwt`, `id_jwt`, `pass`, `db-pwd`.
let secretQueryParts: [StaticString] = ["jwt", "pass", "pwd", "passphrase", "otp"]

/// Whole query parameter names that carry a one-time credential: OAuth's `code` (not `country_code`).
let secretQueryNames: [StaticString] = [
    "code", "auth_code", "authcode", "authorization_code", "device_code", "oauth_verifier", "ticket",
]

/// `Authorization` schemes whose credentials are a single token.
let singleTokenSchemes: [StaticString] = ["bearer", "basic", "token", "negotiate", "ntlm"]

/// `Authorization` schemes whose credentials are a list of parameters that may contain spaces and quotes.
let parameterSchemes: [StaticString] = ["digest", "aws4-hmac-sha256"]

/// Where an unquoted value stops, which depends on the syntax it was found in.
enum Ending {
    /// A shell word: `FOO_TOKEN=v`, `--password v`, `x-api-key: v`.
    case shell
    /// A URL query or form value: `?token=v&page=2`.
    case query
    /// A JSON or Python literal: `{"password": v}`.
    case json
}

/// One forward pass over UTF-8 bytes that copies them to `out` only once the first secret is found.
struct RedactionScanner {
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
    // Values a tool's arguments say are passwords (`mysql -pX`, `curl -u user:X`), found at the tool's name
    // and masked, in order, when the scan reaches them; `nextPending` is the first one's start.
    var pending: [Range<Int>] = []
    var pendingHead = 0
    var nextPending = Int.max

    /// Returns the redacted `bytes`, or `nil` when they hold no secret.
    static func redact(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var scanner = RedactionScanner(bytes: bytes)
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
            if i >= nextPending, let resume = takePending(at: i) {
                i = resume
                continue
            }
            let c = bytes[i]
            let before = previous(i)
            if isAlnum(c), isAlnum(before) {
                // Nothing starts inside a run of letters and digits, which is most of any text.
                i += 1
                while i < n, i < nextPending, isAlnum(bytes[i]) {
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

    /// Masks the pending value that starts at `i` and returns its end; drops those an earlier mask covered.
    mutating func takePending(at i: Int) -> Int? {
        while pendingHead < pending.count, pending[pendingHead].lowerBound <= i {
            let range = pending[pendingHead]
            pendingHead += 1
            nextPending = pendingHead < pending.count ? pending[pendingHead].lowerBound : Int.max
            if range.lowerBound == i {
                replace(range)
                return range.upperBound
            }
        }
        return nil
    }

    /// Queues `range` to be masked when the scan reaches it, unless it overlaps one already queued.
    mutating func addPending(_ range: Range<Int>) {
        guard !range.isEmpty, range.lowerBound >= copied,
            range.lowerBound >= (pending.last?.upperBound ?? 0)
        else { return }
        if pendingHead == pending.count { nextPending = range.lowerBound }
        pending.append(range)
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

    /// Masks a self-identifying vendor token, a webhook URL's secret path or a private key's body at `i`.
    mutating func token(at i: Int) -> Int? {
        guard let range = vendorToken(at: i) else { return nil }
        replace(range)
        return range.upperBound
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
            if before == ascii("?") || before == ascii("&") || before == ascii("#") {
                return isQueryKey(name) ? maskValue(from: end + 1, ending: .query) : nil
            }
            guard let strength = secretStrength(name) else { return nil }
            return maskValue(from: end + 1, ending: .shell, strength: strength)
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
            // `password: v` on a line of its own is YAML or a config file written through a heredoc, and
            // `{privateKey: "v"}` a JavaScript or YAML literal; prose (`token: fix expiry`) has neither.
            let value = skipBlanks(end + 1)
            if (before != ascii("{") && startsLine(name.lowerBound)) || (value < n && isQuote(bytes[value])),
                let strength = secretStrength(name)
            {
                return maskValue(from: skipBlanks(end + 1), ending: .shell, strength: strength)
            }
            return awsSecret(name, after: end)
        case ascii(" "), ascii("\t"):
            if bytes[start] == ascii("-") {
                guard let strength = secretStrength(name) else { return nil }
                return flagValue(from: end, strength: strength)
            }
            if equals(name, "bearer") {
                return bareBearer(from: end)
            }
            if equals(name, "password"), isNetrcPassword(name.lowerBound) {
                return maskValue(from: skipBlanks(end), ending: .shell)
            }
            if let tool = PasswordTool(bytes, name) {
                findToolPasswords(tool, from: end)
                return nil
            }
            return awsSecret(name, after: end)
        case ascii("\""), ascii("'"), ascii("\\"):
            return jsonValue(name, after: before)
        default:
            return nil
        }
    }

    /// Masks the value of `--name v` or `-name v`, unless the next word is another flag.
    mutating func flagValue(from nameEnd: Int, strength: SecretStrength) -> Int? {
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
        return maskValue(from: v, ending: .shell, strength: strength)
    }

    /// Masks `"name": v` (also with `'` or `\"` quotes) when the name is a secret name or `authorization`.
    mutating func jsonValue(_ name: Range<Int>, after before: UInt8) -> Int? {
        let n = bytes.count
        guard before == ascii("\"") || before == ascii("'") else { return nil }
        var k = name.upperBound
        if bytes[k] == ascii("\\"), k + 1 < n { k += 1 }
        guard bytes[k] == before else { return nil }
        let strength = endsWith(name, "authorization") ? .strong : secretStrength(name)
        guard let strength else { return nil }
        k = skipBlanks(k + 1)
        guard k < n, bytes[k] == ascii(":") else { return nil }
        return maskValue(from: skipBlanks(k + 1), ending: .json, strength: strength)
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
    mutating func maskValue(from start: Int, ending: Ending, strength: SecretStrength = .strong) -> Int? {
        let n = bytes.count
        guard start < n else { return nil }
        var v = start
        let first = bytes[v]
        if ending != .query, keepsValue(at: first == ascii("\"") ? v + 1 : v, strength: strength) {
            return nil
        }
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

    /// Whether a query parameter name is secret under the `secretQueryWords`, `secretQueryParts` and
    /// `secretQueryNames` rules.
    func isQueryKey(_ name: Range<Int>) -> Bool {
        if endsWithAny(name, nonSecretKeyNames) { return false }
        if isQueryWord(name, suffixOnly: true) || equalsAny(name, secretQueryNames) { return true }
        let last = lastPart(of: name)
        if isQueryWord(last, suffixOnly: false) { return true }
        for word in secretQueryParts where equals(last, word) {
            return true
        }
        return false
    }

    /// The last part of a name, after its last `_`, `-` or `.` or its last lower-to-upper camel hump.
    func lastPart(of name: Range<Int>) -> Range<Int> {
        var k = name.upperBound - 1
        while k > name.lowerBound {
            let c = bytes[k]
            if c == ascii("_") || c == ascii("-") || c == ascii(".") { return (k + 1)..<name.upperBound }
            if isUpper(c), !isUpper(bytes[k - 1]) { return k..<name.upperBound }
            k -= 1
        }
        return name
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
