/// Why the scanner stopped, with the byte offset where it did.
public enum JSONScanError: Error, Equatable, Sendable {
    /// The input ended inside a value.
    case unexpectedEnd(at: Int)
    /// A byte that cannot stand where it was found.
    case unexpectedByte(UInt8, at: Int)

    /// The byte offset where scanning stopped.
    public var offset: Int {
        switch self {
        case .unexpectedEnd(let at), .unexpectedByte(_, let at): at
        }
    }

    /// A short lowercase message for logs and stderr.
    public var message: String {
        switch self {
        case .unexpectedEnd(let at):
            "truncated JSON at byte \(at)"
        case .unexpectedByte(let byte, let at):
            if byte >= 0x21 && byte < 0x7F {
                "unexpected '\(Character(Unicode.Scalar(byte)))' at byte \(at)"
            } else {
                "unexpected byte 0x\(String(byte, radix: 16)) at byte \(at)"
            }
        }
    }
}
