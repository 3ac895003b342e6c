import SessionLogCore

/// The keys `UsageLineDecoder` reads, in the order the ledger's writer puts them
/// (`UsageRecord.ledgerLine`), so that a line's next key can be guessed and checked in place.
enum LedgerKey: Int {
    case version, timestamp, sessionID, project, cwd, model, messageID, requestID, input, output
    case cacheWrite5m, cacheWrite1h, cacheRead, webSearchRequests, speed, inferenceGeo, sidechain, agentID
    case toolUseIDs, cacheMiss, cacheMissedTokens
    case attributionSkill, attributionPlugin, attributionMCPServer, attributionMCPTool, attributionAgent
    case toolInputChars, textChars, thinkingChars, promptChars, resultIDs, resultChars, resultAgentIDs
    case compacted

    /// How many keys there are.
    static var count: Int { 34 }

    /// The key as written (`UsageKeys`).
    var text: StaticString {
        switch self {
        case .version: UsageKeys.version
        case .timestamp: UsageKeys.timestamp
        case .sessionID: UsageKeys.sessionID
        case .project: UsageKeys.project
        case .cwd: UsageKeys.cwd
        case .model: UsageKeys.model
        case .messageID: UsageKeys.messageID
        case .requestID: UsageKeys.requestID
        case .input: UsageKeys.input
        case .output: UsageKeys.output
        case .cacheWrite5m: UsageKeys.cacheWrite5m
        case .cacheWrite1h: UsageKeys.cacheWrite1h
        case .cacheRead: UsageKeys.cacheRead
        case .webSearchRequests: UsageKeys.webSearchRequests
        case .speed: UsageKeys.speed
        case .inferenceGeo: UsageKeys.inferenceGeo
        case .sidechain: UsageKeys.sidechain
        case .agentID: UsageKeys.agentID
        case .toolUseIDs: UsageKeys.toolUseIDs
        case .cacheMiss: UsageKeys.cacheMiss
        case .cacheMissedTokens: UsageKeys.cacheMissedTokens
        case .attributionSkill: UsageKeys.attributionSkill
        case .attributionPlugin: UsageKeys.attributionPlugin
        case .attributionMCPServer: UsageKeys.attributionMCPServer
        case .attributionMCPTool: UsageKeys.attributionMCPTool
        case .attributionAgent: UsageKeys.attributionAgent
        case .toolInputChars: UsageKeys.toolInputChars
        case .textChars: UsageKeys.textChars
        case .thinkingChars: UsageKeys.thinkingChars
        case .promptChars: UsageKeys.promptChars
        case .resultIDs: UsageKeys.resultIDs
        case .resultChars: UsageKeys.resultChars
        case .resultAgentIDs: UsageKeys.resultAgentIDs
        case .compacted: UsageKeys.compacted
        }
    }

    /// The key `token` of `scanner`'s bytes is, matched as written (an escaped key is none); nil
    /// for a key the decoder does not read.
    @inline(__always)
    init?(_ token: JSONStringToken, in scanner: JSONScanner) {
        // The key's length picks the few candidates to compare.
        switch token.end - token.start {
        case 1 where scanner.matches(token, UsageKeys.version): self = .version
        case 3 where scanner.matches(token, UsageKeys.cwd): self = .cwd
        case 5 where scanner.matches(token, UsageKeys.model): self = .model
        case 5 where scanner.matches(token, UsageKeys.input): self = .input
        case 5 where scanner.matches(token, UsageKeys.speed): self = .speed
        case 6 where scanner.matches(token, UsageKeys.output): self = .output
        case 7 where scanner.matches(token, UsageKeys.project): self = .project
        case 8 where scanner.matches(token, UsageKeys.agentID): self = .agentID
        case 9 where scanner.matches(token, UsageKeys.timestamp): self = .timestamp
        case 9 where scanner.matches(token, UsageKeys.sidechain): self = .sidechain
        case 9 where scanner.matches(token, UsageKeys.compacted): self = .compacted
        case 10 where scanner.matches(token, UsageKeys.sessionID): self = .sessionID
        case 10 where scanner.matches(token, UsageKeys.messageID): self = .messageID
        case 10 where scanner.matches(token, UsageKeys.requestID): self = .requestID
        case 10 where scanner.matches(token, UsageKeys.cacheRead): self = .cacheRead
        case 10 where scanner.matches(token, UsageKeys.cacheMiss): self = .cacheMiss
        case 10 where scanner.matches(token, UsageKeys.textChars): self = .textChars
        case 10 where scanner.matches(token, UsageKeys.resultIDs): self = .resultIDs
        case 12 where scanner.matches(token, UsageKeys.toolUseIDs): self = .toolUseIDs
        case 12 where scanner.matches(token, UsageKeys.promptChars): self = .promptChars
        case 12 where scanner.matches(token, UsageKeys.resultChars): self = .resultChars
        case 13 where scanner.matches(token, UsageKeys.inferenceGeo): self = .inferenceGeo
        case 14 where scanner.matches(token, UsageKeys.cacheWrite5m): self = .cacheWrite5m
        case 14 where scanner.matches(token, UsageKeys.cacheWrite1h): self = .cacheWrite1h
        case 14 where scanner.matches(token, UsageKeys.thinkingChars): self = .thinkingChars
        case 16 where scanner.matches(token, UsageKeys.resultAgentIDs): self = .resultAgentIDs
        case 16 where scanner.matches(token, UsageKeys.toolInputChars): self = .toolInputChars
        case 17 where scanner.matches(token, UsageKeys.attributionSkill): self = .attributionSkill
        case 17 where scanner.matches(token, UsageKeys.attributionAgent): self = .attributionAgent
        case 18 where scanner.matches(token, UsageKeys.attributionPlugin): self = .attributionPlugin
        case 19 where scanner.matches(token, UsageKeys.webSearchRequests): self = .webSearchRequests
        case 19 where scanner.matches(token, UsageKeys.cacheMissedTokens): self = .cacheMissedTokens
        case 20 where scanner.matches(token, UsageKeys.attributionMCPTool): self = .attributionMCPTool
        case 22 where scanner.matches(token, UsageKeys.attributionMCPServer): self = .attributionMCPServer
        default: return nil
        }
    }

    /// Each key as a line holds it (`"key":`), as words to compare eight bytes at a time: its first
    /// eight bytes (those of a shorter key under a mask that covers them), then the words that
    /// cover the rest, the last one overlapping.
    struct Patterns {
        fileprivate var heads: [UInt64] = []
        fileprivate var masks: [UInt64] = []
        /// The length of each key as written, quotes and colon included.
        fileprivate var lengths: [Int] = []
        /// Key i's words after its head are `words[first[i]..<first[i + 1]]`, each at its offset.
        fileprivate var first: [Int] = [0]
        fileprivate var offsets: [Int] = []
        fileprivate var words: [UInt64] = []

        /// The patterns of every key, by raw value.
        init() {
            for index in 0..<LedgerKey.count {
                let text = LedgerKey(rawValue: index).unsafelyUnwrapped.text
                let written =
                    [UInt8(ascii: "\"")]
                    + UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
                    + [UInt8(ascii: "\""), UInt8(ascii: ":")]
                func word(at offset: Int) -> (word: UInt64, mask: UInt64) {
                    var word: UInt64 = 0
                    var mask: UInt64 = 0
                    for (shift, byte) in written[offset..<min(offset + 8, written.count)].enumerated() {
                        word |= UInt64(byte) << (shift * 8)
                        mask |= 0xFF << (shift * 8)
                    }
                    return (word, mask)
                }
                let head = word(at: 0)
                heads.append(head.word)
                masks.append(head.mask)
                lengths.append(written.count)
                if written.count > 8 {
                    var offset = 8
                    while offset + 8 < written.count {
                        offsets.append(offset)
                        words.append(word(at: offset).word)
                        offset += 8
                    }
                    offsets.append(written.count - 8)
                    words.append(word(at: written.count - 8).word)
                }
                first.append(words.count)
            }
        }
    }

    /// The key at the scanner's offset, when it is written there as `"key":` (after a comma unless
    /// it is the object's first) and is one of the keys from `first` on in the writer's order: the
    /// scanner is then past its colon, as `nextPlainKey` leaves it. Nil otherwise, nothing read.
    @inline(__always)
    static func expected(
        from first: Int, in scanner: inout JSONScanner, _ cursor: inout ObjectCursor, patterns: Patterns
    ) -> LedgerKey? {
        guard let base = scanner.bytes.baseAddress else { return nil }
        var position = scanner.offset
        if !cursor.isFirst {
            guard position < scanner.end, base[position] == UInt8(ascii: ",") else { return nil }
            position += 1
        }
        // Eight bytes to compare heads with; a line ends in more than that after any key.
        guard position + 8 <= scanner.end else { return nil }
        let line = UnsafeRawPointer(base + position)
        let head = line.loadUnaligned(as: UInt64.self)
        var index = first
        while index < count {
            if head & patterns.masks[index] == patterns.heads[index] {
                let length = patterns.lengths[index]
                if position + length <= scanner.end {
                    var word = patterns.first[index]
                    let last = patterns.first[index + 1]
                    while word < last,
                        line.loadUnaligned(fromByteOffset: patterns.offsets[word], as: UInt64.self)
                            == patterns.words[word]
                    {
                        word += 1
                    }
                    if word == last {
                        scanner.offset = position + length
                        cursor.isFirst = false
                        return LedgerKey(rawValue: index).unsafelyUnwrapped
                    }
                }
            }
            index += 1
        }
        return nil
    }
}
