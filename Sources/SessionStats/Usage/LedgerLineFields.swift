import SessionLogCore

/// The fields of one ledger line that totals and deduplication need, read without allocating:
/// strings stay byte ranges of the line, numbers are parsed in place.
///
/// `UsageLineDecoder` reads the whole record; this is the report's fast path over millions of
/// lines, and must accept exactly the lines it accepts (a test holds them to it).
struct LedgerLineFields {
    var version = 0
    var timestamp: Timestamp?
    var sessionID: JSONStringToken?
    var project: JSONStringToken?
    /// `cwd`, as `UsageLineDecoder` reads it (`scan` leaves it out: its callers do not need it); the
    /// summary reads it as a string only for a session's earliest request.
    var cwd: JSONStringToken?
    var model: JSONStringToken?
    var messageID: JSONStringToken?
    var requestID: JSONStringToken?
    var tokens = UsageTokens()
    var webSearchRequests = 0
    /// `speed` is `"fast"`.
    var isFast = false
    /// `inference_geo` is `"us"`.
    var isUSOnly = false
    /// `cache_miss`: why the request missed the prompt cache.
    var cacheMiss: JSONStringToken?
    /// `cache_missed_tokens`.
    var cacheMissedTokens = 0

    /// Reads the object at the scanner's offset; nil when it is well-formed JSON but no usable record.
    static func scan(_ scanner: inout JSONScanner) throws(JSONScanError) -> LedgerLineFields? {
        var fields = LedgerLineFields()
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextPlainKey(&cursor) {
            // The key's length picks the few candidates to compare; escaped keys go to the long path.
            switch key.end - key.start {
            case 1 where scanner.matches(key, UsageKeys.version):
                fields.version = try scanner.scanInteger() ?? -1
            case 5 where scanner.matches(key, UsageKeys.model):
                fields.model = try scanner.scanOptionalString()
            case 5 where scanner.matches(key, UsageKeys.input): fields.tokens.input = try count(&scanner)
            case 5 where scanner.matches(key, UsageKeys.speed):
                if let token = try scanner.scanOptionalString() {
                    fields.isFast = isText(token, "fast", scanner)
                }
            case 6 where scanner.matches(key, UsageKeys.output): fields.tokens.output = try count(&scanner)
            case 7 where scanner.matches(key, UsageKeys.project):
                fields.project = try scanner.scanOptionalString()
            case 9 where scanner.matches(key, UsageKeys.timestamp):
                if let token = try scanner.scanOptionalString(), !token.hasEscapes {
                    fields.timestamp = Timestamp(iso8601: scanner.bytes, start: token.start, end: token.end)
                }
            case 10 where scanner.matches(key, UsageKeys.sessionID):
                fields.sessionID = try scanner.scanOptionalString()
            case 10 where scanner.matches(key, UsageKeys.messageID):
                fields.messageID = try scanner.scanOptionalString()
            case 10 where scanner.matches(key, UsageKeys.requestID):
                fields.requestID = try scanner.scanOptionalString()
            case 10 where scanner.matches(key, UsageKeys.cacheRead):
                fields.tokens.cacheRead = try count(&scanner)
            case 10 where scanner.matches(key, UsageKeys.cacheMiss):
                fields.cacheMiss = try scanner.scanOptionalString()
            case 13 where scanner.matches(key, UsageKeys.inferenceGeo):
                if let token = try scanner.scanOptionalString() {
                    fields.isUSOnly = isText(token, "us", scanner)
                }
            case 14 where scanner.matches(key, UsageKeys.cacheWrite5m):
                fields.tokens.cacheWrite5m = try count(&scanner)
            case 14 where scanner.matches(key, UsageKeys.cacheWrite1h):
                fields.tokens.cacheWrite1h = try count(&scanner)
            case 19 where scanner.matches(key, UsageKeys.webSearchRequests):
                fields.webSearchRequests = try count(&scanner)
            case 19 where scanner.matches(key, UsageKeys.cacheMissedTokens):
                fields.cacheMissedTokens = try count(&scanner)
            default:
                // Escaped keys too: the full decoder matches keys as written, so it skips them as well.
                try scanner.skipValue()
            }
        }
        guard fields.version >= 1, fields.version <= UsageKeys.currentVersion, fields.timestamp != nil,
            fields.sessionID != nil, fields.model != nil
        else { return nil }
        return fields
    }

    /// The FNV-1a fingerprint of the line's `RequestKey` text, hashed from its bytes (escaped ones
    /// decoded first, so every copy of a key hashes alike); nil for a line with neither message nor
    /// request id, whose key only the full record gives.
    func fingerprint(in scanner: JSONScanner) -> UInt32? {
        var hash = RequestFingerprint<UInt32>()
        return fingerprint(in: scanner, into: &hash) ? hash.value : nil
    }

    /// The same fingerprint on 64 bits, for reads where collisions among millions of keys would
    /// hold memory.
    func fingerprint64(in scanner: JSONScanner) -> UInt64? {
        var hash = RequestFingerprint<UInt64>()
        return fingerprint(in: scanner, into: &hash) ? hash.value : nil
    }

    // Hashes the key's text into `hash`; false for a line with neither id.
    private func fingerprint<Width>(
        in scanner: JSONScanner, into hash: inout RequestFingerprint<Width>
    ) -> Bool {
        func mix(_ byte: UInt8) { hash.mix(byte) }
        func mix(_ literal: StaticString) {
            for index in 0..<literal.utf8CodeUnitCount { mix(literal.utf8Start[index]) }
        }
        func mix(_ token: JSONStringToken) {
            if token.hasEscapes {
                for byte in scanner.decodedBytes(token) { mix(byte) }
            } else {
                for index in token.start..<token.end { mix(scanner.bytes[index]) }
            }
        }
        let message = messageID.flatMap { $0.end > $0.start ? $0 : nil }
        let request = requestID.flatMap { $0.end > $0.start ? $0 : nil }
        guard let message else {
            guard let request else { return false }
            mix("r|")
            mix(request)
            return true
        }
        let isAnthropic =
            message.hasEscapes
            ? RequestKey.isIssuedByAnthropic(scanner.decode(message))
            : scanner.hasPrefix(message, "msg_01") || scanner.hasPrefix(message, "msg_vrtx_")
                || scanner.hasPrefix(message, "msg_bdrk_")
        if isAnthropic {
            mix("m|")
            mix(message)
        } else if let request {
            mix("p|")
            mix(message)
            mix("|")
            mix(request)
        } else {
            mix("s|")
            mix(sessionID!)
            mix("|")
            mix(message)
        }
        return true
    }

    // Whether a string value is `literal`, compared decoded when it has escapes.
    @inline(__always)
    private static func isText(_ token: JSONStringToken, _ literal: StaticString, _ scanner: JSONScanner)
        -> Bool
    {
        token.hasEscapes ? scanner.decode(token) == literal.description : scanner.matches(token, literal)
    }

    // A token count that is not a non-negative integer counts as zero, as in `UsageLineDecoder`.
    @inline(__always)
    private static func count(_ scanner: inout JSONScanner) throws(JSONScanError) -> Int {
        max(try scanner.scanInteger() ?? 0, 0)
    }
}
