import SessionLogCore

/// Reading, backing up and atomically replacing a settings file.
public enum SettingsFile {
    /// The mode a settings file is created with: it may hold API keys in `env`.
    public static let newFileMode: UInt32 = 0o600

    /// The file's bytes, or nil when it does not exist.
    public static func read(_ path: String) throws(SetupError) -> [UInt8]? {
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(path, .readOnly)
        } catch  where error == .noSuchFile {
            return nil
        } catch {
            throw .cannotRead(path: path, errno: error.code)
        }
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(Errno) in try descriptor.read(into: buffer) }
            }
            switch count {
            case .success(0): return bytes
            case .success(let count): bytes.append(contentsOf: chunk[0..<count])
            case .failure(let error): throw .cannotRead(path: path, errno: error.code)
            }
        }
    }

    /// The permission bits of the file at `path`, or nil when it does not exist.
    public static func mode(of path: String) -> UInt32? {
        (try? FileSystem.status(of: path))?.permissions
    }

    /// Copies `bytes` to `<path>.bak`, or to a timestamped name when that exists, and returns where.
    ///
    /// A backup is never overwritten, so the settings as they were before the first install survive.
    public static func backUp(_ bytes: [UInt8], of path: String, mode: UInt32, now: Timestamp)
        throws(SetupError) -> String
    {
        let stamp = String(now.iso8601.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
        var candidates = [path + ".bak", path + ".bak." + stamp]
        for number in 2...9 { candidates.append(path + ".bak." + stamp + "-\(number)") }
        for candidate in candidates {
            let descriptor: FileDescriptor
            do throws(Errno) {
                descriptor = try FileDescriptor.open(
                    candidate, .writeOnly, options: [.create, .exclusive], permissions: mode & 0o666)
            } catch  where error == .exists {
                continue
            } catch {
                throw .cannotBackUp(path: candidate, errno: error.code)
            }
            defer { try? descriptor.close() }
            do throws(Errno) {
                try descriptor.writeAll(bytes)
            } catch {
                try? FileSystem.remove(candidate)
                throw .cannotBackUp(path: candidate, errno: error.code)
            }
            return candidate
        }
        throw .cannotBackUp(path: path + ".bak", errno: Errno.exists.code)
    }

    /// Replaces the file at `path` with `bytes` through a temporary file and a rename, so readers see
    /// the old file or the new one, never half of one; creates missing parent directories (mode 0700).
    ///
    /// The file keeps `mode`; a symbolic link is followed, so a link into a dotfiles repository stays a link.
    public static func write(_ bytes: [UInt8], to path: String, mode: UInt32) throws(SetupError) {
        let target = resolvedTarget(path)
        let directory = parentDirectory(of: target)
        do throws(AppendError) {
            try AppendWriter.makeDirectory(directory)
        } catch {
            if case .directory(let failed, let code) = error { throw .cannotWrite(path: failed, errno: code) }
            throw .cannotWrite(path: directory, errno: Errno.ioError.code)
        }
        let name = target.split(separator: "/").last.map(String.init) ?? "settings.json"
        let temporary = (directory == "/" ? "" : directory) + "/." + name + ".tmp.\(CurrentProcess.id)"
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .truncate], permissions: newFileMode)
        } catch {
            throw .cannotWrite(path: temporary, errno: error.code)
        }
        do throws(Errno) {
            // The umask does not apply to fchmod, so the mode is exactly the old file's.
            try descriptor.setPermissions(mode)
            try descriptor.writeAll(bytes)
            try descriptor.sync()
            try? descriptor.close()
        } catch {
            try? descriptor.close()
            try? FileSystem.remove(temporary)
            throw .cannotWrite(path: temporary, errno: error.code)
        }
        do throws(Errno) {
            try FileSystem.rename(temporary, to: target)
        } catch {
            try? FileSystem.remove(temporary)
            throw .cannotWrite(path: target, errno: error.code)
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
        guard (try? FileSystem.status(of: path, followingLinks: false))?.kind == .symbolicLink,
            let resolved = try? FileSystem.resolvedPath(path)
        else { return path }
        return resolved
    }
}
