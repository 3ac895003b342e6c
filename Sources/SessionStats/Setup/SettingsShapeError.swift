/// Why a settings document, though valid JSON, is not shaped like Claude Code's settings.
public enum SettingsShapeError: Error, Equatable, Sendable {
    /// The top-level value is not an object.
    case topLevelNotObject
    /// `hooks` is not an object.
    case hooksNotObject
    /// `hooks.<event>` is not an array.
    case eventNotArray(String)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .topLevelNotObject: "the top level is not an object"
        case .hooksNotObject: "\"hooks\" is not an object"
        case .eventNotArray(let event): "\"hooks.\(event)\" is not an array"
        }
    }
}
