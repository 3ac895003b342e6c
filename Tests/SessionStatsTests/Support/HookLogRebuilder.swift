import Foundation
import TestSupport

@testable import SessionLogCore
@testable import SessionStats

/// Rebuilds the hook log Claude Code's hook would have written for a transcript tree: each
/// `tool_use` and its `tool_result` give a PostToolUse payload (scripts/transcripts-to-hooks.py),
/// logged by the hook's own code at the time of the result.
enum HookLogRebuilder {
    /// Writes the hook log of `transcripts` into `directory`; returns the number of calls logged.
    static func rebuild(_ transcripts: String, into directory: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", PackagePaths.file("scripts/transcripts-to-hooks.py"), "--with-time", transcripts,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RebuildError.converterFailed }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let environment = HookEnvironment(logDirectory: directory)
        var count = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")),
                let time = Timestamp(iso8601: String(decoding: line[..<tab], as: UTF8.self))
            else { continue }
            let payload = StandardInput.Contents(bytes: Array(line[(tab + 1)...]), timedOut: false)
            let problems = Hook.log(input: payload, environment: environment, now: time)
            guard problems.isEmpty else { throw RebuildError.hookFailed("\(problems)") }
            count += 1
        }
        return count
    }

    enum RebuildError: Error {
        case converterFailed
        case hookFailed(String)
    }
}
