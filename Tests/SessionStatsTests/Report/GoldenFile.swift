@preconcurrency import Glibc

/// Expected outputs kept in Tests/SessionStatsTests/Golden, found relative to this source file.
///
/// Run the tests with `UPDATE_GOLDEN=1` to rewrite them from the current output, then review the diff.
enum GoldenFile {
    /// The Golden directory.
    static func directory(_ filePath: String = #filePath) -> String {
        var components = filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(2)  // Report/GoldenFile.swift
        return components.joined(separator: "/") + "/Golden"
    }

    /// The expected text of `name`, after rewriting it with `actual` when `UPDATE_GOLDEN=1`; nil when missing.
    static func expected(_ name: String, actual: String) -> String? {
        let path = directory() + "/" + name
        if let update = getenv("UPDATE_GOLDEN"), String(cString: update) == "1" {
            guard let file = fopen(path, "w") else { return nil }
            fputs(actual, file)
            fclose(file)
        }
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
