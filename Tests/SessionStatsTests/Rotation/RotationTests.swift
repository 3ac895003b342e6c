import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct RotationTests {
    /// The report commands whose output must not change with rotation.
    static let reports: [[String]] = [
        ["report", "--range", "all", "--json", "--top", "0"],
        ["sessions", "--range", "all", "--json", "-n", "0"],
        ["report", "--range", "month", "--json", "--top", "0"],
        ["report", "--date", "2026-10-02", "--json"],
        ["report", "--since", "2026-10-01", "--until", "2026-10-04", "--project", "app", "--json"],
        ["report", "--range", "all", "--tool", "Bash", "--json"],
    ]

    /// Keys a rollup cannot keep: per-line counts, duration percentiles, edited files, cwd (and with
    /// it the resume command's `cd`), and the reader's warnings about lines that are gone with the file.
    static let lostKeys: Set<String> = [
        "lines", "p50_ms", "p95_ms", "top_files", "cwd", "resume_command", "warnings",
    ]

    static func context(_ directory: ScratchDirectory) -> TestContext {
        TestContext(variables: ["CLAUDE_LOG_DIR": directory.path], source: .files)
    }

    /// The outputs of `reports`, parsed, without `lostKeys`.
    static func snapshot(_ directory: ScratchDirectory) throws -> [JSONDocument] {
        try reports.map { arguments in
            let test = context(directory)
            #expect(test.run(arguments) == .success)
            return stripped(try JSONDocument(parsing: test.captured.standardOutput))
        }
    }

    static func stripped(_ document: JSONDocument) -> JSONDocument {
        switch document {
        case .object(let members):
            .object(members.filter { !lostKeys.contains($0.key) }.map { .init($0.key, stripped($0.value)) })
        case .array(let elements): .array(elements.map(stripped))
        default: document
        }
    }

    static func rotate(_ directory: ScratchDirectory, _ extra: [String] = []) -> (ExitCode, TestContext) {
        let test = context(directory)
        return (RotateCommand.run(extra, context: test.context), test)
    }

    static func names(_ directory: ScratchDirectory) -> [String] { directory.names() }

    @Test func keepsEveryReportTotalAndOnlyTouchesOldActivityFiles() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        RotationFixture.write(into: directory)
        let before = try Self.snapshot(directory)
        let today = directory.read("activity-2026-11-22.jsonl")
        let strangers = RotationFixture.strangers.map { directory.read($0) }

        let (code, test) = Self.rotate(directory)
        #expect(code == .success)
        #expect(test.captured.standardError == "")
        let output = test.captured.standardOutput
        #expect(output.hasPrefix("\(directory.path): keeping 2026-10-24 to 2026-11-22 (30 days)\n"))
        #expect(
            output.contains(
                "rolled up activity-2026-10-01.jsonl (8 lines, 2 bad records quarantined) into rollup-2026-10-01.jsonl"
            ))
        #expect(
            output.contains("kept 2 unreadable lines byte for byte in quarantine-2026-10-01.jsonl\n"))
        #expect(
            directory.read("quarantine-2026-10-03.jsonl")
                == "{\"v\":1,\"timestamp\":\"2026-10-03T08:01:00.000Z\",\"event\":\"PostToolUse\"\n")
        #expect(output.contains("removed activity-2026-10-04.jsonl\n"))
        #expect(output.contains("trimmed logger-errors.log to its last 1,000 lines"))
        #expect(output.hasSuffix("rotated 4 days\n"))

        let expectedNames =
            (RotationFixture.oldDays.map { "rollup-\($0).jsonl" } + RotationFixture.strangers + [
                "activity-2026-11-21.jsonl", "activity-2026-11-22.jsonl", "logger-errors.log",
                "rollup-2026-09-01.jsonl", "quarantine-2026-10-01.jsonl", "quarantine-2026-10-03.jsonl",
            ]).sorted()
        #expect(directory.names() == expectedNames)
        #expect(directory.read("activity-2026-11-22.jsonl") == today)
        #expect(RotationFixture.strangers.map { directory.read($0) } == strangers)
        let errors = try #require(directory.read("logger-errors.log"))
        #expect(errors.split(separator: "\n").count == 1000)
        #expect(errors.hasPrefix("2026-10-01T00:00:00.000Z error: problem 501\n"))
        #expect(errors.hasSuffix("problem 1500\n"))

        let after = try Self.snapshot(directory)
        for (index, arguments) in Self.reports.enumerated() {
            #expect(after[index] == before[index], "\(arguments.joined(separator: " "))")
        }
        #expect(before[0]["summary"]?["total_operations"] == .number("20"))

        // Running again finds nothing to do and changes nothing.
        let (again, second) = Self.rotate(directory)
        #expect(again == .success)
        #expect(
            second.captured.standardOutput.hasSuffix(
                "nothing to rotate: no activity, usage or status files before 2026-10-24\n"))
        #expect(directory.names() == expectedNames)
        #expect(try Self.snapshot(directory) == before)
    }

    /// The states a rotate can be killed in, each made by doing only its first steps.
    enum Interruption: String, CaseIterable, Sendable {
        /// Killed while writing a rollup: a partial temporary file is left.
        case partialTemporaryFile
        /// Killed after renaming the rollup into place, before removing the activity file.
        case rollupWrittenActivityKept
        /// Killed between days: the first two are done, the others untouched.
        case betweenDays
        /// Killed after keeping the unreadable lines in quarantine, before renaming the rollup.
        case quarantinedRollupNotWritten
        /// Killed while trimming the error log.
        case errorLogTemporaryFile
    }

    @Test(arguments: Interruption.allCases)
    func killedHalfwayAndRunAgainLosesAndDoubleCountsNothing(_ interruption: Interruption) throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        RotationFixture.write(into: directory)
        let before = try Self.snapshot(directory)
        let descriptor = try #require(try? Rotation.lock(directory.path))
        let days = RotationFixture.oldDays.map { CivilDate($0)! }
        let resolver = LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset)
        switch interruption {
        case .partialTemporaryFile:
            directory.write("{\"rollup\":1,\"day\":\"2026-10-02\",\"ev", to: ".rollup-2026-10-02.jsonl.tmp")
        case .rollupWrittenActivityKept:
            _ = try Rotation.rollUp(
                days[0], in: directory.path, descriptor: descriptor, localDays: resolver
            ) { $0 == .renamed }
        case .betweenDays:
            for day in days.prefix(2) {
                _ = try Rotation.rollUp(day, in: directory.path, descriptor: descriptor, localDays: resolver)
            }
        case .quarantinedRollupNotWritten:
            #expect(throws: RotationError.self) {
                try Rotation.rollUp(
                    days[0], in: directory.path, descriptor: descriptor, localDays: resolver
                ) { $0 == .quarantined }
            }
        case .errorLogTemporaryFile:
            directory.write("2026-10-01T00:00:00.000Z error: problem 1\n", to: ".logger-errors.log.tmp")
        }
        try? descriptor.close()
        #expect(try Self.snapshot(directory) == before, "reports while interrupted")

        let (code, test) = Self.rotate(directory)
        #expect(code == .success, "\(test.captured.standardError)")
        #expect(try Self.snapshot(directory) == before, "reports after the run that finished the job")
        #expect(!directory.names().contains { $0.hasPrefix(".") })
        #expect(
            Set(directory.names()).isDisjoint(with: RotationFixture.oldDays.map { "activity-\($0).jsonl" }))
        if interruption == .rollupWrittenActivityKept {
            #expect(test.captured.standardOutput.contains("merging it into rollup-2026-10-01.jsonl"))
        }
        if interruption == .partialTemporaryFile {
            #expect(
                test.captured.standardOutput.contains(
                    "removed .rollup-2026-10-02.jsonl.tmp, left by an interrupted rotate"))
        }
    }

    @Test func dryRunOnlyPrints() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        RotationFixture.write(into: directory)
        directory.write("x", to: ".rollup-2026-10-02.jsonl.tmp")
        let names = directory.names()
        let contents = names.map { directory.read($0) }
        let (code, test) = Self.rotate(directory, ["--dry-run", "--keep-days", "52"])
        #expect(code == .success)
        #expect(
            test.captured.standardOutput == """
                \(directory.path): keeping 2026-10-02 to 2026-11-22 (52 days); dry run, nothing changed
                would remove .rollup-2026-10-02.jsonl.tmp, left by an interrupted rotate
                would roll up activity-2026-10-01.jsonl into rollup-2026-10-01.jsonl and remove activity-2026-10-01.jsonl
                would trim logger-errors.log to its last 1,000 lines (21,892 bytes)
                would rotate 1 day

                """)
        #expect(directory.names() == names)
        #expect(names.map { directory.read($0) } == contents)
    }

    @Test func neverRotatesTodayOrLater() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        for day in ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2027-01-01"] {
            directory.write(
                RotationFixture.line(day + "T12:00:00.000Z", .postToolUse, "s", tool: "Read"),
                to: "activity-\(day).jsonl")
        }
        let plan = try RotationPlan.make(
            directory: directory.path, keepDays: 1, today: CivilDate("2026-11-22")!)
        #expect(plan.days == [CivilDate("2026-11-20")!, CivilDate("2026-11-21")!])
        #expect(plan.firstKept == CivilDate("2026-11-22")!)
    }

    @Test func failsOnAnUnwritableRollupAndRemovesNothing() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        RotationFixture.write(into: directory)
        // A directory where the rollup should go is refused, even for root.
        try FileSystem.makeDirectory(directory.file("rollup-2026-10-02.jsonl"))
        defer { try? FileSystem.removeDirectory(directory.file("rollup-2026-10-02.jsonl")) }
        let (code, test) = Self.rotate(directory)
        #expect(code == .finding)
        #expect(
            test.captured.standardError
                == "error: refusing \(directory.path)/rollup-2026-10-02.jsonl: it is not a regular file; nothing removed\n"
        )
        // The day before was finished; the failing day and those after it are untouched.
        #expect(directory.names().contains("activity-2026-10-02.jsonl"))
        #expect(directory.names().contains("activity-2026-10-03.jsonl"))
        #expect(!directory.names().contains("activity-2026-10-01.jsonl"))
        #expect(!directory.names().contains { $0.hasPrefix(".") })
    }

    @Test(.enabled(if: CurrentProcess.effectiveUserID != 0, "root writes to read-only directories"))
    func failsOnAReadOnlyDirectoryNamingTheFile() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        RotationFixture.write(into: directory)
        let names = directory.names()
        directory.chmod(0o500)
        let (code, test) = Self.rotate(directory)
        directory.chmod(0o700)
        #expect(code == .finding)
        #expect(
            test.captured.standardError
                == "error: cannot write \(directory.path)/rollup-2026-10-01.jsonl: permission denied; nothing removed\n"
        )
        #expect(directory.names() == names)
    }

    @Test func refusesToRunBesideAnotherRotate() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        RotationFixture.write(into: directory)
        let held = try Rotation.lock(directory.path)
        defer { try? held.close() }
        let (code, test) = Self.rotate(directory)
        #expect(code == .finding)
        #expect(test.captured.standardError == "error: \(directory.path): another rotate is running\n")
        #expect(directory.names().contains("activity-2026-10-01.jsonl"))
    }

    @Test func notesAMissingDirectoryAndSucceeds() {
        let test = TestContext(variables: [:], source: .files)
        #expect(RotateCommand.run(["--dir", "/nonexistent/logs"], context: test.context) == .success)
        #expect(test.captured.standardOutput == "nothing to rotate: /nonexistent/logs does not exist yet\n")
        #expect(test.captured.standardError.isEmpty)
    }

    @Test(arguments: [
        ["--keep-days", "0"], ["--keep-days", "-3"], ["--keep-days", "abc"], ["--keep-days=1.5"],
        ["--keep-days"],
        ["--bogus"], ["extra"], ["--json"],
    ])
    func rejectsBadArguments(_ arguments: [String]) {
        let test = TestContext(variables: ["CLAUDE_LOG_DIR": "/nonexistent"], source: .files)
        #expect(RotateCommand.run(arguments, context: test.context) == .usage)
        #expect(test.captured.standardError.hasPrefix("error: "))
        #expect(test.captured.standardOutput == "")
    }

    @Test func parsesItsOptions() throws {
        let options = try RotateCommand.parse(["--keep-days", "7", "--dry-run", "--dir", "/x"]).get()
        #expect(options.keepDays == 7)
        #expect(options.dryRun)
        #expect(options.common.directories == ["/x"])
        #expect(try RotateCommand.parse([]).get().keepDays == 30)
    }
}
