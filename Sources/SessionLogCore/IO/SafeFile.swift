@preconcurrency import Glibc

/// Opens log files and directories by the rules every reader and writer follows: never through a
/// symbolic link, never blocking on a FIFO or a device, and never writing where another user owns.
///
/// Reading requires a regular file reached without a symbolic link at its name. Writing also
/// requires that the file and its directory belong to the user, and takes group and other access
/// away from them first (0700 for the directory, 0600 for the file).
public enum SafeFile {
    /// The flags every open adds: no link at the name, no wait on a FIFO, no leak into children.
    static let guardFlags = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC

    /// Opens the directory at `path` for writing into (creating it and its missing parents with
    /// mode 0700 when `create`), after checking that it belongs to the user and tightening its mode.
    public static func openDirectory(_ path: String, create: Bool = true) throws(AppendError) -> Int32 {
        var descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 && errno == ENOENT && create {
            try makeParents(path)
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw .directory(path: path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .directory(path: path, errno: code)
        }
        do throws(AppendError) {
            guard info.st_uid == geteuid() else { throw .refused(path: path, .otherOwner(info.st_uid)) }
            if info.st_mode & 0o077 != 0 && fchmod(descriptor, info.st_mode & 0o700) != 0 {
                throw .directory(path: path, errno: errno)
            }
        } catch {
            close(descriptor)
            throw error
        }
        return descriptor
    }

    /// Opens `name` in the open directory `directory` for appending (and reading its last byte),
    /// creating it with mode 0600;
    /// `path` names it in errors. The file must be a regular file of the user's; its mode is tightened.
    public static func openForAppend(_ name: String, in directory: Int32, path: String) throws(AppendError)
        -> (descriptor: Int32, status: stat)
    {
        let descriptor = openat(directory, name, O_RDWR | O_APPEND | O_CREAT | guardFlags, 0o600)
        guard descriptor >= 0 else { throw openFailure(path: path, errno: errno) }
        do throws(AppendError) {
            return (descriptor, try checkWritable(descriptor, path: path))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Opens the file at `path` for reading: a regular file, not reached through a symbolic link at
    /// its name, whoever owns it (reading a team's shared directory is allowed).
    public static func openForReading(_ path: String) throws(AppendError) -> Int32 {
        let descriptor = open(path, O_RDONLY | guardFlags)
        guard descriptor >= 0 else { throw openFailure(path: path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .open(path: path, errno: code)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .refused(path: path, .notRegularFile)
        }
        return descriptor
    }

    /// Opens the file at `path` for changing it in place (rotate's read-then-remove, the error log's
    /// trim): like `openForReading`, but the file must be the user's, and its mode is tightened.
    public static func openForUpdate(_ path: String) throws(AppendError) -> Int32 {
        let descriptor = open(path, O_RDONLY | guardFlags)
        guard descriptor >= 0 else { throw openFailure(path: path, errno: errno) }
        do throws(AppendError) {
            _ = try checkWritable(descriptor, path: path)
            return descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Checks that the open file is a regular file of the user's and tightens its mode to 0600 or less.
    @discardableResult
    public static func checkWritable(_ descriptor: Int32, path: String) throws(AppendError) -> stat {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .open(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .refused(path: path, .notRegularFile) }
        guard info.st_uid == geteuid() else { throw .refused(path: path, .otherOwner(info.st_uid)) }
        if info.st_mode & 0o177 != 0 {
            guard fchmod(descriptor, info.st_mode & 0o600) == 0 else { throw .open(path: path, errno: errno) }
            info.st_mode &= ~0o177
        }
        return info
    }

    /// The error for a failed open: a symbolic link or a FIFO without a reader is refused.
    static func openFailure(path: String, errno code: Int32) -> AppendError {
        switch code {
        case ELOOP: .refused(path: path, .symbolicLink)
        // O_WRONLY | O_NONBLOCK on a FIFO nobody reads.
        case ENXIO: .refused(path: path, .notRegularFile)
        default: .open(path: path, errno: code)
        }
    }

    /// Creates the missing parents of `path` and `path` itself, each with mode 0700.
    private static func makeParents(_ path: String) throws(AppendError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .directory(path: prefix, errno: errno)
            }
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
