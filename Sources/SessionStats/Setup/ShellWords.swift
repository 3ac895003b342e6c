/// Just enough shell word handling to write a path into a hook command and to read one back.
public enum ShellWords {
    /// `path` as one shell word: unchanged when it holds only safe characters, else single-quoted
    /// (after a leading `~/`, which must stay unquoted to expand).
    public static func quoted(_ path: String) -> String {
        if path.unicodeScalars.allSatisfy(isSafe) && !path.isEmpty { return path }
        if path.hasPrefix("~/") { return "~/" + quoted(String(path.dropFirst(2))) }
        return "'" + path.replacing("'", with: "'\\''") + "'"
    }

    /// The file name of the program a shell command runs: its first word that is not a
    /// `NAME=value` assignment, unquoted, after the last `/`; nil for an empty command.
    public static func programName(of command: String) -> String? {
        for word in words(of: command) where !isAssignment(word.raw) {
            let text = word.text
            if let slash = text.lastIndex(of: "/") { return String(text[text.index(after: slash)...]) }
            return text
        }
        return nil
    }

    /// The words of `command` split on unquoted blanks, raw and with quotes and backslashes removed.
    ///
    /// Stops at the first unquoted `;`, `|`, `&` or newline, since only the first command matters.
    static func words(of command: String) -> [(raw: String, text: String)] {
        var words: [(raw: String, text: String)] = []
        var raw = ""
        var text = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                raw.append(character)
                text.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                raw.append(character)
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    text.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t":
                if inWord { words.append((raw, text)) }
                raw = ""
                text = ""
                inWord = false
            case ";", "|", "&", "\n":
                if inWord { words.append((raw, text)) }
                return words
            case "'", "\"":
                raw.append(character)
                quote = character
                inWord = true
            case "\\":
                raw.append(character)
                escaped = true
                inWord = true
            default:
                raw.append(character)
                text.append(character)
                inWord = true
            }
        }
        if inWord { words.append((raw, text)) }
        return words
    }

    /// Whether a raw word is a `NAME=value` assignment that sets a variable for the command after it.
    static func isAssignment(_ word: String) -> Bool {
        let name = word.prefix { $0 != "=" }
        guard name.count < word.count, let first = name.first,
            first == "_" || (first.isASCII && first.isLetter)
        else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "_", "-", "+", "~", "@", "%", ":", ",", "=": true
        default: false
        }
    }
}
