import SessionLogCore

/// Shows file paths relative to a session's working directory.
public enum RelativePath {
    /// `file` without the `directory` prefix when it lies inside it, else `file` unchanged.
    ///
    /// Both `/` and `\` separate components, for logs written on Windows. Paths are compared byte
    /// by byte, as the file system does.
    public static func display(_ file: String, relativeTo directory: String?) -> String {
        let drop = prefixLength(of: file, inside: directory)
        return drop == 0 ? file : String(Substring(file.utf8.dropFirst(drop)))
    }

    /// How many leading bytes of `file` name `directory` and the separator after it; 0 when
    /// `file` is not inside `directory`. Allocates nothing, for the per-line loop.
    public static func prefixLength(of file: String, inside directory: String?) -> Int {
        guard var directory, !directory.isEmpty else { return 0 }
        var file = file
        return directory.withUTF8 { directoryBytes in
            file.withUTF8 { fileBytes in
                var length = directoryBytes.count
                while length > 1 && isSeparator(directoryBytes[length - 1]) { length -= 1 }
                guard fileBytes.count > length + 1, isSeparator(fileBytes[length]),
                    RawMemory.equal(fileBytes.baseAddress!, directoryBytes.baseAddress!, count: length)
                else { return 0 }
                return length + 1
            }
        }
    }

    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
    }
}
