@preconcurrency import Glibc
import SessionLogCore
import Testing

/// A fresh temporary log directory for file-level tests of rotate, budget, audit and the status line;
/// `remove()` deletes it with everything in it.
struct ScratchLogDirectory {
    /// The directory's path.
    let path: String

    /// Creates an empty directory under /tmp.
    init() throws {
        var template = Array("/tmp/session-ops-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(made.map { String(cString: $0) })
    }

    /// The path of `name` in the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name`, replacing it.
    func write(_ bytes: [UInt8], to name: String) {
        let descriptor = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot create \(name)")
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    /// Writes `text` to `name`, replacing it.
    func write(_ text: String, to name: String) { write(Array(text.utf8), to: name) }

    /// Appends `text` to `name`.
    func append(_ text: String, to name: String) {
        let descriptor = open(file(name), O_WRONLY | O_CREAT | O_APPEND, 0o600)
        precondition(descriptor >= 0, "cannot open \(name)")
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    /// The bytes of `name` as text, or nil when it cannot be read.
    func read(_ name: String) -> String? {
        let descriptor = open(file(name), O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The names in the directory, sorted, without `.` and `..`.
    func names() -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Sets the directory's permission bits.
    func chmod(_ mode: mode_t) { _ = Glibc.chmod(path, mode) }

    /// Deletes the directory and everything in it.
    func remove() {
        Glibc.chmod(path, 0o700)
        for name in names() { unlink(file(name)) }
        rmdir(path)
    }
}
