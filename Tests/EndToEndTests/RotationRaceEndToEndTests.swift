import Foundation
import Testing

/// `rotate` racing the hook, with the built binaries: no line may be lost or counted twice.
@Suite struct RotationRaceEndToEndTests {
    /// The hook runs 26 hours behind `rotate` (UTC-12 against UTC+14), so with `--keep-days 1`
    /// every rotate rolls up and removes the very file the hooks are appending to, as when cron's
    /// TZ differs from Claude Code's. Thirty-two writers append 10 lines each while rotates run.
    @Test func parallelWritersRacingRotateLoseNothing() throws {
        let logger = try #require(Binary("session-logger"), "session-logger was not built beside the tests")
        let stats = try #require(Binary("session-stats"), "session-stats was not built beside the tests")
        let directory = NSTemporaryDirectory() + "/e2e-race-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: directory + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let payload = directory + "/payload.json"
        try Data(
            #"{"session_id":"s1","hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls"},"cwd":"/w/app"}"#
                .utf8
        ).write(to: URL(fileURLWithPath: payload))
        let logs = ["CLAUDE_LOG_DIR": directory + "/logs"]
        let writers = 32
        let linesEach = 10
        let writing = DispatchGroup()
        let failures = Counter()
        for _ in 0..<writers {
            DispatchQueue.global().async(group: writing) {
                for _ in 0..<linesEach {
                    let result = try? logger.run(
                        stdinPath: payload, environment: logs.merging(["TZ": "Etc/GMT+12"]) { $1 })
                    if result?.status != 0 || result?.stderr.isEmpty != true { failures.add() }
                }
            }
        }
        var rotations = 0
        while writing.wait(timeout: .now()) == .timedOut {
            let result = try stats.run(
                ["rotate", "--keep-days", "1"], environment: logs.merging(["TZ": "Etc/GMT-14"]) { $1 })
            #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
            rotations += 1
        }
        #expect(failures.value == 0)
        #expect(rotations > 0)
        // Half rotated, half not: the report counts rollups and the activity lines they do not hold.
        #expect(try operations(stats, logs) == writers * linesEach)
        _ = try stats.run(
            ["rotate", "--keep-days", "1"], environment: logs.merging(["TZ": "Etc/GMT-14"]) { $1 })
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/logs")
        #expect(!names.contains { $0.hasPrefix("activity-") })
        #expect(try operations(stats, logs) == writers * linesEach)
    }

    func operations(_ stats: Binary, _ environment: [String: String]) throws -> Int? {
        let result = try stats.run(["report", "--range", "all", "--json"], environment: environment)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        return (json?["summary"] as? [String: Any])?["total_operations"] as? Int
    }
}

/// A count shared by threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
