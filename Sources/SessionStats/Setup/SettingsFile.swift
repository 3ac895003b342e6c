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

    /// How many backups are kept: `<path>.bak` (the newest), `<path>.bak.1` and `<path>.bak.2`.
    public static let backupCount = 3

    /// Copies `bytes` to `<path>.bak` after moving the older backups up one (`.bak` to `.bak.1`,
    /// `.bak.1` to `.bak.2`, dropping the oldest), and returns where; at most ``backupCount`` are kept.
    public static func backUp(_ bytes: [UInt8], of path: String, mode: UInt32, now: Timestamp)
        throws(SetupError) -> String
    {
        let names = [path + ".bak"] + (1..<backupCount).map { path + ".bak.\($0)" }
        for index in stride(from: names.count - 1, to: 0, by: -1) {
            do throws(Errno) {
                try FileSystem.rename(names[index - 1], to: names[index])
            } catch  where error == .noSuchFile {
                continue
            } catch {
                throw .cannotBackUp(path: names[index], errno: error.code)
            }
        }
        let candidate = names[0]
        let descriptor: FileDescriptor
        do throws(Errno) {
            descriptor = try FileDescriptor.open(
                candidate, .writeOnly, options: [.create, .exclusive, .noFollow], permissions: mode & 0o666)
        } catch {
            throw .cannotBackUp(path: candidate, errno: error.code)
        }
        defer { try? descriptor.close() }
        do throws(Errno) {
            try descriptor.setPermissions(mode & 0o666)
            try descriptor.writeAll(bytes)
        } catch {
            try? FileSystem.remove(candidate)
            throw .cannotBackUp(path: candidate, errno: error.code)
        }
        return candidate
    }

    /// Runs `body` holding an exclusive `flock` on `<path>.lock`, so two `hooks` runs never edit the
    /// file at once; the lock file is removed before the lock is released. A lock held elsewhere is
    /// tried `attempts` times, 50 ms apart (5 s by default), before giving up.
    public static func withLock<T>(_ path: String, attempts: Int = 100, _ body: () throws(SetupError) -> T)
        throws(SetupError) -> T
    {
        let target = resolvedTarget(path)
        let directory = parentDirectory(of: target)
        do throws(AppendError) {
            try AppendWriter.makeDirectory(directory)
        } catch {
            if case .directory(let failed, let code) = error { throw .cannotWrite(path: failed, errno: code) }
            throw .cannotWrite(path: directory, errno: Errno.ioError.code)
        }
        let lockPath = target + ".lock"
        var waited = 0
        while true {
            let descriptor: FileDescriptor
            let locked: Bool
            do throws(Errno) {
                descriptor = try FileDescriptor.open(
                    lockPath, .readWrite, options: [.create, .noFollow], permissions: 0o600)
            } catch {
                throw .cannotWrite(path: lockPath, errno: error.code)
            }
            do throws(Errno) {
                locked = try descriptor.lock(.exclusive, wait: false)
            } catch {
                try? descriptor.close()
                throw .cannotWrite(path: lockPath, errno: error.code)
            }
            guard locked else {
                try? descriptor.close()
                // Another `hooks` run is editing: wait for it.
                guard waited < attempts else { throw .locked(path: lockPath) }
                waited += 1
                SystemClock.sleep(milliseconds: 50)
                continue
            }
            // The file we locked must still be the one at the path: a run that finished removed it.
            let held = try? descriptor.status()
            let named = try? FileSystem.status(of: lockPath, followingLinks: false)
            guard let held, let named, held.inode == named.inode, held.device == named.device else {
                try? descriptor.close()
                continue
            }
            defer {
                try? FileSystem.remove(lockPath)
                try? descriptor.close()
            }
            return try body()
        }
    }

    /// Throws unless the file at `path` still holds `expected` (nil: still absent), byte for byte.
    public static func requireUnchanged(_ path: String, expected: [UInt8]?) throws(SetupError) {
        guard try read(path) == expected else { throw .changedWhileEditing(path: path) }
    }

    /// Throws unless `bytes` are valid UTF-8: a rewrite would turn the invalid bytes into U+FFFD.
    public static func requireUTF8(_ bytes: [UInt8], of path: String) throws(SetupError) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return
            case .error: throw .notUTF8(path: path, offset: offset)
            }
        }
    }

    /// Whether the file at `path` exists and its permission bits allow nobody to write it.
    public static func isReadOnly(_ path: String) -> Bool {
        guard let mode = mode(of: path) else { return false }
        return mode & 0o222 == 0
    }

    /// Replaces the file at `path` with `bytes` through a temporary file and a rename, so readers see
    /// the old file or the new one, never half of one; creates missing parent directories (mode 0700).
    ///
    /// The file keeps `mode`; a symbolic link is followed, so a link into a dotfiles repository stays a link.
    /// With `expecting`, the file must still hold those bytes (nil: still be absent) right before the
    /// rename, else nothing is written and ``SetupError/changedWhileEditing(path:)`` is thrown.
    public static func write(
        _ bytes: [UInt8], to path: String, mode: UInt32, expecting: [UInt8]?? = .none
    ) throws(SetupError) {
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
        if case .some(let expected) = expecting {
            do throws(SetupError) {
                try requireUnchanged(target, expected: expected)
            } catch {
                try? FileSystem.remove(temporary)
                throw error
            }
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
