import SessionLogCore

@testable import SessionStats

/// Log entries built directly, for tests that do not go through the reader.
extension LogEntry {
    /// The UTC offset fixtures use for their local day unless told otherwise: UTC+1, as in Berlin in winter.
    static let fixtureOffset = 3600

    /// An entry at `time` (ISO 8601); operations and failures follow from `event` and `source`.
    static func fixture(
        _ time: String, event: HookEvent = .postToolUse, session: String = "s1", project: String? = "app",
        cwd: String? = "/home/u/app", tool: String? = nil, file: String? = nil, command: String? = nil,
        url: String? = nil, path: String? = nil, pattern: String? = nil, model: String? = nil,
        input: Int = 0, output: Int = 0, duration: Int? = nil, error: String? = nil,
        interrupted: Bool = false,
        tags: [String: String] = [:], source: Source = .v1, utcOffset: Int = fixtureOffset, line: Int = 1
    ) -> LogEntry {
        let timestamp = Timestamp(iso8601: time)!
        let isOperation = source != .v1 || event == .postToolUse || event == .postToolUseFailure
        let failed = event == .postToolUseFailure
        var resolver = LocalDayResolver(utcOffsetSeconds: utcOffset)
        return LogEntry(
            source: source, timestamp: timestamp, day: resolver.day(of: timestamp), event: event,
            sessionID: session, project: project, cwd: cwd, tool: tool, file: file, command: command,
            url: url,
            path: path, pattern: pattern, model: model, inputTokens: input, outputTokens: output,
            durationMS: duration, durationTotalMS: duration ?? 0, operations: isOperation ? 1 : 0,
            failures: failed ? 1 : 0, error: error, interrupted: interrupted, tags: tags,
            location: LogLocation(file: "/logs/activity-\(time.prefix(10)).jsonl", line: line))
    }
}
