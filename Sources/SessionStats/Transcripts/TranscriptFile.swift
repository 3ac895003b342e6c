import SessionLogCore

/// One transcript file found under a root, with what `stat` said about it.
public struct TranscriptFile: Equatable, Sendable {
    /// Its path.
    public var path: String
    /// The device and inode that identify it while it is renamed or replaced.
    public var device: UInt64
    /// See `device`.
    public var inode: UInt64
    /// Its size in bytes.
    public var size: Int
}

/// Finds every `*.jsonl` under the transcript roots, subagent folders included, without reading them.
public enum TranscriptFinder {
    /// What a search found.
    public struct Listing: Sendable {
        /// The files, sorted by path (a session's file before its `subagents/`) unless listed unsorted.
        public var files: [TranscriptFile] = []
        /// Roots that do not exist.
        public var missingRoots: [String] = []
        /// Paths that could not be listed or examined, with why.
        public var unreadable: [(path: String, reason: String)] = []

        /// Sorts the files by path, a session's file before its `subagents/`.
        public mutating func sortByPath() {
            // String order is byte order for ASCII and NFC paths, and compares ASCII with memcmp: the generic
            // UTF-8 comparison took most of a warm `search` listing of 2,000 sessions.
            files.sort { $0.path < $1.path }
        }
    }

    /// Lists the transcripts under `roots`; symbolic links inside a root are not followed.
    public static func list(roots: [String]) -> Listing {
        list(roots: roots, sorted: true)
    }

    /// Lists the transcripts under `roots` in the order the folders were walked, unless `sorted`.
    public static func list(roots: [String], sorted: Bool) -> Listing {
        var listing = Listing()
        for root in roots {
            guard let status = FileAccess.status(root) else {
                let code = FileAccess.lastError
                if FileAccess.isMissing(code) {
                    listing.missingRoots.append(root)
                } else {
                    listing.unreadable.append((root, AppendError.describe(code)))
                }
                continue
            }
            guard status.isDirectory else {
                listing.unreadable.append((root, "not a directory"))
                continue
            }
            walk(root, into: &listing)
        }
        if sorted { listing.sortByPath() }
        return listing
    }

    private static func walk(_ root: String, into listing: inout Listing) {
        var pending = [root]
        while let directory = pending.popLast() {
            guard let entries = FileAccess.entries(of: directory) else {
                listing.unreadable.append((directory, AppendError.describe(FileAccess.lastError)))
                continue
            }
            for entry in entries {
                let path = TranscriptRoots.join(directory, entry.name)
                switch entry.kind {
                case .directory: pending.append(path)
                case .file where entry.name.hasSuffix(".jsonl"):
                    guard let status = FileAccess.status(path, followLink: false), status.isRegular else {
                        listing.unreadable.append((path, AppendError.describe(FileAccess.lastError)))
                        continue
                    }
                    listing.files.append(
                        TranscriptFile(
                            path: path, device: status.device, inode: status.inode, size: status.size))
                default: break
                }
            }
        }
    }
}
