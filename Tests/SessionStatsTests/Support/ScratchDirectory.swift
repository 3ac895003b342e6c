@preconcurrency import Glibc
import Testing

/// A fresh temporary directory for one file-level test (rotate, budget, audit, the status line,
/// setup); `remove()` deletes it with everything in it.
struct ScratchDirectory {
    /// The directory's path.
    let path: String

    /// Creates an empty directory under /tmp.
    init() throws {
        var template = Array("/tmp/session-stats-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(made.map { String(cString: $0) })
    }

    /// Wraps a directory that exists already; `remove()` must not be called on it.
    init(existingPath path: String) { self.path = path }

    /// The path of `name` in the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` with permission bits `mode`, replacing it.
    func write(_ bytes: [UInt8], to name: String, mode: mode_t = 0o644) {
        let descriptor = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, mode)
        precondition(descriptor >= 0, "cannot create \(name)")
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        fchmod(descriptor, mode)
        close(descriptor)
    }

    /// Writes `text` to `name` with permission bits `mode`, replacing it.
    func write(_ text: String, to name: String, mode: mode_t = 0o644) {
        write(Array(text.utf8), to: name, mode: mode)
    }

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

    /// The permission bits of `name`, or nil when it does not exist.
    func mode(_ name: String) -> mode_t? {
        var info = stat()
        guard stat(file(name), &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// The names in the directory (or in `directoryPath`), sorted, without `.` and `..`.
    func names(in directoryPath: String? = nil) -> [String] {
        guard let directory = opendir(directoryPath ?? path) else { return [] }
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

    /// Deletes the directory and everything in it, subdirectories included.
    func remove() { Self.removeTree(path) }

    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.chmod(path, 0o700)
            for name in ScratchDirectory(existingPath: path).names() { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
