import SessionLogCore

extension JSONWriter {
    /// `"attribution": {cost, requests, buckets, bucket_tokens, by_tool, by_mcp_server, by_subagent,
    /// by_skill, by_model, top_calls, unjoined, cache_hit_ratio, characters_per_token, activity}`:
    /// where the exact cost went (docs/attribution.md). Costs are numbers in USD.
    mutating func attribution(_ report: AttributionReport) {
        key("attribution")
        beginObject()
        money("cost", report.cost)
        field("requests", report.requests)
        field("rolled_up_requests", report.rolledUpRequests)
        attributionBuckets(report.buckets)
        callGroups("by_tool", "tool", report.byTool)
        callGroups("by_mcp_server", "server", report.byMCPServer)
        requestGroups("by_subagent", "subagent_type", report.bySubagent)
        requestGroups("by_skill", "skill", report.bySkill)
        requestGroups("by_model", "model", report.byModel)
        key("top_calls")
        beginArray()
        for call in report.topCalls {
            callCost(call.cost) { writer in
                writer.field("tool", call.tool)
                writer.nullable("detail", call.detail)
            }
        }
        endArray()
        key("calls_inside_subagents")
        beginObject()
        for (tool, count) in report.callsInsideSubagents.sorted(by: { $0.key < $1.key }) {
            field(tool, count)
        }
        endObject()
        key("unjoined")
        beginObject()
        field("tool_calls", report.unjoinedCallCount)
        field("requests", report.unjoinedRequests)
        key("tool_calls_by_tool")
        beginObject()
        for (tool, count) in report.unjoinedCalls.sorted(by: { $0.key < $1.key }) { field(tool, count) }
        endObject()
        key("request_sessions")
        beginArray()
        for session in report.unjoinedRequestSessions { string(session) }
        endArray()
        endObject()
        key("cache_hit_ratio")
        if let ratio = report.cacheHitRatio {
            raw(NumberFormat.fixed(Int128((ratio * 10_000).rounded()), decimals: 4))
        } else {
            null()
        }
        key("characters_per_token")
        beginArray()
        for entry in report.charactersPerToken {
            beginObject()
            field("family", entry.family)
            field("characters", entry.characters)
            field("output_tokens", entry.tokens)
            endObject()
        }
        endArray()
        key("activity")
        beginArray()
        for weekday in 0..<7 {
            beginArray()
            for count in report.activity[weekday] { integer(count) }
            endArray()
        }
        endArray()
        endObject()
    }

    /// `"attribution": {cost, requests, buckets, bucket_tokens, by_tool, by_mcp_server, unjoined}`:
    /// one session's exact cost by bucket and tool (`session ID --json`).
    mutating func sessionAttribution(_ report: AttributionReport) {
        key("attribution")
        beginObject()
        money("cost", report.cost)
        field("requests", report.requests)
        attributionBuckets(report.buckets)
        callGroups("by_tool", "tool", report.byTool)
        callGroups("by_mcp_server", "server", report.byMCPServer)
        key("unjoined")
        beginObject()
        field("tool_calls", report.unjoinedCallCount)
        field("requests", report.unjoinedRequests)
        endObject()
        endObject()
    }

    /// `"buckets": {tools, prompts, assistant_text, thinking, setup, unattributed}` in USD and
    /// `"bucket_tokens"` the same in tokens.
    mutating func attributionBuckets(_ buckets: AttributionBuckets) {
        key("buckets")
        beginObject()
        money("tools", buckets.tools)
        money("prompts", buckets.prompts)
        money("assistant_text", buckets.assistantText)
        money("thinking", buckets.thinking)
        money("setup", buckets.setup)
        money("unattributed", buckets.unattributed)
        endObject()
        key("bucket_tokens")
        beginObject()
        field("tools", buckets.tokens.tools)
        field("prompts", buckets.tokens.prompts)
        field("assistant_text", buckets.tokens.assistantText)
        field("thinking", buckets.tokens.thinking)
        field("setup", buckets.tokens.setup)
        field("unattributed", buckets.tokens.unattributed)
        endObject()
    }

    /// One call's exact cost as an object, with `extra` fields first.
    mutating func callCost(_ call: CallCost, extra: (inout JSONWriter) -> Void = { _ in }) {
        beginObject()
        field("tool_use_id", call.id)
        field("session_id", call.sessionID)
        nullable("agent_id", call.agentID)
        nullable("timestamp", call.timestamp?.iso8601)
        extra(&self)
        money("cost", call.total)
        money("issue_cost", call.issue)
        money("result_cost", call.result)
        money("carry_cost", call.carry)
        money("subagent_cost", call.subagent)
        field("tokens", call.tokens)
        endObject()
    }

    /// `"name": [{label, calls, cost, issue_cost, …}]`: calls grouped by tool or server.
    mutating func callGroups(_ name: String, _ label: String, _ groups: [AttributionReport.CallGroup]) {
        key(name)
        beginArray()
        for group in groups {
            beginObject()
            field(label, group.name)
            field("calls", group.calls)
            money("cost", group.cost)
            money("issue_cost", group.issue)
            money("result_cost", group.result)
            money("carry_cost", group.carry)
            money("subagent_cost", group.subagent)
            money("median_cost", group.median)
            money("p95_cost", group.p95)
            field("tokens", group.tokens)
            field("estimated_tokens", group.estimatedTokens)
            endObject()
        }
        endArray()
    }

    private mutating func requestGroups(
        _ name: String, _ label: String, _ groups: [AttributionReport.RequestGroup]
    ) {
        key(name)
        beginArray()
        for group in groups {
            beginObject()
            field(label, group.name)
            field("requests", group.requests)
            money("cost", group.cost)
            endObject()
        }
        endArray()
    }
}
