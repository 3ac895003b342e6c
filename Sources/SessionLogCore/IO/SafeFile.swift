/// Opens log files and directories by the rules every reader and writer follows: never through a
/// symbolic link, never blocking on a FIFO or a device, and never writing where another user owns.
///
/// Reading requires a regular file reached without a symbolic link at its name. Writing also
/// requires that the file and its directory belong to the user, and takes group and other access
/// away from them first (0700 for the directory, 0600 for the file).
public enum SafeFile {
    /// The options every open adds: no link at the name, no wait on a FIFO (O_CLOEXEC is always on).
    static let guardOptions: FileDescriptor.Options = [.noFollow, .nonBlocking]

    /// Opens the directory at `path` for writing into (creating it and its missing parents with
    /// mode 0700 when `create`), after checking that it belongs to the user and tightening its mode.
    public static func openDirectory(_ path: String, create: Bool = true) throws(AppendError)
        -> FileDescriptor
    {
        func openIt() -> Result<FileDescriptor, Errno> {
            Result { () throws(Errno) in try FileDescriptor.open(path, .readOnly, options: .directory) }
        }
        var opened = openIt()
        if case .failure(.noSuchFile) = opened, create {
            try makeParents(path)
            opened = openIt()
        }
        let descriptor: FileDescriptor
        switch opened {
        case .success(let open): descriptor = open
        case .failure(let error): throw .directory(path: path, errno: error.code)
        }
        do throws(AppendError) {
            let info: FileStatus
            do throws(Errno) { info = try descriptor.status() } catch {
                throw .directory(path: path, errno: error.code)
            }
            guard info.owner == CurrentProcess.effectiveUserID else {
                throw .refused(path: path, .otherOwner(info.owner))
            }
            if info.permissions & 0o077 != 0 {
                do throws(Errno) {
                    try descriptor.setPermissions(info.permissions & 0o700)
                } catch {
                    throw .directory(path: path, errno: error.code)
                }
            }
        } catch {
            try? descriptor.close()
            throw error
        }
        return descriptor
    }

    /// Opens `name` in the open directory `directory` for appending (and reading its last byte),
    /// creating it with mode 0600;
    /// `path` names it in errors. The file must be a regular file of the user's; its mode is tightened.
    public static func openForAppend(_ name: String, in directory: FileDescriptor, path: String)
        throws(AppendError) -> (descriptor: FileDescriptor, status: FileStatus)
    {
        let descriptor = try openForAppendUnchecked(name, in: directory, path: path)
        do throws(AppendError) {
            return (descriptor, try checkWritable(descriptor, path: path))
        } catch {
            try? descriptor.close()
            throw error
        }
    }

    /// Opens `name` in `directory` as `openForAppend` does, without its checks: the caller runs
    /// `checkWritable` before writing (the append writer does once it holds the lock, with the one
    /// `fstat` it needs anyway).
    static func openForAppendUnchecked(_ name: String, in directory: FileDescriptor, path: String)
        throws(AppendError) -> FileDescriptor
    {
        do throws(Errno) {
            return try FileDescriptor.open(
                name, in: directory, .readWrite, options: guardOptions.union([.append, .create]),
                permissions: 0o600)
        } catch {
            throw openFailure(path: path, errno: error.code)
        }
    }

    /// Opens the file at `path` for reading: a regular file, not reached through a symbolic link at
    /// its name, whoever owns it (reading a team's shared directory is allowed).
    public static func openForReading(_ path: String) throws(AppendError) -> FileDescriptor {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(path, .readOnly, options: guardOptions)
        } catch {
            throw openFailure(path: path, errno: error.code)
        }
        let info: FileStatus
        do throws(Errno) {
            info = try descriptor.status()
        } catch {
            try? descriptor.close()
            throw .open(path: path, errno: error.code)
        }
        guard info.kind == .regular else {
            try? descriptor.close()
            throw .refused(path: path, .notRegularFile)
        }
        return descriptor
    }

    /// Opens the file at `path` for changing it in place (rotate's read-then-remove, the error log's
    /// trim): like `openForReading`, but the file must be the user's, and its mode is tightened.
    public static func openForUpdate(_ path: String) throws(AppendError) -> FileDescriptor {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(path, .readOnly, options: guardOptions)
        } catch {
            throw openFailure(path: path, errno: error.code)
        }
        do throws(AppendError) {
            _ = try checkWritable(descriptor, path: path)
            return descriptor
        } catch {
            try? descriptor.close()
            throw error
        }
    }

    /// Checks that the open file is a regular file of the user's and tightens its mode to 0600 or less.
    @discardableResult
    public static func checkWritable(_ descriptor: FileDescriptor, path: String) throws(AppendError)
        -> FileStatus
    {
        var info: FileStatus
        do throws(Errno) { info = try descriptor.status() } catch {
            throw .open(path: path, errno: error.code)
        }
        guard info.kind == .regular else { throw .refused(path: path, .notRegularFile) }
        guard info.owner == CurrentProcess.effectiveUserID else {
            throw .refused(path: path, .otherOwner(info.owner))
        }
        if info.permissions & 0o177 != 0 {
            do throws(Errno) {
                try descriptor.setPermissions(info.permissions & 0o600)
            } catch {
                throw .open(path: path, errno: error.code)
            }
            info.permissions &= ~0o177
        }
        return info
    }

    /// The error for a failed open: a symbolic link or a FIFO without a reader is refused.
    static func openFailure(path: String, errno code: Int32) -> AppendError {
        switch Errno(code) {
        case .tooManySymbolicLinks: .refused(path: path, .symbolicLink)
        // O_WRONLY | O_NONBLOCK on a FIFO nobody reads.
        case .noDeviceOrAddress: .refused(path: path, .notRegularFile)
        default: .open(path: path, errno: code)
        }
    }

    /// Creates the missing parents of `path` and `path` itself, each with mode 0700.
    private static func makeParents(_ path: String) throws(AppendError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            do throws(Errno) {
                try FileSystem.makeDirectory(prefix, permissions: 0o700)
            } catch  where error != .exists {
                throw .directory(path: prefix, errno: error.code)
            } catch {}
        }
    }
}

/// Why a path was refused rather than opened.
public enum Refusal: Equatable, Sendable {
    /// A symbolic link sits at the name.
    case symbolicLink
    /// A FIFO, device, socket or directory sits at the name.
    case notRegularFile
    /// Another user (this uid) owns it.
    case otherOwner(UInt32)

    /// A short lowercase reason.
    public var message: String {
        switch self {
        case .symbolicLink: "it is a symbolic link"
        case .notRegularFile: "it is not a regular file"
        case .otherOwner(let uid): "it belongs to another user (uid \(uid))"
        }
    }
}
