import Foundation

/// A fresh directory under /tmp for one test, deleted with everything in it when the value goes away
/// (or at `remove()`); the one temporary-directory helper of every test target.
public final class ScratchDirectory: @unchecked Sendable {
    /// The directory's path.
    public let path: String
    private let owned: Bool

    /// Creates an empty directory under /tmp.
    public init() {
        var template = Array("/tmp/sessionlog-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "cannot create a scratch directory under /tmp")
        path = String(cString: made!)
        owned = true
    }

    /// Wraps a directory that exists already; it is never deleted.
    public init(existingPath path: String) {
        self.path = path
        owned = false
    }

    deinit { if owned { ScratchDirectory.removeTree(path) } }

    /// The path of `name` in the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Creates the subdirectory `name` (and its parents) and returns its path.
    @discardableResult
    public func makeDirectory(_ name: String) -> String {
        try? FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
        return file(name)
    }

    /// Writes `bytes` to `name` with permission bits `mode`, replacing it; returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String, mode: mode_t = 0o644) -> String {
        // Plain open/write: Foundation's atomic writes leave TemporaryDirectory.* folders behind in /tmp.
        let descriptor = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, mode)
        precondition(descriptor >= 0, "cannot create \(name)")
        writeAll(bytes, to: descriptor)
        fchmod(descriptor, mode)
        close(descriptor)
        return file(name)
    }

    /// Writes `text` to `name` with permission bits `mode`, replacing it; returns its path.
    @discardableResult
    public func write(_ text: String, to name: String, mode: mode_t = 0o644) -> String {
        write(Array(text.utf8), to: name, mode: mode)
    }

    /// Appends `text` to `name`.
    public func append(_ text: String, to name: String) {
        let descriptor = open(file(name), O_WRONLY | O_CREAT | O_APPEND, 0o600)
        precondition(descriptor >= 0, "cannot open \(name)")
        writeAll(Array(text.utf8), to: descriptor)
        close(descriptor)
    }

    /// The bytes of `name`, or nil when it cannot be read.
    public func bytes(_ name: String) -> [UInt8]? {
        readAll(file(name))
    }

    /// The bytes of `name` as text, or nil when it cannot be read.
    public func read(_ name: String) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The lines of `name`, without their newlines; empty when it cannot be read.
    public func lines(_ name: String) -> [String] {
        guard let text = read(name) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The permission bits of `name`, or nil when it does not exist.
    public func mode(_ name: String) -> mode_t? {
        var info = stat()
        guard stat(file(name), &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// The names in the directory (or in `directoryPath`), sorted, without `.` and `..`.
    public func names(in directoryPath: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directoryPath ?? path)) ?? []).sorted()
    }

    /// Sets the directory's permission bits.
    public func chmod(_ mode: mode_t) { _ = changeMode(path, mode) }

    /// Deletes the directory and everything in it, subdirectories included, now.
    public func remove() { if owned { Self.removeTree(path) } }

    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            // Tests make directories unreadable on purpose; open them up to empty them.
            _ = changeMode(path, 0o700)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

// Outside the class, so that `write`, `read` and `chmod` name the C functions rather than the methods.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            precondition(written > 0, "cannot write a scratch file")
            offset += written
        }
    }
}

private func readAll(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { break }
        bytes += chunk[0..<count]
    }
    return bytes
}

private func changeMode(_ path: String, _ mode: mode_t) -> Int32 { chmod(path, mode) }
