/// Why a search could not run to the end.
enum SearchError: Error, Equatable, Sendable {
    /// The index file could not be written.
    case indexWrite(String, reason: String)

    /// The message after `error: `.
    var message: String {
        switch self {
        case .indexWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
