/// Shortens and cleans free text before it goes into a log line.
public enum TextClipping {
    /// The first `limit` characters of `text`, cut on a character boundary.
    public static func prefix(_ text: String, characters limit: Int) -> String {
        // Counting UTF-8 bytes first skips the grapheme walk for the usual short text.
        guard text.utf8.count > limit else { return text }
        guard let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex) else {
            return text
        }
        return String(text[..<cut])
    }

    /// The longest prefix of `text` of at most `limit` UTF-8 bytes that ends on a Unicode scalar boundary.
    public static func utf8Prefix(_ text: String, bytes limit: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var cut = utf8.index(utf8.startIndex, offsetBy: max(0, limit))
        // A continuation byte (10xxxxxx) is inside a scalar: back off to the scalar's first byte.
        while cut > utf8.startIndex, utf8[cut] & 0xC0 == 0x80 {
            cut = utf8.index(before: cut)
        }
        return String(decoding: utf8[..<cut], as: UTF8.self)
    }

    /// `text` cut to at most `limit` UTF-8 bytes on a scalar boundary, with ``clipMark(originalBytes:)``
    /// at its end when anything was dropped here or, with `wasCut`, before.
    public static func clipped(_ text: String, bytes limit: Int, originalBytes: Int, wasCut: Bool = false)
        -> String
    {
        guard wasCut || text.utf8.count > limit else { return text }
        let mark = clipMark(originalBytes: originalBytes)
        return utf8Prefix(text, bytes: limit - mark.utf8.count) + mark
    }

    /// What ends a clipped field: `…[clipped from 17825792 bytes]`.
    public static func clipMark(originalBytes: Int) -> String {
        "…[clipped from \(originalBytes) bytes]"
    }

    /// The first non-empty line of `text`, without a trailing carriage return.
    public static func firstLine(_ text: String) -> String {
        // Split on scalars: as Characters, "\r\n" is one grapheme and would never equal "\n".
        for line in text.unicodeScalars.split(separator: "\n") {
            let trimmed = line.last == "\r" ? line.dropLast() : line[...]
            if !trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
                return String(String.UnicodeScalarView(trimmed))
            }
        }
        return ""
    }

    /// `text` without ANSI escape sequences (CSI, OSC and two-byte escapes).
    public static func strippingANSI(_ text: String) -> String {
        guard text.utf8.contains(0x1B) else { return text }
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x1B else {
                output.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "["):
                // CSI: parameters and intermediates, then one final byte in 0x40...0x7E.
                index += 1
                while index < bytes.count && !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                index += 1
            case UInt8(ascii: "]"):
                // OSC: ends with BEL or ESC \.
                index += 1
                while index < bytes.count {
                    if bytes[index] == 0x07 {
                        index += 1
                        break
                    }
                    if bytes[index] == 0x1B && index + 1 < bytes.count && bytes[index + 1] == ._backslash {
                        index += 2
                        break
                    }
                    index += 1
                }
            default:
                // Other escapes: intermediate bytes (0x20...0x2F), then one final byte.
                while index < bytes.count && (0x20...0x2F).contains(bytes[index]) { index += 1 }
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The last component of a POSIX or Windows path, ignoring trailing separators.
    public static func baseName(_ path: String) -> String? {
        // Byte-level: the separators are ASCII, and generic Character code would make the runtime
        // build type metadata on the hook's one call, most of the hook's instructions.
        var path = path
        return path.withUTF8 { bytes -> String? in
            var end = bytes.count
            while end > 0 && (bytes[end - 1] == ._slash || bytes[end - 1] == ._backslash) { end -= 1 }
            guard end > 0 else {
                return bytes.isEmpty
                    ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<1]), as: UTF8.self)
            }
            var start = end
            while start > 0 && bytes[start - 1] != ._slash && bytes[start - 1] != ._backslash { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }
}
