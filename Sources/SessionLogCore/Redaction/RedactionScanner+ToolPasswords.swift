/// What to mask in an argument that a flag said is a password.
enum ToolValue {
    /// The whole argument: `sshpass -p X`.
    case whole
    /// What follows the first `separator`: `curl -u user:X`, `smbclient -U user%X`, `--from-literal=k=X`.
    case after(UInt8)
}

/// Reading a tool's arguments up to the end of its simple command, and queueing its passwords.
extension RedactionScanner {
    /// Queues the passwords in the arguments of `tool`, which start after `nameEnd`.
    mutating func findToolPasswords(_ tool: PasswordTool, from nameEnd: Int) {
        var k = nameEnd
        var expected: ToolValue? = nil
        var sawLogin = false
        var sawSecret = false
        var positionals = 0
        var batch = false
        var noFile = false
        var skipsNext = false
        while let word = nextWord(from: &k) {
            if let value = expected {
                expected = nil
                if bytes[word.lowerBound] != ascii("-") {
                    queueValue(word, value)
                    continue
                }
            }
            if skipsNext {
                skipsNext = false
                continue
            }
            switch tool {
            case .mysql, .sevenZip:
                // Only the attached form is a password: `mysql -p db` asks for one and opens `db`.
                if let value = attached(word, "-p") { queueValue(value, .whole) }
            case .curl:
                if isWord(word, "-u") || isWord(word, "--user") || isWord(word, "-U")
                    || isWord(word, "--proxy-user")
                {
                    expected = .after(ascii(":"))
                } else if let value = attached(word, "-u") ?? attached(word, "--user=") {
                    queueValue(value, .after(ascii(":")))
                }
            case .sshpass, .mongo:
                if isWord(word, "-p") {
                    expected = .whole
                } else if let value = attached(word, "-p") {
                    queueValue(value, .whole)
                }
            case .registryLogin:
                if isWord(word, "login") { sawLogin = true }
                if sawLogin, isWord(word, "-p") {
                    expected = .whole
                } else if sawLogin, let value = attached(word, "-p") {
                    queueValue(value, .whole)
                }
            case .redisCLI:
                if isWord(word, "-a") {
                    expected = .whole
                } else if let value = attached(word, "-a") {
                    queueValue(value, .whole)
                }
            case .zip:
                if isWord(word, "-P") { expected = .whole }
            case .ldap:
                if isWord(word, "-w") {
                    expected = .whole
                } else if let value = attached(word, "-w") {
                    queueValue(value, .whole)
                }
            case .sqlcmd:
                if isWord(word, "-P") {
                    expected = .whole
                } else if let value = attached(word, "-P") {
                    queueValue(value, .whole)
                }
            case .smbclient:
                if isWord(word, "-U") || isWord(word, "--user") {
                    expected = .after(ascii("%"))
                } else if let value = attached(word, "-U") ?? attached(word, "--user=") {
                    queueValue(value, .after(ascii("%")))
                }
            case .openssl:
                if isWord(word, "-k") { expected = .whole }
            case .gh:
                if isWord(word, "secret") { sawSecret = true }
                guard sawSecret else { break }
                if isWord(word, "-b") || isWord(word, "--body") {
                    expected = .whole
                } else if let value = attached(word, "--body=") ?? attached(word, "-b") {
                    queueValue(value, .whole)
                }
            case .kubectl:
                if isWord(word, "secret") { sawSecret = true }
                guard sawSecret else { break }
                if isWord(word, "--from-literal") {
                    expected = .after(ascii("="))
                } else if let value = attached(word, "--from-literal=") {
                    queueValue(value, .after(ascii("=")))
                }
            case .htpasswd:
                // `htpasswd -b[c] FILE USER PASSWORD`, `htpasswd -nb USER PASSWORD`; `-C` takes a cost.
                if bytes[word.lowerBound] == ascii("-"), word.count > 1 {
                    for j in (word.lowerBound + 1)..<word.upperBound {
                        if bytes[j] == ascii("b") { batch = true }
                        if bytes[j] == ascii("n") { noFile = true }
                        if bytes[j] == ascii("C") { skipsNext = true }
                    }
                } else {
                    positionals += 1
                    if batch, positionals == (noFile ? 2 : 3) { queueValue(word, .whole) }
                }
            }
        }
    }

    /// Queues the part of `word` that `value` says is secret, inside its quotes, unless it is a variable.
    mutating func queueValue(_ word: Range<Int>, _ value: ToolValue) {
        var inner = unquoted(word)
        if case .after(let separator) = value {
            var k = inner.lowerBound
            while k < inner.upperBound, bytes[k] != separator {
                k += 1
            }
            guard k < inner.upperBound else { return }
            inner = (k + 1)..<inner.upperBound
        }
        guard !inner.isEmpty, !keepsValue(at: inner.lowerBound, strength: .strong) else { return }
        addPending(inner)
    }

    /// The next shell word of the simple command from `k`, moving `k` past it; nil at the command's end
    /// (`;`, `|`, `&`, `)`, a newline or the end of the text).
    func nextWord(from k: inout Int) -> Range<Int>? {
        let n = bytes.count
        while k < n {
            if isBlank(bytes[k]) {
                k += 1
            } else if bytes[k] == ascii("\\"), k + 1 < n, bytes[k + 1] == ascii("\n") {
                k += 2
            } else {
                break
            }
        }
        guard k < n, !endsCommand(bytes[k]) else { return nil }
        let start = k
        while k < n {
            let c = bytes[k]
            if isSpace(c) || endsCommand(c) { break }
            if c == ascii("\"") || c == ascii("'") {
                k = (closingQuote(c, from: k + 1) ?? n - 1) + 1
            } else {
                k += c == ascii("\\") ? 2 : 1
            }
        }
        k = min(k, n)
        return start..<k
    }

    /// The inside of `word` when it is one quoted string, else `word`; an unclosed quote is dropped.
    func unquoted(_ word: Range<Int>) -> Range<Int> {
        guard let first = word.first.map({ bytes[$0] }), first == ascii("\"") || first == ascii("'") else {
            return word
        }
        let last = bytes[word.upperBound - 1]
        if word.count >= 2, last == first { return (word.lowerBound + 1)..<(word.upperBound - 1) }
        return (word.lowerBound + 1)..<word.upperBound
    }

    /// Whether `word` is exactly `flag`.
    func isWord(_ word: Range<Int>, _ flag: StaticString) -> Bool {
        word.count == flag.utf8CodeUnitCount && has(flag, at: word.lowerBound)
    }

    /// The rest of `word` after `flag` when `word` starts with it and goes on: `-pSECRET`, `--user=a:b`.
    func attached(_ word: Range<Int>, _ flag: StaticString) -> Range<Int>? {
        let count = flag.utf8CodeUnitCount
        guard word.count > count, has(flag, at: word.lowerBound) else { return nil }
        return (word.lowerBound + count)..<word.upperBound
    }
}

/// `;`, `|`, `&`, `)`, a newline: the end of a simple command.
@inline(__always) private func endsCommand(_ c: UInt8) -> Bool {
    c == 0x3B || c == 0x7C || c == 0x26 || c == 0x29 || c == 0x0A
}
