import SessionLogCore

/// Why a JSON document could not be parsed.
public enum JSONDocumentError: Error, Equatable, Sendable {
    /// The text is not JSON.
    case syntax(JSONScanError)
    /// Objects and arrays nest deeper than `JSONDocument.maximumDepth`.
    case tooDeep(at: Int)
    /// Something other than whitespace follows the value.
    case trailingData(at: Int)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .syntax(let error): error.message
        case .tooDeep(let at): "nesting deeper than \(JSONDocument.maximumDepth) levels at byte \(at)"
        case .trailingData(let at): "unexpected data after the value at byte \(at)"
        }
    }
}
