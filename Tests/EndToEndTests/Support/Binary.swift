import Foundation
@preconcurrency import Glibc

/// A built executable of this package, run the way Claude Code or a user's shell runs it.
struct Binary {
    /// The executable's path.
    let path: String

    /// The product beside the test bundle in the build directory, or nil when it was not built.
    init?(_ name: String) {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var candidates = [bundle.deletingLastPathComponent().appendingPathComponent(name).path]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(
                URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
            )
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        path = found
    }

    /// What one run gave back.
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Runs the binary with `arguments`, feeding `stdinPath` (or /dev/null) and adding `environment` to a clean one.
    func run(_ arguments: [String] = [], stdinPath: String = "/dev/null", environment: [String: String])
        throws -> Result
    {
        let scratch = NSTemporaryDirectory() + "/e2e-\(UUID().uuidString)"
        defer {
            unlink(scratch + ".out")
            unlink(scratch + ".err")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, scratch + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, scratch + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var base = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C"]
        base.merge(environment) { $1 }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = base.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = FileManager.default.contents(atPath: scratch + ".out") ?? Data()
        let err = FileManager.default.contents(atPath: scratch + ".err") ?? Data()
        return Result(status: exitCode, stdout: Array(out), stderr: Array(err))
    }
}

/// posix_spawn failed.
struct SpawnError: Error {
    let code: Int32
}
