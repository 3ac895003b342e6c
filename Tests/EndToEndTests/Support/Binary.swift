import Foundation
import TestSupport

/// A built executable of this package, run the way Claude Code or a user's shell runs it.
struct Binary {
    /// The executable's path.
    let path: String

    /// The product beside the test bundle in the build directory, or nil when it was not built.
    init?(_ name: String) {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var candidates = [bundle.deletingLastPathComponent().appendingPathComponent(name).path]
        if let executable = Bundle.main.executablePath {
            candidates.append(
                URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
            )
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        path = found
    }

    /// What the binary reads on stdin.
    enum Input {
        /// A file opened on fd 0, as a shell's `< file` does.
        case file(String)
        /// These bytes written into a pipe that is then closed, as Claude Code feeds a hook.
        case pipe([UInt8])
    }

    /// What one run gave back.
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// Stdout as text.
        var output: String { String(decoding: stdout, as: UTF8.self) }
        /// Stderr as text.
        var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs the binary with `arguments`, feeding `stdinPath` (or /dev/null) and adding `environment` to a clean one.
    func run(_ arguments: [String] = [], stdinPath: String = "/dev/null", environment: [String: String])
        throws -> Result
    {
        try run(arguments, input: .file(stdinPath), environment: environment)
    }

    /// Runs the binary with `arguments` and `input` on stdin, adding `environment` to a clean one.
    func run(_ arguments: [String] = [], input: Input, environment: [String: String]) throws -> Result {
        let scratch = ScratchDirectory()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        switch input {
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case .pipe:
            guard pipe(&pipeEnds) == 0 else { throw SpawnError(code: errno) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        posix_spawn_file_actions_addopen(
            &actions, 1, scratch.file("out"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, scratch.file("err"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var base = ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "LANG": "C"]
        base.merge(environment) { $1 }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = base.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        if case .pipe(let bytes) = input {
            close(pipeEnds[0])
            if spawned == 0 { Self.writeAll(bytes, to: pipeEnds[1]) }
            close(pipeEnds[1])
        }
        guard spawned == 0 else { throw SpawnError(code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(
            status: exitCode, stdout: scratch.bytes("out") ?? [], stderr: scratch.bytes("err") ?? [])
    }

    // Writes as a parent feeding a child does: a child that exits early (EPIPE) ends the feeding.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        signal(SIGPIPE, SIG_IGN)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// posix_spawn failed.
struct SpawnError: Error {
    let code: Int32
}
