import SessionLogCore

extension UsageRecord {
    /// The record as one compact ledger line, newline included; absent fields are left out.
    public var ledgerLine: [UInt8] {
        var writer = JSONWriter(capacity: 384)
        writer.beginObject()
        writer.field(key: UsageKeys.version, UsageKeys.currentVersion)
        writer.field(key: UsageKeys.timestamp, timestamp.iso8601)
        writer.key(key: UsageKeys.sessionID)
        writer.string(sessionID)
        writer.key(key: UsageKeys.project)
        writer.string(project)
        writer.field(key: UsageKeys.cwd, cwd)
        writer.key(key: UsageKeys.model)
        writer.string(model)
        writer.field(key: UsageKeys.messageID, messageID)
        writer.field(key: UsageKeys.requestID, requestID)
        writer.field(key: UsageKeys.input, tokens.input)
        writer.field(key: UsageKeys.output, tokens.output)
        writer.field(key: UsageKeys.cacheWrite5m, tokens.cacheWrite5m)
        writer.field(key: UsageKeys.cacheWrite1h, tokens.cacheWrite1h)
        writer.field(key: UsageKeys.cacheRead, tokens.cacheRead)
        if webSearchRequests != 0 { writer.field(key: UsageKeys.webSearchRequests, webSearchRequests) }
        writer.field(key: UsageKeys.speed, speed)
        writer.field(key: UsageKeys.inferenceGeo, inferenceGeo)
        if isSidechain { writer.field(key: UsageKeys.sidechain, true) }
        writer.field(key: UsageKeys.agentID, agentID)
        if !toolUseIDs.isEmpty {
            writer.key(key: UsageKeys.toolUseIDs)
            writer.beginArray()
            for id in toolUseIDs { writer.string(id) }
            writer.endArray()
        }
        if let cacheMiss {
            writer.field(key: UsageKeys.cacheMiss, cacheMiss.reason)
            if cacheMiss.missedTokens != 0 {
                writer.field(key: UsageKeys.cacheMissedTokens, cacheMiss.missedTokens)
            }
        }
        writer.field(key: UsageKeys.attributionSkill, attribution.skill)
        writer.field(key: UsageKeys.attributionPlugin, attribution.plugin)
        writer.field(key: UsageKeys.attributionMCPServer, attribution.mcpServer)
        writer.field(key: UsageKeys.attributionMCPTool, attribution.mcpTool)
        writer.field(key: UsageKeys.attributionAgent, attribution.agent)
        if pieces.isKnown {
            writer.integers(key: UsageKeys.toolInputChars, pieces.toolInputChars)
            writer.field(key: UsageKeys.textChars, pieces.textChars)
            if pieces.thinkingChars != 0 { writer.field(key: UsageKeys.thinkingChars, pieces.thinkingChars) }
            if pieces.promptChars != 0 { writer.field(key: UsageKeys.promptChars, pieces.promptChars) }
            if !pieces.resultIDs.isEmpty {
                writer.key(key: UsageKeys.resultIDs)
                writer.beginArray()
                for id in pieces.resultIDs { writer.string(id) }
                writer.endArray()
                writer.integers(key: UsageKeys.resultChars, pieces.resultChars)
                if !pieces.resultAgentIDs.isEmpty {
                    writer.key(key: UsageKeys.resultAgentIDs)
                    writer.beginArray()
                    for id in pieces.resultAgentIDs { writer.string(id) }
                    writer.endArray()
                }
            }
            if pieces.compacted { writer.field(key: UsageKeys.compacted, true) }
        }
        writer.endObject()
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

extension JSONWriter {
    /// Writes a key of a fixed vocabulary.
    mutating func key(key: StaticString) { self.key(key.description) }

    /// Writes `"key": "value"` for a vocabulary key, or nothing when the value is nil or empty.
    mutating func field(key: StaticString, _ value: String?) { field(key.description, value) }

    /// Writes `"key": value` for a vocabulary key, or nothing when the value is nil.
    mutating func field(key: StaticString, _ value: Int?) { field(key.description, value) }

    /// Writes `"key": value` for a vocabulary key, or nothing when the value is nil.
    mutating func field(key: StaticString, _ value: Bool?) { field(key.description, value) }

    /// Writes `"key": [n, …]` for a vocabulary key, or nothing when the array is empty.
    mutating func integers(key: StaticString, _ values: [Int]) {
        guard !values.isEmpty else { return }
        self.key(key: key)
        beginArray()
        for value in values { integer(value) }
        endArray()
    }
}
