/// Masks credentials in logged Bash commands and WebFetch URLs so that they never reach the disk.
public enum Redactor {
    /// The text written in place of every secret.
    public static let mask = "[REDACTED]"

    /// Returns `text` with each recognised secret replaced by ``mask``, or `text` itself when nothing matches.
    public static func redact(_ text: String) -> String {
        let masked: [UInt8]?
        if let result = text.utf8.withContiguousStorageIfAvailable(RedactionScanner.redact) {
            masked = result
        } else {
            masked = Array(text.utf8).withUnsafeBufferPointer(RedactionScanner.redact)
        }
        guard let masked else { return text }
        return String(decoding: masked, as: UTF8.self)
    }
}
