/// Compares file paths by their text alone, resolving `.` and `..` without touching the disk.
public enum LexicalPath {
    /// The components of `path` with `.` dropped and `..` applied; `/` and `\` both separate.
    public static func components(_ path: String) -> [Substring] {
        var result: [Substring] = []
        for component in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            switch component {
            case ".": continue
            case "..":
                if !result.isEmpty && result.last != ".." { result.removeLast() } else { result.append("..") }
            default: result.append(component)
            }
        }
        return result
    }

    /// Whether `file` (absolute, or relative to `directory`) lies in `directory` or below it.
    ///
    /// A path starting with `~` is taken to be outside, since the home directory is not known here.
    public static func isInside(_ file: String, directory: String) -> Bool {
        if file.hasPrefix("~") { return false }
        let isAbsolute = file.hasPrefix("/") || file.hasPrefix("\\") || hasDriveLetter(file)
        let resolved = components(isAbsolute ? file : directory + "/" + file)
        let base = components(directory)
        return resolved.count >= base.count && zip(resolved, base).allSatisfy { $0 == $1 }
    }

    /// `C:\…` or `C:/…`.
    private static func hasDriveLetter(_ path: String) -> Bool {
        let bytes = Array(path.utf8.prefix(3))
        return bytes.count == 3 && bytes[1] == UInt8(ascii: ":")
            && (bytes[2] == UInt8(ascii: "\\") || bytes[2] == UInt8(ascii: "/"))
    }
}
