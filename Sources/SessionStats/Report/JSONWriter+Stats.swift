import SessionLogCore

/// The JSON pieces the reports share: token counts, costs, sessions, warnings.
extension JSONWriter {
    /// `"key": {"input": …, "output": …, "total": …}`.
    mutating func tokens(_ key: String, _ count: TokenCount) {
        self.key(key)
        beginObject()
        field("input", count.input)
        field("output", count.output)
        field("total", count.total)
        endObject()
    }

    /// `"key": 0.1234`, rounded half up to 4 decimals.
    mutating func money(_ key: String, _ amount: USD) {
        self.key(key)
        raw(amount.fixed4)
    }

    /// `"key": {"input": …, "output": …, "total": …, "currency": "USD"}`.
    mutating func cost(_ key: String, _ cost: CostSplit) {
        self.key(key)
        beginObject()
        money("input", cost.input)
        money("output", cost.output)
        money("total", cost.total)
        field("currency", "USD")
        endObject()
    }

    /// `"key": "value"`, or `null` when the value is nil or empty.
    mutating func nullable(_ key: String, _ value: String?) {
        self.key(key)
        if let value, !value.isEmpty { string(value) } else { null() }
    }

    /// One session's totals as an object: the estimate, and in `usage` the exact figures from the usage
    /// ledger (`null` when it has none for the session). A session only the ledger has comes without
    /// `choice` and `cost`: no rates, and `tokens` and `estimated_cost` null.
    mutating func session(
        _ session: SessionTotals, model: String?, choice: RateChoice?, cost sessionCost: CostSplit?,
        exact: UsageTotals?, clock: LocalClock
    ) {
        beginObject()
        field("session_id", session.id)
        nullable("project", session.project)
        nullable("cwd", session.cwd)
        nullable("model", model)
        nullable("rates", choice?.family?.label)
        field("start", session.start.iso8601)
        field("end", session.end.iso8601)
        field("start_local", clock.dateTime(session.start))
        field("duration_ms", session.durationMS)
        field("operations", session.operations)
        field("failed", session.failures)
        field("lines", session.lines)
        if let sessionCost {
            tokens("tokens", session.tokens)
            cost("estimated_cost", sessionCost)
        } else {
            key("tokens")
            null()
            key("estimated_cost")
            null()
        }
        key("usage")
        if let exact { usageTotals(exact) } else { null() }
        field("resume_command", ResumeCommand.line(sessionID: session.id, cwd: session.cwd))
        endObject()
    }

    /// `"warnings": {…}`: what reading the logs skipped or could not find.
    mutating func warnings(_ diagnostics: ReadDiagnostics, fallbackSessions: Int) {
        key("warnings")
        beginObject()
        field("skipped_lines", diagnostics.skipped)
        field("truncated_lines", diagnostics.truncated)
        field("blank_lines", diagnostics.blankLines)
        field("invalid_hook_lines", diagnostics.invalidHookLines)
        field("unreadable_paths", diagnostics.unreadablePaths)
        field("unknown_model_sessions", fallbackSessions)
        key("missing_directories")
        beginArray()
        for directory in diagnostics.missingDirectories { string(directory) }
        endArray()
        key("messages")
        beginArray()
        for message in diagnostics.warnings { string(message) }
        endArray()
        endObject()
    }

    /// The written JSON as text with a final newline.
    var text: String { String(decoding: bytes, as: UTF8.self) + "\n" }
}
