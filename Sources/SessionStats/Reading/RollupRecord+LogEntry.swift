import SessionLogCore

extension RollupRecord {

    /// The entry the reader hands on for this row: its counts in `events`, `operations`, `failures`
    /// and `durationTotalMS`, its time span in `timestamp` and `endTimestamp`, and `day` as written.
    public func entry(at location: LogLocation) -> LogEntry {
        let isOperation = event.isToolCall
        return LogEntry(
            source: .rollup,
            timestamp: first,
            day: day,
            event: event,
            sessionID: sessionID,
            project: project,
            cwd: nil,
            tool: tool,
            file: nil,
            command: nil,
            url: nil,
            path: nil,
            pattern: nil,
            model: model,
            inputTokens: inputTokens,
            outputTokens: outputTokens,
            durationMS: nil,
            durationTotalMS: durationTotalMS,
            operations: isOperation ? count : 0,
            failures: isOperation ? failures : 0,
            error: nil,
            interrupted: false,
            tags: [:],
            location: location,
            events: count,
            endTimestamp: last
        )
    }
}
