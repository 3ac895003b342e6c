/// What makes two transcript lines the same API request (see docs/usage-format.md, "Rules").
public enum RequestKey {
    /// The key of a record: copies of one request share it, different requests never do.
    ///
    /// Message ids Anthropic issues (`msg_01…`, `msg_vrtx_…`, `msg_bdrk_…`) are unique per response,
    /// so they alone identify the request, whatever request id a copy carries (a `/btw` side-chain
    /// copy carries another). Other ids, written by proxies, can repeat across requests: with a
    /// request id the pair identifies it, without one they are unique only within their session.
    /// A line with no message id at all is its own request unless it repeats exactly (same session,
    /// time, model and tokens).
    public static func of(_ record: UsageRecord) -> String {
        guard let messageID = record.messageID, !messageID.isEmpty else {
            if let requestID = record.requestID, !requestID.isEmpty { return "r|" + requestID }
            let tokens = record.tokens
            return "n|\(record.sessionID)|\(record.timestamp.milliseconds)|\(record.model)|\(tokens.input)|"
                + "\(tokens.output)|\(tokens.cacheWrite5m)|\(tokens.cacheWrite1h)|\(tokens.cacheRead)"
        }
        if isIssuedByAnthropic(messageID) { return "m|" + messageID }
        if let requestID = record.requestID, !requestID.isEmpty { return "p|" + messageID + "|" + requestID }
        return "s|" + record.sessionID + "|" + messageID
    }

    /// Whether Anthropic's API (direct, Vertex or Bedrock) issued the message id.
    public static func isIssuedByAnthropic(_ messageID: String) -> Bool {
        messageID.hasPrefix("msg_01") || messageID.hasPrefix("msg_vrtx_") || messageID.hasPrefix("msg_bdrk_")
    }

    /// Whether copy `candidate` should replace `kept`: more tokens (streaming copies grow), then
    /// the main chain over a side chain (an aside's replay), then the earlier (a resumed session's
    /// replay comes later than the original).
    public static func prefers(_ candidate: UsageRecord, over kept: UsageRecord) -> Bool {
        let candidateTotal = candidate.tokens.total
        let keptTotal = kept.tokens.total
        if candidateTotal != keptTotal { return candidateTotal > keptTotal }
        if candidate.isSidechain != kept.isSidechain { return !candidate.isSidechain }
        return candidate.timestamp < kept.timestamp
    }
}
