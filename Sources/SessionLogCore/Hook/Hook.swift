/// The `session-logger` hook: one payload on stdin in, one log line out, exit 0 whatever happens.
public enum Hook {
    /// How long to wait for stdin to close before logging what arrived: well below the timeout
    /// `hooks install` registers (5 s), so Claude Code never kills the hook before it logs.
    public static let stdinTimeoutMilliseconds = 1000

    /// Reads stdin, appends its line to today's log and reports problems on stderr; always exits 0.
    public static func run() -> ExitCode {
        let environment = HookEnvironment.current()
        let problems = StandardInput.withAll(from: 0, timeoutMilliseconds: stdinTimeoutMilliseconds) {
            log(input: $0, outcome: $1, environment: environment, now: Timestamp.now(), keptUntilExit: true)
        }
        ProcessLifetime.keep(environment)
        var all = problems
        if let problem = environment.logDirectoryProblem { all.insert(.logDirectory(problem), at: 0) }
        for problem in all { report(problem, environment: environment) }
        return .success
    }

    /// Builds and appends the line for `input`, returning what went wrong, if anything.
    public static func log(
        input: StandardInput.Contents, environment: HookEnvironment, now: Timestamp
    ) -> [HookProblem] {
        input.bytes.withUnsafeBufferPointer {
            log(input: $0, outcome: input.outcome, environment: environment, now: now)
        }
    }

    /// Builds and appends the line for the bytes of stdin, returning what went wrong, if anything.
    ///
    /// With `keptUntilExit`, the payload and the record are left for the process's exit to free.
    static func log(
        input: UnsafeBufferPointer<UInt8>, outcome: StandardInput.Outcome, environment: HookEnvironment,
        now: Timestamp, keptUntilExit: Bool = false
    ) -> [HookProblem] {
        var problems: [HookProblem] = []
        if outcome.timedOut { problems.append(.stdinTimedOut(bytes: input.count + outcome.droppedBytes)) }
        if let code = outcome.readError { problems.append(.stdinUnreadable(errno: code)) }
        var payload = HookPayload.parse(input)
        if outcome.droppedBytes > 0 {
            // The payload was cut: whatever parsed is kept, but the line must say it is incomplete.
            payload.problem = .truncated(kept: input.count, total: input.count + outcome.droppedBytes)
        }
        let record = LogRecord(
            payload: payload, environment: environment, timestamp: now,
            inputBytes: input.count + outcome.droppedBytes)
        if keptUntilExit {
            ProcessLifetime.keep(payload)
            ProcessLifetime.keep(record)
        }
        guard let directory = environment.logDirectory else {
            problems.append(.noLogDirectory)
            return problems
        }
        do throws(AppendError) {
            let descriptor = try SafeFile.openDirectory(directory)
            defer { try? descriptor.close() }
            // The date from the zone file directly: three system calls where `localtime_r` makes seven.
            let name = LogFileName.activity(LocalTimeZone.date(of: now))
            let path = directory + "/" + name
            try record.jsonLineWriter.withBytes { line throws(AppendError) in
                try AppendWriter.append(line, to: name, in: descriptor, path: path)
            }
        } catch {
            problems.append(.append(error))
        }
        return problems
    }

    /// Writes `problem` on stderr and, where the log directory allows, to `logger-errors.log`.
    static func report(_ problem: HookProblem, environment: HookEnvironment, errorDescriptor: Int32 = 2) {
        let line = "error: " + problem.message + "\n"
        _ = Array(("session-logger: " + line).utf8).withUnsafeBytes {
            try? FileDescriptor(rawValue: errorDescriptor).write($0)
        }
        guard let directory = environment.logDirectory else { return }
        let entry = Timestamp.now().iso8601 + " " + line
        try? AppendWriter.append(Array(entry.utf8), to: directory + "/" + LogFileName.loggerErrors)
    }
}

/// Something that went wrong in one hook run; none of it stops the run or changes its exit code.
public enum HookProblem: Equatable, Sendable {
    /// Stdin stayed open past the timeout; what had arrived was logged.
    case stdinTimedOut(bytes: Int)
    /// Reading stdin failed.
    case stdinUnreadable(errno: Int32)
    /// Neither CLAUDE_LOG_DIR nor HOME is set.
    case noLogDirectory
    /// The line could not be written.
    case append(AppendError)
    /// `CLAUDE_LOG_DIR` was not usable as given; the message says what was used instead.
    case logDirectory(String)

    /// A short lowercase message.
    public var message: String {
        switch self {
        case .stdinTimedOut(let bytes):
            "stdin not closed after \(Hook.stdinTimeoutMilliseconds / 1000) s; logged the \(bytes) bytes read"
        case .stdinUnreadable(let code): "cannot read stdin: \(AppendError.describe(code))"
        case .noLogDirectory: "neither CLAUDE_LOG_DIR nor HOME is set; nothing logged"
        case .append(let error): error.message
        case .logDirectory(let message): message
        }
    }
}
