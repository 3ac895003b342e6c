import SessionLogCore

/// Pass 1's request fingerprint of a plainly written ledger line, found by searching the line's
/// bytes for its id keys instead of walking it as JSON.
extension LedgerLineFields {
    // Why this print is safe. Pass 1's prints only choose the lines pass 2 reads again and
    // deduplicates by full key: a print that matches another line's by accident (a false positive)
    // costs one line read again, but two copies of one request with different prints (a false
    // negative) would count the request twice. So on every line the decoder takes as a record, this
    // print must be `scan(_:)`'s `fingerprint64(in:)`; on any other line any print will do.
    //
    // Only a line with no backslash before a quote and no `{` but its first byte is read here. If
    // the decoder takes such a line, no quote in it is escaped, so every string ends at the next
    // quote, and it holds one object. A quote followed by `key"` and `:` therefore opens a string
    // holding exactly `key` (a closing quote cannot be followed by a letter), and a string followed
    // by `:` is a key: one of the object's top-level keys. Conversely each top-level `key` that
    // `scan` matches (escaped keys match nothing) is written `"key"`, then whitespace or nothing,
    // then `:`; whitespace before a colon sends the line to the scan. So the colons preceded by
    // `"key"` are exactly the line's `key` members: with at most one of each, its value read by
    // `scanOptionalPlainString` (`scanOptionalString`, as `scan` reads it, with a byte loop for a
    // plain string) is `scan`'s field (`null` and other values nil, escapes decoded when hashed; a
    // repeated key, whose last value `scan` keeps, is never read here). The
    // print is then `fingerprint64(in:)` itself. A line with neither id (its key is the whole
    // record's) is left to the scan, as is a proxy's id whose key needs a session id that is not
    // a string.

    /// `fingerprint64(in:)` of the line from the scanner's offset to its end, when the line is one
    /// the byte search above reads exactly as `scan(_:)`; nil when the caller must scan it (a
    /// backslash before a quote, a nested object, an id key repeated or spaced from its colon,
    /// neither id, or a proxy's id without a session id).
    static func plainFingerprint64(_ scanner: JSONScanner) -> UInt64? {
        guard let base = scanner.bytes.baseAddress else { return nil }
        let start = scanner.offset
        let end = scanner.end
        guard end - start > 1, base[start] == UInt8(ascii: "{"),
            RawMemory.firstPosition(of: UInt8(ascii: "{"), in: base + start + 1, count: end - start - 1)
                == nil
        else { return nil }
        // Backslashes (a Windows path) are fine, but none before a quote.
        var position = start + 1
        while let found = RawMemory.firstPosition(
            of: UInt8(ascii: "\\"), in: base + position, count: end - position)
        {
            position = UnsafeRawPointer(base).distance(to: found) + 1
            guard position < end, base[position] != UInt8(ascii: "\"") else { return nil }
        }
        // Where the value of each id key starts (after its colon), when the line has it.
        var values: (message: Int?, request: Int?, session: Int?) = (nil, nil, nil)
        position = start + 1
        while let found = RawMemory.firstPosition(
            of: UInt8(ascii: ":"), in: base + position, count: end - position)
        {
            let colon = UnsafeRawPointer(base).distance(to: found)
            position = colon + 1
            // The three keys are ten bytes, quoted twelve, and end in `_id"`: one load tells most
            // colons apart.
            if colon - start > 12, UnsafeRawPointer(base + colon - 4).loadUnaligned(as: UInt32.self) == idEnd
            {
                let key = base + colon - 12
                if isQuoted(UsageKeys.messageID, at: key) {
                    guard values.message == nil else { return nil }
                    values.message = position
                } else if isQuoted(UsageKeys.requestID, at: key) {
                    guard values.request == nil else { return nil }
                    values.request = position
                } else if isQuoted(UsageKeys.sessionID, at: key) {
                    guard values.session == nil else { return nil }
                    values.session = position
                }
            } else if base[colon - 1] <= UInt8(ascii: " ") {
                // Maybe a key spaced from its colon.
                switch base[colon - 1] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): return nil
                default: break
                }
            }
        }
        var fields = LedgerLineFields()
        do throws(JSONScanError) {
            var value = scanner
            if let offset = values.message {
                value.offset = offset
                fields.messageID = try value.scanOptionalPlainString()
            }
            if let offset = values.request {
                value.offset = offset
                fields.requestID = try value.scanOptionalPlainString()
            }
            // Only a proxy's message id without a request id is keyed by its session.
            if let message = fields.messageID, message.end > message.start,
                fields.requestID.map({ $0.end == $0.start }) ?? true
            {
                guard let offset = values.session else { return nil }
                value.offset = offset
                guard let session = try value.scanOptionalPlainString() else { return nil }
                fields.sessionID = session
            }
        } catch {
            // Not a line the decoder takes: any print would do, but the scan says so for sure.
            return nil
        }
        return fields.fingerprint64(in: scanner)
    }

    // The last four bytes of each quoted id key, as one load of them reads.
    private static var idEnd: UInt32 {
        UnsafeRawPointer(("_id\"" as StaticString).utf8Start).loadUnaligned(as: UInt32.self)
    }

    // Whether the twelve bytes at `pointer` are `key` (ten bytes) between quotes.
    @inline(__always)
    private static func isQuoted(_ key: StaticString, at pointer: UnsafePointer<UInt8>) -> Bool {
        guard key.utf8CodeUnitCount == 10, pointer[0] == UInt8(ascii: "\""), pointer[11] == UInt8(ascii: "\"")
        else { return false }
        let (text, wanted) = (UnsafeRawPointer(pointer + 1), UnsafeRawPointer(key.utf8Start))
        return text.loadUnaligned(as: UInt64.self) == wanted.loadUnaligned(as: UInt64.self)
            && text.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
                == wanted.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
    }
}
