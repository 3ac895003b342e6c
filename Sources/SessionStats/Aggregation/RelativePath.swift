/// Shows file paths relative to a session's working directory.
public enum RelativePath {
    /// `file` without the `directory` prefix when it lies inside it, else `file` unchanged.
    ///
    /// Both `/` and `\` separate components, for logs written on Windows.
    public static func display(_ file: String, relativeTo directory: String?) -> String {
        guard var directory, !directory.isEmpty else { return file }
        while directory.count > 1, let last = directory.last, last == "/" || last == "\\" {
            directory.removeLast()
        }
        guard file.hasPrefix(directory) else { return file }
        let rest = file.dropFirst(directory.count)
        guard let separator = rest.first, separator == "/" || separator == "\\" else { return file }
        let inside = rest.dropFirst()
        return inside.isEmpty ? file : String(inside)
    }
}
