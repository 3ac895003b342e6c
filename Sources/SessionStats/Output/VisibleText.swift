/// Makes text from the logs safe to print on a terminal: control characters and bidirectional
/// formatting characters become visible escapes, so a logged command cannot move the cursor, rewrite
/// what was printed before it, set the clipboard (OSC 52) or reorder itself on screen.
///
/// Escaped: C0 controls (`\e` for ESC, `\n`, `\r`, `\t`, otherwise `\x07`), DEL (`\x7f`), C1 controls
/// (`\u009b`), and the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) as `\u202e`.
/// Every other character, backslashes included, is kept. Text tables and printers apply it to every
/// string they take from the logs, whether or not colour is on; JSON output escapes with JSON's rules.
public enum VisibleText {
    /// `text` with every control and bidi formatting character written as a visible escape.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B: result += "\\e"
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x00..<0x20, 0x7F: result += "\\x" + hex(scalar.value, digits: 2)
            case _ where isFormatting(scalar.value): result += "\\u" + hex(scalar.value, digits: 4)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `escape` would change `text`; a scan of its bytes, so plain text costs one pass.
    @inline(__always)
    public static func needsEscaping(_ text: String) -> Bool {
        // Lead bytes of every escaped scalar beyond ASCII: C2 (C1 controls), D8 (U+061C), E2 (U+20xx).
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
            && text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || isFormatting($0.value) }
    }

    /// C1 controls and the bidi and line-separator characters, written as `\uXXXX`.
    private static func isFormatting(_ value: UInt32) -> Bool {
        switch value {
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
