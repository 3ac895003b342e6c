/// How a settings file is laid out, so that rewriting it keeps the user's tabs or indent width and
/// CRLF line ends instead of turning every line into a diff.
public struct SettingsStyle: Equatable, Sendable {
    /// Indent with tabs, one per level.
    public var tabs: Bool
    /// Spaces per level when not indenting with tabs.
    public var width: Int
    /// Lines end with `\r\n`.
    public var crlf: Bool

    /// Claude Code's own layout: two spaces, `\n`.
    public static let standard = SettingsStyle(tabs: false, width: 2, crlf: false)

    /// Creates a style.
    public init(tabs: Bool, width: Int, crlf: Bool) {
        self.tabs = tabs
        self.width = width
        self.crlf = crlf
    }

    /// The style of `bytes`: the indent of the first indented line and whether it ends with `\r\n`;
    /// ``standard`` for a missing, empty or one-line file.
    public init(of bytes: [UInt8]?) {
        self = .standard
        guard let bytes else { return }
        var index = 0
        while let newline = bytes[index...].firstIndex(of: 0x0A) {
            if index == 0 { crlf = newline > 0 && bytes[newline - 1] == 0x0D }
            let next = newline + 1
            guard next < bytes.count else { return }
            if bytes[next] == 0x09 {
                tabs = true
                return
            }
            var spaces = 0
            while next + spaces < bytes.count, bytes[next + spaces] == 0x20 {
                spaces += 1
            }
            if spaces > 0, next + spaces < bytes.count, bytes[next + spaces] != 0x0A,
                bytes[next + spaces] != 0x0D
            {
                width = min(spaces, 8)
                return
            }
            index = next
        }
    }

    /// `document` as text in this style, with a final line end.
    public func render(_ document: JSONDocument) -> [UInt8] {
        // JSON strings never hold a raw newline, so every line start and end below is layout.
        let text = document.jsonBytes(indent: tabs ? 1 : width) + [0x0A]
        guard tabs || crlf else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 8)
        var atLineStart = true
        for byte in text {
            if atLineStart, tabs, byte == 0x20 {
                out.append(0x09)
                continue
            }
            atLineStart = false
            if byte == 0x0A {
                if crlf { out.append(0x0D) }
                atLineStart = true
            }
            out.append(byte)
        }
        return out
    }
}
