@preconcurrency import Glibc
import SessionLogCore

/// Reading, backing up and atomically replacing a settings file.
public enum SettingsFile {
    /// The mode a settings file is created with: it may hold API keys in `env`.
    public static let newFileMode: mode_t = 0o600

    /// The file's bytes, or nil when it does not exist.
    public static func read(_ path: String) throws(SetupError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw .cannotRead(path: path, errno: errno)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, errno: errno)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The permission bits of the file at `path`, or nil when it does not exist.
    public static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Copies `bytes` to `<path>.bak`, or to a timestamped name when that exists, and returns where.
    ///
    /// A backup is never overwritten, so the settings as they were before the first install survive.
    public static func backUp(_ bytes: [UInt8], of path: String, mode: mode_t, now: Timestamp)
        throws(SetupError) -> String
    {
        let stamp = String(now.iso8601.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
        var candidates = [path + ".bak", path + ".bak." + stamp]
        for number in 2...9 { candidates.append(path + ".bak." + stamp + "-\(number)") }
        for candidate in candidates {
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0o666)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw .cannotBackUp(path: candidate, errno: errno)
            }
            defer { close(descriptor) }
            guard writeAll(bytes, to: descriptor) else {
                let code = errno
                unlink(candidate)
                throw .cannotBackUp(path: candidate, errno: code)
            }
            return candidate
        }
        throw .cannotBackUp(path: path + ".bak", errno: EEXIST)
    }

    /// Replaces the file at `path` with `bytes` through a temporary file and a rename, so readers see
    /// the old file or the new one, never half of one; creates missing parent directories (mode 0700).
    ///
    /// The file keeps `mode`; a symbolic link is followed, so a link into a dotfiles repository stays a link.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(SetupError) {
        let target = resolvedTarget(path)
        let directory = parentDirectory(of: target)
        do throws(AppendError) {
            try AppendWriter.makeDirectory(directory)
        } catch {
            if case .directory(let failed, let code) = error { throw .cannotWrite(path: failed, errno: code) }
            throw .cannotWrite(path: directory, errno: EIO)
        }
        let name = target.split(separator: "/").last.map(String.init) ?? "settings.json"
        let temporary = (directory == "/" ? "" : directory) + "/." + name + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, newFileMode)
        guard descriptor >= 0 else { throw .cannotWrite(path: temporary, errno: errno) }
        // The umask does not apply to fchmod, so the mode is exactly the old file's.
        let written =
            fchmod(descriptor, mode) == 0 && writeAll(bytes, to: descriptor) && fsync(descriptor) == 0
        let code = errno
        close(descriptor)
        guard written else {
            unlink(temporary)
            throw .cannotWrite(path: temporary, errno: code)
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path: target, errno: code)
        }
    }

    /// The directory holding `path`: `.` for a bare name, `/` for a file in the root.
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    // The file a symbolic link at `path` points to, or `path` itself.
    private static func resolvedTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
            let resolved = realpath(path, nil)
        else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
