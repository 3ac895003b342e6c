/// Splits shell text into pipelines of simple commands in one pass over its bytes (see `ShellScript`).
///
/// It follows POSIX quoting and the operators that separate commands; it does not expand
/// variables, globs or aliases, and it never fails: whatever it cannot make sense of becomes words.
struct ShellScriptParser {
    private let bytes: [UInt8]
    private var index = 0
    private var pipelines: [ShellScript.Pipeline] = []
    private var pipeline: [ShellScript.SimpleCommand] = []
    private var command = ShellScript.SimpleCommand()
    private var word: [UInt8] = []
    // A word has begun, even an empty one such as "".
    private var inWord = false
    // The word so far is unquoted digits, so `2>` redirects file descriptor 2.
    private var wordIsDigits = true
    private var redirectionPending = false
    // Whether the pending redirection writes to its target.
    private var redirectionWrites = false
    // Set after `<<` or `<<-` (true: leading tabs are stripped) until its delimiter word is read.
    private var heredocPending: Bool?
    private var heredocs: [(delimiter: [UInt8], stripsTabs: Bool)] = []

    /// Creates a parser of `bytes`.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses all of the text.
    mutating func parse() -> [ShellScript.Pipeline] {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case Byte.space, Byte.tab, Byte.carriageReturn:
                finishWord()
                index += 1
            case Byte.newline:
                endPipeline()
                index += 1
                skipHeredocBodies()
            case Byte.backslash:
                if index + 1 < bytes.count && bytes[index + 1] == Byte.newline {
                    index += 2
                } else if index + 1 < bytes.count {
                    append(bytes[index + 1], digit: false)
                    index += 2
                } else {
                    append(byte, digit: false)
                    index += 1
                }
            case Byte.singleQuote:
                beginQuoted()
                index += 1
                while index < bytes.count && bytes[index] != Byte.singleQuote {
                    word.append(bytes[index])
                    index += 1
                }
                index += 1
            case Byte.quote: readDoubleQuoted()
            case Byte.backtick: readBacktick()
            case Byte.dollar where index + 1 < bytes.count && bytes[index + 1] == Byte.openParen:
                readDollarParen()
            case Byte.hash where !inWord:
                while index < bytes.count && bytes[index] != Byte.newline { index += 1 }
            case Byte.pipe:
                finishWord()
                if next(is: Byte.pipe) {
                    endPipeline()
                    index += 2
                } else {
                    endCommand()
                    index += next(is: Byte.ampersand) ? 2 : 1
                }
            case Byte.ampersand:
                if next(is: Byte.greater) {
                    finishWord()
                    index += 1
                    readRedirection()
                } else {
                    endPipeline()
                    index += next(is: Byte.ampersand) ? 2 : 1
                }
            case Byte.semicolon, Byte.openParen, Byte.closeParen:
                endPipeline()
                index += 1
            case Byte.less, Byte.greater:
                if next(is: Byte.openParen) && !inWord {
                    readProcessSubstitution()
                } else {
                    if inWord && wordIsDigits && !word.isEmpty {
                        resetWord()
                    } else {
                        finishWord()
                    }
                    readRedirection()
                }
            default:
                append(byte, digit: Byte.isDigit(byte))
                index += 1
            }
        }
        endPipeline()
        return pipelines
    }

    private func next(is byte: UInt8) -> Bool { index + 1 < bytes.count && bytes[index + 1] == byte }

    private mutating func append(_ byte: UInt8, digit: Bool) {
        inWord = true
        if !digit { wordIsDigits = false }
        word.append(byte)
    }

    private mutating func beginQuoted() {
        inWord = true
        wordIsDigits = false
    }

    private mutating func readDoubleQuoted() {
        beginQuoted()
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case Byte.quote:
                index += 1
                return
            case Byte.backslash where index + 1 < bytes.count:
                let escaped = bytes[index + 1]
                switch escaped {
                case Byte.newline: break
                case Byte.dollar, Byte.backtick, Byte.quote, Byte.backslash: word.append(escaped)
                default: word.append(contentsOf: [byte, escaped])
                }
                index += 2
            case Byte.dollar where next(is: Byte.openParen): readDollarParen()
            case Byte.backtick: readBacktick()
            default:
                word.append(byte)
                index += 1
            }
        }
    }

    /// `$( … )`, `$(( … ))` included: the text up to the matching parenthesis.
    private mutating func readDollarParen() {
        let start = index + 2
        index = start
        let end = skipToClosingParenthesis()
        substitution(prefix: [Byte.dollar, Byte.openParen], body: start..<end)
    }

    /// `<( … )` or `>( … )`.
    private mutating func readProcessSubstitution() {
        let opener = bytes[index]
        let start = index + 2
        index = start
        let end = skipToClosingParenthesis()
        substitution(prefix: [opener, Byte.openParen], body: start..<end)
    }

    private mutating func readBacktick() {
        let start = index + 1
        index = start
        while index < bytes.count && bytes[index] != Byte.backtick {
            index += bytes[index] == Byte.backslash ? 2 : 1
        }
        let end = min(index, bytes.count)
        index = min(index + 1, bytes.count)
        substitution(prefix: [Byte.backtick], body: start..<end)
    }

    /// Moves past the `)` that closes the parenthesis before `index`, skipping quoted text;
    /// returns where the body ends.
    private mutating func skipToClosingParenthesis() -> Int {
        var depth = 1
        while index < bytes.count {
            switch bytes[index] {
            case Byte.openParen: depth += 1
            case Byte.closeParen:
                depth -= 1
                if depth == 0 {
                    index += 1
                    return index - 1
                }
            case Byte.singleQuote:
                index += 1
                while index < bytes.count && bytes[index] != Byte.singleQuote { index += 1 }
            case Byte.quote:
                index += 1
                while index < bytes.count && bytes[index] != Byte.quote {
                    index += bytes[index] == Byte.backslash ? 2 : 1
                }
            case Byte.backslash: index += 1
            default: break
            }
            index += 1
        }
        index = bytes.count
        return bytes.count
    }

    private mutating func substitution(prefix: [UInt8], body: Range<Int>) {
        let text = bytes[body]
        inWord = true
        wordIsDigits = false
        word.append(contentsOf: prefix)
        word.append(contentsOf: text)
        word.append(prefix == [Byte.backtick] ? Byte.backtick : Byte.closeParen)
        command.substitutions.append(String(decoding: text, as: UTF8.self))
    }

    /// Reads a redirection operator at `index` (`>`, `>>`, `<`, `>&`, `<<`, `<<-`, `<<<`, `>|`, …);
    /// the next word is its target, or a heredoc's delimiter.
    private mutating func readRedirection() {
        if bytes[index] == Byte.less && next(is: Byte.less)
            && !(index + 2 < bytes.count && bytes[index + 2] == Byte.less)
        {
            index += 2
            let stripsTabs = index < bytes.count && bytes[index] == Byte.minus
            if stripsTabs { index += 1 }
            heredocPending = stripsTabs
            return
        }
        redirectionWrites = false
        while index < bytes.count,
            bytes[index] == Byte.less || bytes[index] == Byte.greater || bytes[index] == Byte.ampersand
                || bytes[index] == Byte.pipe
        {
            if bytes[index] == Byte.greater { redirectionWrites = true }
            index += 1
        }
        redirectionPending = true
    }

    /// Drops the lines of the heredocs opened on the line just ended, up to their delimiters.
    private mutating func skipHeredocBodies() {
        for heredoc in heredocs {
            while index < bytes.count {
                var lineEnd = index
                while lineEnd < bytes.count && bytes[lineEnd] != Byte.newline { lineEnd += 1 }
                var lineStart = index
                if heredoc.stripsTabs {
                    while lineStart < lineEnd && bytes[lineStart] == Byte.tab { lineStart += 1 }
                }
                index = min(lineEnd + 1, bytes.count)
                if bytes[lineStart..<lineEnd].elementsEqual(heredoc.delimiter) { break }
            }
        }
        heredocs = []
    }

    private mutating func resetWord() {
        word = []
        inWord = false
        wordIsDigits = true
    }

    private mutating func finishWord() {
        guard inWord else { return }
        if let stripsTabs = heredocPending {
            heredocs.append((word, stripsTabs))
            heredocPending = nil
        } else if redirectionPending {
            let target = String(decoding: word, as: UTF8.self)
            command.redirectionTargets.append(target)
            if redirectionWrites { command.outputTargets.append(target) }
            redirectionPending = false
        } else {
            command.words.append(String(decoding: word, as: UTF8.self))
        }
        resetWord()
    }

    private mutating func endCommand() {
        finishWord()
        redirectionPending = false
        if !command.isEmpty { pipeline.append(command) }
        command = ShellScript.SimpleCommand()
    }

    private mutating func endPipeline() {
        endCommand()
        heredocPending = nil
        if !pipeline.isEmpty { pipelines.append(ShellScript.Pipeline(commands: pipeline)) }
        pipeline = []
    }
}

private enum Byte {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let singleQuote = UInt8(ascii: "'")
    static let backtick = UInt8(ascii: "`")
    static let dollar = UInt8(ascii: "$")
    static let hash = UInt8(ascii: "#")
    static let pipe = UInt8(ascii: "|")
    static let ampersand = UInt8(ascii: "&")
    static let semicolon = UInt8(ascii: ";")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let minus = UInt8(ascii: "-")

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
