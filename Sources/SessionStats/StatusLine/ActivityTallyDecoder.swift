import SessionLogCore

/// Decodes activity-log records into `ActivityTally` values: the status line's refresh, which on a
/// cold start reads all of today's file and needs only a few fields of each line.
///
/// It skips exactly the records `LogLineDecoder` skips, for the same reasons (both use its timestamp,
/// token and problem rules), but builds no `LogEntry` and no String, except the model of a
/// SessionStart line and a session id written with escapes.
struct ActivityTallyDecoder: LogRecordDecoding {
    /// Finds each line's local day.
    var localDays: LocalDayResolver

    mutating func decodeRecord(
        _ scanner: inout JSONScanner, kind: LogFileReader.Kind, at location: LogLocation,
        problem: inout RecordProblem?
    ) throws(JSONScanError) -> ActivityTally? {
        if kind == .rollup {
            return try LogLineDecoder.decodeRollupRow(&scanner, at: location, problem: &problem).map(
                ActivityTally.init)
        }
        var hasVersion = false
        var timestamp: Timestamp?
        var timestampIsBad = false
        var event: JSONStringToken?
        var hasTool = false
        var session: JSONStringToken?
        var model: JSONStringToken?
        var tokens = (input: 0, output: 0)
        var outOfRange: String?

        // The keys LogLineDecoder reads that decide the totals or whether the line counts; the others are
        // only checked, as LogLineDecoder checks the ones it does not keep.
        var cursor = try scanner.enterObject()
        while let key = try scanner.nextPlainKey(&cursor) {
            switch key.end - key.start {
            case 1 where scanner.matches(key, LogKey.version):
                hasVersion = true
                try scanner.skipPlainValue()
            case 4 where scanner.matches(key, LogKey.tool):
                hasTool = try scanner.scanOptionalPlainString() != nil
            case 5 where scanner.matches(key, LogKey.event):
                if let token = try scanner.scanOptionalPlainString() { event = token }
            case 5 where scanner.matches(key, LogKey.model): model = try scanner.scanOptionalPlainString()
            case 6 where scanner.matches(key, LogKey.tokens):
                tokens = try LogLineDecoder.readTokens(&scanner, outOfRange: &outOfRange)
            case 9 where scanner.matches(key, LogKey.timestamp):
                try LogLineDecoder.readTimestamp(&scanner, into: &timestamp, isBad: &timestampIsBad)
            case 10 where scanner.matches(key, LogKey.sessionID):
                session = try scanner.scanOptionalPlainString()
            case 11 where scanner.matches(key, LogKey.durationMS):
                _ = try LogLineDecoder.count(
                    &scanner, limit: ValueLimits.lineDurationMS, key: LogKey.durationMS.description,
                    outOfRange: &outOfRange)
            default: try scanner.skipPlainValue()
            }
        }

        if let found = LogLineDecoder.problem(
            hasVersion: hasVersion, hasEvent: event != nil, hasTool: hasTool, hasSession: session != nil,
            timestamp: timestamp, timestampIsBad: timestampIsBad, outOfRange: outOfRange)
        {
            problem = found
            return nil
        }
        guard let timestamp else { return nil }
        let (kind, isToolCall) = event.map { self.event($0, in: scanner) } ?? (.other, false)
        let operations = LogLineDecoder.operations(
            isLegacy: !hasVersion && event == nil, isToolCall: isToolCall)
        var tally = ActivityTally(
            day: localDays.day(of: timestamp), event: kind, operations: operations,
            tokens: TokenCount(
                input: tokens.input, output: tokens.output, isPrompt: kind == .userPromptSubmit),
            session: UnsafeBufferPointer(start: nil, count: 0))
        if let session {
            if session.hasEscapes {
                tally.decodedSession = scanner.decode(session)
            } else {
                tally.session = UnsafeBufferPointer(rebasing: scanner.bytes[session.start..<session.end])
            }
        }
        if kind == .sessionStart && operations == 0, let model, model.end > model.start {
            tally.model = scanner.decode(model)
        }
        return tally
    }

    /// What the totals need of the event named by `token`, and whether it is a tool call.
    @inline(__always)
    func event(_ token: JSONStringToken, in scanner: JSONScanner) -> (ActivityTally.Event, Bool) {
        if token.hasEscapes { return ActivityTallyDecoder.event(HookEvent(name: scanner.decode(token))) }
        let bytes = UnsafeBufferPointer(rebasing: scanner.bytes[token.start..<token.end])
        for (name, event) in namedEvents
        where name.count == bytes.count
            && name.withUnsafeBufferPointer({
                RawMemory.equal($0.baseAddress!, bytes.baseAddress!, count: $0.count)
            })
        {
            return ActivityTallyDecoder.event(event)
        }
        return (.other, false)
    }

    /// The event names a tally tells apart, as the log writes them.
    let namedEvents: [([UInt8], HookEvent)] = [
        HookEvent.postToolUse, .sessionStart, .userPromptSubmit, .postToolUseFailure, .invalid,
    ].map { (Array($0.name.utf8), $0) }

    /// What the totals need of `event`, and whether it is a tool call.
    static func event(_ event: HookEvent) -> (ActivityTally.Event, Bool) {
        switch event {
        case .sessionStart: (.sessionStart, false)
        case .userPromptSubmit: (.userPromptSubmit, false)
        case .invalid: (.invalid, false)
        default: (.other, event.isToolCall)
        }
    }
}
