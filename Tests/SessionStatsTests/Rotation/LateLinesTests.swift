import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Lines that reach a day's activity file after it was rotated: counted once, merged, never lost.
@Suite struct LateLinesTests {
    static let day = "2026-10-02"

    static func line(_ minute: Int, tool: String = "Bash") -> String {
        "{\"v\":1,\"timestamp\":\"\(day)T10:\(String(format: "%02d", minute)):00.000Z\",\"event\":\"PostToolUse\","
            + "\"session_id\":\"s1\",\"project\":\"app\",\"tool\":\"\(tool)\",\"tokens\":{\"input\":1,\"output\":2}}\n"
    }

    static func operations(_ directory: ScratchDirectory) throws -> JSONDocument? {
        let test = RotationTests.context(directory)
        #expect(test.run(["report", "--range", "all", "--json"]) == .success)
        return try JSONDocument(parsing: test.captured.standardOutput)["summary"]?["total_operations"]
    }

    @Test func lateLinesAreCountedBesideTheRollupAndMergedIntoItByTheNextRotate() throws {
        let directory = ScratchDirectory()
        directory.write(Self.line(0) + Self.line(1) + Self.line(2), to: "activity-\(Self.day).jsonl")
        #expect(RotationTests.rotate(directory).0 == .success)
        #expect(try Self.operations(directory) == .number("3"))
        // A hook across midnight, or in another TZ than cron's, writes to the rotated day again.
        directory.write(Self.line(3) + Self.line(4, tool: "Read"), to: "activity-\(Self.day).jsonl")
        #expect(try Self.operations(directory) == .number("5"))
        let (code, test) = RotationTests.rotate(directory)
        #expect(code == .success)
        #expect(test.captured.standardOutput.contains("merging it into rollup-\(Self.day).jsonl"))
        #expect(!directory.names().contains("activity-\(Self.day).jsonl"))
        #expect(try Self.operations(directory) == .number("5"))
    }

    /// Rotate reads the file and writes the rollup without the file's lock: a hook can take its
    /// shared lock at once and append meanwhile (it never waits out its 1.5 s and appends unlocked);
    /// rotate merges those lines under the exclusive lock, just before removing the file.
    @Test func hooksAppendWithoutWaitingWhileTheRollupIsWrittenAndTheirLinesAreMerged() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let name = "activity-\(Self.day).jsonl"
        // The last line is still being written: no newline yet.
        directory.write(Self.line(0) + Self.line(1) + String(Self.line(2).dropLast()), to: name)
        let descriptor = try #require(try? Rotation.lock(directory.path))
        var sharedLockFree: [Bool] = []
        let outcome = try Rotation.rollUp(
            CivilDate(Self.day)!, in: directory.path, descriptor: descriptor,
            localDays: LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset)
        ) { step in
            guard step == .quarantined else { return false }
            let file = try? FileDescriptor.open(directory.file(name), .readOnly)
            sharedLockFree.append((try? file?.lock(.shared, wait: false)) == true)
            try? file?.close()
            // The hook finishes its line, and another hook appends one.
            directory.append("\n", to: name)
            try? AppendWriter.append(Array(Self.line(3).utf8), to: directory.file(name))
            return false
        }
        #expect(sharedLockFree == [true])
        #expect(outcome.lines == 4)
        #expect(!directory.names().contains(name))
        try? descriptor.close()
        #expect(try Self.operations(directory) == .number("4"))
        #expect(directory.read("rollup-\(Self.day).jsonl")?.contains("\"count\":4") == true)
    }

    @Test func aLogCopiedBackFromABackupIsNotCountedTwice() throws {
        let directory = ScratchDirectory()
        let original = Self.line(0) + Self.line(1)
        directory.write(original, to: "activity-\(Self.day).jsonl")
        #expect(RotationTests.rotate(directory).0 == .success)
        // The same bytes, a new inode, and one line more written since.
        directory.write(original + Self.line(2), to: "activity-\(Self.day).jsonl")
        #expect(try Self.operations(directory) == .number("3"))
        #expect(RotationTests.rotate(directory).0 == .success)
        #expect(try Self.operations(directory) == .number("3"))
    }

    @Test func aReportFallsBackToTheRollupWhenTheActivityFileWentAfterListing() throws {
        let directory = ScratchDirectory()
        directory.write(Self.line(0), to: "activity-\(Self.day).jsonl")
        #expect(RotationTests.rotate(directory).0 == .success)
        // Listed as an activity file, removed by rotate before it was opened.
        let file = LogFile(
            path: directory.file("activity-\(Self.day).jsonl"), date: CivilDate(Self.day)!, kind: .activity)
        guard case .rollupOnly(let path, let descriptor) = LogReader.open(file) else {
            Issue.record("expected the rollup")
            return
        }
        try? descriptor.close()
        #expect(path == directory.file("rollup-\(Self.day).jsonl"))
    }

    @Test func theRollupRecordsWhatItHolds() throws {
        let directory = ScratchDirectory()
        let bytes = Self.line(0) + Self.line(1)
        directory.write(bytes, to: "activity-\(Self.day).jsonl")
        #expect(RotationTests.rotate(directory).0 == .success)
        let rollup = try #require(directory.read("rollup-\(Self.day).jsonl"))
        let marker = try #require(rollup.split(separator: "\n").first)
        var hasher = FNV1a64()
        Array(bytes.utf8).withUnsafeBufferPointer { hasher.add($0) }
        let hex = String(hasher.value, radix: 16)
        #expect(
            marker
                == "{\"rollup\":1,\"source\":\"activity-\(Self.day).jsonl\",\"bytes\":\(bytes.utf8.count),"
                + "\"fnv1a64\":\"\(String(repeating: "0", count: 16 - hex.count) + hex)\"}")
    }
}
