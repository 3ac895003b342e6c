/// Shows file paths relative to a session's working directory.
public enum RelativePath {
    /// `file` without the `directory` prefix when it lies inside it, else `file` unchanged.
    ///
    /// Both `/` and `\` separate components, for logs written on Windows. Paths are compared byte
    /// by byte, as the file system does.
    public static func display(_ file: String, relativeTo directory: String?) -> String {
        guard let directory, !directory.isEmpty else { return file }
        var directoryBytes = directory.utf8[...]
        while directoryBytes.count > 1, let last = directoryBytes.last, isSeparator(last) {
            directoryBytes = directoryBytes.dropLast()
        }
        let fileBytes = file.utf8
        guard fileBytes.starts(with: directoryBytes) else { return file }
        let rest = fileBytes.dropFirst(directoryBytes.count)
        guard let separator = rest.first, isSeparator(separator), rest.count > 1 else { return file }
        return String(Substring(rest.dropFirst()))
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
    }
}
