import Foundation
import TestSupport

/// A built executable of this package, run the way Claude Code or a user's shell runs it.
struct Binary {
    /// The executable's path.
    let path: String

    /// The product beside the test bundle in the build directory, or nil when it was not built.
    ///
    /// The bundle is the runner itself on Linux and a loaded `.xctest` bundle (or a runner argument)
    /// on macOS; the package's `.build/debug` is the last resort.
    init?(_ name: String) {
        var places = CommandLine.arguments.map { URL(fileURLWithPath: $0) }
        places += Bundle.allBundles.map(\.bundleURL)
        var directories = places.map { url in
            var url = url
            // From `…/debug/X.xctest/Contents/MacOS/X` up to `…/debug/X.xctest`.
            while url.path.contains(".xctest/") { url.deleteLastPathComponent() }
            return url.deletingLastPathComponent()
        }
        directories.append(URL(fileURLWithPath: PackagePaths.file(".build/debug")))
        let candidates = directories.map { $0.appendingPathComponent(name).path }
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var base = ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "LANG": "C"]
        base.merge(environment) { $1 }
        process.environment = base
        // Output goes to files, not pipes, so a chatty child never blocks on a full pipe.
        let output = try FileHandle(
            forWritingTo: URL(fileURLWithPath: scratch.write("", to: "out", mode: 0o600)))
        let errors = try FileHandle(
            forWritingTo: URL(fileURLWithPath: scratch.write("", to: "err", mode: 0o600)))
        process.standardOutput = output
        process.standardError = errors
        let feed = Pipe()
        switch input {
        case .file(let path):
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        case .pipe: process.standardInput = feed
        }
        try process.run()
        if case .pipe(let bytes) = input {
            // As a parent feeding a child does: a child that exits early (EPIPE) ends the feeding.
            signal(SIGPIPE, SIG_IGN)
            try? feed.fileHandleForReading.close()
            try? feed.fileHandleForWriting.write(contentsOf: bytes)
            try? feed.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try? output.close()
        try? errors.close()
        let status = process.terminationStatus
        return Result(
            status: process.terminationReason == .exit ? status : 128 + status,
            stdout: scratch.bytes("out") ?? [], stderr: scratch.bytes("err") ?? [])
    }
}
