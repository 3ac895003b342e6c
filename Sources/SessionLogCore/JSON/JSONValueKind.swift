/// The kind of a JSON value, known from its first byte.
public enum JSONValueKind: Sendable {
    case object, array, string, number, bool, null

    /// The kind that a value starting with `firstByte` has, or nil when no value starts so.
    @inline(__always)
    public init?(firstByte: UInt8) {
        switch firstByte {
        case ._openBrace: self = .object
        case ._openBracket: self = .array
        case ._quote: self = .string
        case ._minus, UInt8(ascii: "0")...UInt8(ascii: "9"): self = .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): self = .bool
        case UInt8(ascii: "n"): self = .null
        default: return nil
        }
    }
}
