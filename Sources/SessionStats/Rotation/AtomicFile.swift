import SessionLogCore

/// Replaces files so that a reader, or a crash at any moment, sees either the old file or the whole new one.
enum AtomicFile {
    /// Writes `bytes` to `temporary` (in the same directory as `path`), syncs it, renames it over
    /// `path` and syncs the directory, so the new file is on disk before anything that depends on it.
    static func replace(
        _ path: String, with bytes: [UInt8], temporary: String, directory: FileDescriptor,
        permissions: UInt32 = 0o600
    ) throws(RotationError) {
        try replace(path, temporary: temporary, directory: directory, permissions: permissions) {
            descriptor throws(RotationError) in
            do throws(Errno) { try descriptor.writeAll(bytes) } catch {
                throw .write(path, errno: error.code)
            }
        }
    }

    /// `replace(_:with:temporary:directory:permissions:)` with the new content written by `write`
    /// to the open temporary file, a part at a time; when it throws, the temporary file is removed
    /// and `path` is left as it was.
    static func replace(
        _ path: String, temporary: String, directory: FileDescriptor, permissions: UInt32 = 0o600,
        write: (FileDescriptor) throws(RotationError) -> Void
    ) throws(RotationError) {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate, .noFollow], permissions: permissions)
        } catch {
            throw .write(path, errno: error.code)
        }
        var failure: RotationError?
        do throws(RotationError) {
            try write(descriptor)
        } catch {
            failure = error
        }
        if failure == nil {
            do throws(Errno) {
                try descriptor.setPermissions(permissions)
                try descriptor.syncDurably()
            } catch {
                failure = .write(path, errno: error.code)
            }
        }
        do throws(Errno) { try descriptor.close() } catch {
            failure = failure ?? .write(path, errno: error.code)
        }
        if failure == nil {
            do throws(Errno) { try FileSystem.rename(temporary, to: path) } catch {
                failure = .write(path, errno: error.code)
            }
        }
        if let failure {
            try? FileSystem.remove(temporary)
            throw failure
        }
        try syncDirectory(directory, path: path)
    }

    /// Makes renames and removals in a directory durable.
    static func syncDirectory(_ directory: FileDescriptor, path: String) throws(RotationError) {
        do throws(Errno) {
            try directory.sync()
        } catch  where error == .invalidArgument || error == .readOnlyFileSystem {
            // Some file systems cannot sync a directory; their renames are as durable as they get.
        } catch {
            throw .write(path, errno: error.code)
        }
    }
}
