/// A string found by the scanner: where its raw bytes are, and how many characters it holds.
public struct JSONStringToken: Equatable, Sendable {
    /// The offset of the first byte after the opening quote.
    public var start: Int
    /// The offset of the closing quote.
    public var end: Int
    /// Whether the raw bytes contain a backslash escape.
    public var hasEscapes: Bool
    /// The Unicode scalars of the decoded text, counting each ill-formed subpart as one U+FFFD.
    public var characters: Int
    /// How many more characters the compact JSON form of the text needs for its escapes.
    public var escapedExtra: Int

    /// Creates a token from its parts; usable from the scanner's inlinable fast paths.
    @usableFromInline
    init(start: Int, end: Int, hasEscapes: Bool, characters: Int, escapedExtra: Int) {
        self.start = start
        self.end = end
        self.hasEscapes = hasEscapes
        self.characters = characters
        self.escapedExtra = escapedExtra
    }

    /// The characters of the string's compact JSON form: quotes, escapes and text.
    @inline(__always)
    public var compactCharacters: Int { characters + escapedExtra + 2 }

    /// The extra characters that writing `scalar` in compact JSON costs over the scalar itself.
    @inline(__always)
    static func compactEscapeExtra(_ scalar: UInt32) -> Int {
        switch scalar {
        case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: 1
        case 0..<0x20: 5
        default: 0
        }
    }
}
