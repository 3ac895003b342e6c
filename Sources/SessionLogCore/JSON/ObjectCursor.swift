/// The state of one object being walked with `JSONScanner.nextKey(_:)`.
public struct ObjectCursor {
    /// Whether no member has been read yet.
    public var isFirst = true
    /// The compact JSON characters of the object so far, values included once the caller adds them.
    public var compactCharacters = 0
}
