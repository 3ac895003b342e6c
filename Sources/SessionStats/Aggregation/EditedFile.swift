/// A file edited in a project, as reports show it.
public struct EditedFile: Hashable, Sendable {
    /// The project the edit was made in ("" when the line named none).
    public var project: String
    /// The path, relative to the session's cwd when inside it, else as logged.
    public var path: String

    /// Creates a key.
    public init(project: String, path: String) {
        self.project = project
        self.path = path
    }
}
