/// Turns the text of a user line into a title: what the user asked, without the tags Claude Code wraps
/// around commands, command output, notifications and IDE context.
enum PromptTitle {
    /// The longest title kept, in characters.
    static let maximumCharacters = 200

    /// The prompt on one line (`/name args` for a slash command); nil when the text is not something
    /// the user typed: command output, an interruption marker, a notification, only tags.
    static func of(_ text: String) -> String? {
        if text.hasPrefix("[Request interrupted") || text.hasPrefix("Caveat: ") { return nil }
        if let name = inner(text, tag: "command-name") {
            let arguments = inner(text, tag: "command-args") ?? ""
            let command = name.hasPrefix("/") ? name : "/" + name
            return clean(arguments.isEmpty ? command : command + " " + arguments)
        }
        return clean(strippingTags(text))
    }

    // Whitespace runs become one space; nil when nothing is left.
    private static func clean(_ text: String) -> String? {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if result.count + (pendingSpace ? 1 : 0) >= maximumCharacters { break }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        return result.isEmpty ? nil : result
    }

    // The text between `<tag>` and `</tag>`.
    private static func inner(_ text: String, tag: String) -> String? {
        guard let open = text.firstRange(of: "<" + tag + ">"),
            let close = text[open.upperBound...].firstRange(of: "</" + tag + ">")
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    // Removes every `<tag …>…</tag>` block whose tag is a lowercase name (`system-reminder`,
    // `ide_opened_file`, `local-command-stdout`), so only the user's own words are left.
    private static func strippingTags(_ text: String) -> String {
        var result = Substring(text)
        var output = ""
        while let open = result.firstIndex(of: "<") {
            let afterOpen = result.index(after: open)
            let name = result[afterOpen...].prefix { $0.isLowercase || $0 == "-" || $0 == "_" || $0.isNumber }
            let nameEnd = name.endIndex
            guard !name.isEmpty, nameEnd < result.endIndex, result[nameEnd] == ">" || result[nameEnd] == " ",
                let close = result[nameEnd...].firstRange(of: "</" + name + ">")
            else {
                output += result[..<afterOpen]
                result = result[afterOpen...]
                continue
            }
            output += result[..<open]
            result = result[close.upperBound...]
        }
        return output + result
    }
}
