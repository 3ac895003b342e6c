import Foundation

/// A fresh directory under /tmp, removed when the value is no longer used.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/sessionlog-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The lines of a file in the directory, without their newlines.
    func lines(_ name: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path + "/" + name) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    /// The names of the files in the directory.
    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// The object a JSON line decodes to, via Foundation: an independent reader for checking our own.
func jsonObject(_ line: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}
