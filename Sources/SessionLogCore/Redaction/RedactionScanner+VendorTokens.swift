/// Tokens that say what they are. The scanner only looks here at the start of a word, and each rule
/// compares a byte or two before giving up, so ordinary text costs a `switch` and a table look-up a word.
extension RedactionScanner {
    /// The range to mask for a token, webhook secret or private key starting at `i`, or nil.
    func vendorToken(at i: Int) -> Range<Int>? {
        let c = bytes[i]
        if c == ascii("-") { return privateKeyBody(at: i) }
        if c == ascii("p"), let password = opensslPassword(at: i) { return password }
        // Every token below is at least 15 bytes of these: most words are shorter and stop here.
        var end = i
        while end < bytes.count, end - i < 15, isTokenByte(bytes[end]) {
            end += 1
        }
        guard end - i >= 15 else { return nil }
        switch c {
        case ascii("0")...ascii("9"):
            return telegramToken(from: i)
        case ascii("A"):
            if let end = awsKeyID(at: i) { return i..<end }
        case ascii("b"):
            // `https://api.telegram.org/bot123456:AA…/sendMessage`
            if has("bot", at: i) { return telegramToken(from: i + 3) }
            return nil
        case ascii("e"):
            return jsonWebToken(at: i)
        case ascii("g"):
            if has("github_pat_", at: i) {
                return run(from: i + 11, atLeast: 20, of: isWordByte).map { i..<$0 }
            }
            if has("gh", at: i), i + 3 < bytes.count, isGitHubKind(bytes[i + 2]), bytes[i + 3] == ascii("_") {
                return run(from: i + 4, atLeast: 20, of: isAlnum).map { i..<$0 }
            }
        case ascii("x"):
            if has("xox", at: i), i + 4 < bytes.count, isSlackKind(bytes[i + 3]), bytes[i + 4] == ascii("-") {
                return run(from: i + 5, atLeast: 10, of: isSlackByte).map { i..<$0 }
            }
        default:
            break
        }
        guard c < 0x80 else { return nil }
        let first = VendorTokenRule.firstRule[Int(c)]
        let last = VendorTokenRule.firstRule[Int(c) + 1]
        guard first < last else { return nil }
        for index in first..<last {
            if let range = match(VendorTokenRule.all[index], at: i) { return range }
        }
        return nil
    }

    /// The range `rule` masks at `i`, or nil when its prefix or body is not there.
    func match(_ rule: VendorTokenRule, at i: Int) -> Range<Int>? {
        guard has(rule.prefix, at: i) else { return nil }
        let start = i + rule.prefix.utf8CodeUnitCount
        var end = start
        while end < bytes.count, rule.body.contains(bytes[end]) {
            end += 1
        }
        switch rule.length {
        case .atLeast:
            return end - start >= rule.minimum ? i..<end : nil
        case .exactly:
            guard end - start == rule.minimum, end == bytes.count || !isAlnum(bytes[end]) else { return nil }
            return i..<end
        case .pathAfterPrefix:
            return end - start >= rule.minimum ? start..<end : nil
        }
    }

    /// The end of an AWS access key id (`AKIA`, `ASIA`, `AGPA`, `AIDA`, `AROA`, `ABIA`, `ACCA` and 16
    /// uppercase letters or digits) at `i`.
    func awsKeyID(at i: Int) -> Int? {
        let end = i + 20
        guard end <= bytes.count else { return nil }
        guard
            has("AKIA", at: i) || has("ASIA", at: i) || has("AGPA", at: i) || has("AIDA", at: i)
                || has("AROA", at: i) || has("ABIA", at: i) || has("ACCA", at: i)
        else { return nil }
        for k in (i + 4)..<end where !isUpperAlnum(bytes[k]) {
            return nil
        }
        return end == bytes.count || !isAlnum(bytes[end]) ? end : nil
    }

    /// A JSON Web Token, `eyJ….eyJ….sig` (the signature may be empty), or a Grafana `eyJrIjoi…` key.
    func jsonWebToken(at i: Int) -> Range<Int>? {
        guard has("eyJ", at: i) else { return nil }
        if has("eyJrIjoi", at: i), let grafana = run(from: i + 8, atLeast: 40, of: isAlnum),
            grafana == bytes.count || bytes[grafana] != ascii(".")
        {
            return i..<grafana
        }
        guard let header = run(from: i + 3, atLeast: 10, of: isKeyByte), header < bytes.count,
            bytes[header] == ascii("."), let payload = run(from: header + 1, atLeast: 10, of: isKeyByte)
        else { return nil }
        guard payload < bytes.count, bytes[payload] == ascii(".") else { return i..<payload }
        var end = payload + 1
        while end < bytes.count, isKeyByte(bytes[end]) || bytes[end] == ascii("=") {
            end += 1
        }
        return i..<end
    }

    /// A Telegram bot token, `123456789:AA…` (5 to 16 digits, a colon, `AA` and at least 30 more bytes).
    func telegramToken(from i: Int) -> Range<Int>? {
        guard let digits = run(from: i, atLeast: 5, of: isDigit), digits - i <= 16, digits + 3 < bytes.count,
            bytes[digits] == ascii(":"), bytes[digits + 1] == ascii("A"), bytes[digits + 2] == ascii("A")
        else { return nil }
        return run(from: digits + 3, atLeast: 30, of: isKeyByte).map { i..<$0 }
    }

    /// The password of OpenSSL's `pass:PASSWORD` argument (`-passin pass:x`, `-passout pass:x`).
    func opensslPassword(at i: Int) -> Range<Int>? {
        guard has("pass:", at: i) else { return nil }
        let before = previous(i)
        guard isBlank(before) || isQuote(before) || before == ascii("=") else { return nil }
        let start = i + 5
        let end = unquotedEnd(from: start, ending: .shell)
        return end > start ? start..<end : nil
    }

    /// The body of a `-----BEGIN … PRIVATE KEY-----` block up to its `-----END`, or to the end of the text
    /// when the block was cut; the header and footer stay, so the log still says a key was written.
    func privateKeyBody(at i: Int) -> Range<Int>? {
        guard has("-----BEGIN ", at: i) else { return nil }
        var k = i + 11
        var sawPrivateKey = false
        while k < bytes.count, k - i < 100,
            isUpperAlnum(bytes[k]) || isBlank(bytes[k]) || bytes[k] == ascii("_")
        {
            if bytes[k] == ascii("P"), has("PRIVATE KEY", at: k) { sawPrivateKey = true }
            k += 1
        }
        guard sawPrivateKey, has("-----", at: k) else { return nil }
        let start = k + 5
        var end = start
        while end < bytes.count, !has("-----END", at: end) {
            end += 1
        }
        return end > start ? start..<end : nil
    }
}
