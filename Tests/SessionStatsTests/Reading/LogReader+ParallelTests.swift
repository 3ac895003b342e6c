import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Reading on worker threads gives exactly what reading on one thread gives.
@Suite struct LogReaderParallelTests {
    /// Twelve days of logs whose sessions, projects and edits cross files, with bad, blank and invalid
    /// lines, a rollup standing in for a rotated day and a file with more warnings than are kept.
    static func writeLogs(to fixture: ReadingFixture) {
        let tools = ["Bash", "Read", "Edit", "Write", "Grep"]
        for day in 1...12 {
            let date = "2026-11-" + (day < 10 ? "0" : "") + String(day)
            var text = ""
            for index in 0..<60 {
                let hour = (index * 7) % 24
                let time = date + "T" + (hour < 10 ? "0" : "") + String(hour) + ":0\(index % 10):00.000Z"
                let tool = tools[(index + day) % tools.count]
                text += TestLines.v1(
                    index % 9 == 0 ? .postToolUseFailure : .postToolUse, at: time,
                    session: "s\((day + index) % 5)", project: ["app", "lib", "web"][(index / 4 + day) % 3],
                    tool: tool, input: index * day, output: 3 * index + day
                ) { record in
                    if tool == "Edit" || tool == "Write" {
                        record.file = "/w/app/Sources/f\(index % 6).swift"
                    }
                    record.cwd = day % 2 == 0 ? "/w/app" : "/w"
                }
                if index % 17 == 0 { text += "{\"v\":1,\"timestamp\":\"bad\"}\n\n" }
                if index % 23 == 0 { text += TestLines.v1(.invalid, at: time, session: "s9") }
            }
            if day == 5 { text += String(repeating: "not json\n", count: 8) }
            fixture.write("activity-\(date).jsonl", text)
        }
        fixture.write(
            "rollup-2026-10-31.jsonl",
            #"{"v":1,"kind":"rollup","date":"2026-10-31","session_id":"s1","project":"app","tool":"Bash","event":"PostToolUse","calls":4,"failures":1,"tokens":{"input":10,"output":20}}"#
                + "\n")
    }

    func run(_ arguments: [String], threads: Int, logs: String) -> (code: ExitCode, out: String, err: String)
    {
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": logs], source: .files(threads: threads))
        let code = test.run(arguments)
        return (code, test.captured.standardOutput, test.captured.standardError)
    }

    @Test(arguments: [
        ["--range", "all", "--json"], ["--range", "all"], ["sessions", "--range", "all", "--json"],
        ["--since", "2026-11-03", "--until", "2026-11-09", "--json"],
    ])
    func reportsAreIdenticalOnOneThreadAndOnTwo(arguments: [String]) {
        let fixture = ReadingFixture()
        Self.writeLogs(to: fixture)
        let single = run(arguments, threads: 1, logs: fixture.path)
        #expect(!single.out.isEmpty)
        for threads in [2, 3] {
            let parallel = run(arguments, threads: threads, logs: fixture.path)
            #expect(parallel.code == single.code)
            #expect(parallel.out == single.out)
            #expect(parallel.err == single.err)
        }
    }

    @Test func entriesAndDiagnosticsAreIdenticalAndStoppingEarlyLeavesNoWorkerBehind() {
        let fixture = ReadingFixture()
        Self.writeLogs(to: fixture)
        func read(threads: Int, stopAfter: Int = .max) -> ([String], ReadDiagnostics) {
            var reader = LogReader(
                directories: [fixture.path], days: nil, localDays: LocalDayResolver(utcOffsetSeconds: 3600))
            reader.threads = threads
            var scratch = ReadDiagnostics()
            #expect(reader.readsInParallel(reader.files(diagnostics: &scratch)) == (threads > 1))
            var seen: [String] = []
            struct Enough: Error {}
            // Parenthesised: swift-format takes a trailing closure here for Sequence.forEach.
            try? reader.forEach({ (entry: LogEntry) throws(Enough) in
                seen.append("\(entry.timestamp.milliseconds) \(entry.sessionID) \(entry.day)")
                if seen.count >= stopAfter { throw Enough() }
            })
            return (seen, reader.diagnostics)
        }
        let (single, singleDiagnostics) = read(threads: 1)
        let (parallel, parallelDiagnostics) = read(threads: 2)
        #expect(single.count > 600)
        #expect(parallel == single)
        #expect(parallelDiagnostics == singleDiagnostics)
        #expect(singleDiagnostics.suppressedWarnings > 0)
        #expect(read(threads: 2, stopAfter: 100).0 == Array(single.prefix(100)))
    }
}
