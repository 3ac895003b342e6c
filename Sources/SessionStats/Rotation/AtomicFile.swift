@preconcurrency import Glibc

/// Replaces files so that a reader, or a crash at any moment, sees either the old file or the whole new one.
enum AtomicFile {
    /// Writes `bytes` to `temporary` (in the same directory as `path`), syncs it, renames it over
    /// `path` and syncs the directory, so the new file is on disk before anything that depends on it.
    static func replace(
        _ path: String, with bytes: [UInt8], temporary: String, directory: Int32, mode: mode_t = 0o600
    ) throws(RotationError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else { throw .write(path, errno: errno) }
        var failure: Int32?
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil && fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == nil && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        if failure == nil && rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw .write(path, errno: failure)
        }
        try syncDirectory(directory, path: path)
    }

    /// Makes renames and removals in a directory durable.
    static func syncDirectory(_ directory: Int32, path: String) throws(RotationError) {
        // Some file systems cannot sync a directory (EINVAL); their renames are as durable as they get.
        if fsync(directory) != 0 && errno != EINVAL && errno != EROFS { throw .write(path, errno: errno) }
    }
}
