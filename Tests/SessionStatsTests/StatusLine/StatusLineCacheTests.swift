import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct StatusLineCacheTests {
    static let day = CivilDate(year: 2026, month: 11, day: 22)
    static let name = LogFileName.activity(day)
    static let resolver = LocalDayResolver(utcOffsetSeconds: LogEntry.fixtureOffset)

    static func line(_ minute: Int, _ session: String, input: Int, model: String? = nil) -> String {
        let time = "2026-11-22T10:\(NumberFormat.twoDigits(minute)):00.000Z"
        if let model { return RotationFixture.line(time, .sessionStart, session, model: model) }
        return RotationFixture.line(time, .postToolUse, session, tool: "Bash", input: input)
    }

    /// The totals of the file read from scratch, with no cache.
    static func fresh(_ directory: ScratchDirectory) -> TodayActivity? {
        var cache = StatusLineCache()
        TodayActivity.refresh(directory: directory.path, day: day, localDays: resolver, cache: &cache)
        return cache.activity?.totals
    }

    static func refresh(_ directory: ScratchDirectory) -> (StatusLineCache, changed: Bool) {
        var cache = StatusLineCache.load(directory: directory.path) ?? StatusLineCache()
        let changed = TodayActivity.refresh(
            directory: directory.path, day: day, localDays: resolver, cache: &cache)
        cache.save(directory: directory.path)
        return (cache, changed)
    }

    @Test func appendsAreReadIncrementallyAndAgreeWithAFullRead() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(
            Self.line(0, "a", input: 0, model: "claude-opus-4-5") + Self.line(1, "a", input: 100),
            to: Self.name)
        let (first, _) = Self.refresh(directory)
        #expect(
            first.activity?.totals.sessions["a"]
                == .init(model: "claude-opus-4-5", operations: 1, tokens: TokenCount(input: 100)))
        let covered = try #require(first.activity?.mark.offset)

        // Nothing new: nothing changes and nothing is read.
        #expect(Self.refresh(directory).changed == false)

        // A whole line and half of the next one: only the whole line counts.
        let next = Self.line(3, "b", input: 7)
        directory.append(Self.line(2, "a", input: 50) + String(next.prefix(20)), to: Self.name)
        let (second, changed) = Self.refresh(directory)
        #expect(changed)
        #expect(second.activity?.totals.sessions["a"]?.tokens.input == 150)
        #expect(second.activity?.totals.sessions["b"] == nil)
        #expect((second.activity?.mark.offset ?? 0) > covered)

        directory.append(String(next.dropFirst(20)), to: Self.name)
        let (third, _) = Self.refresh(directory)
        #expect(third.activity?.totals.sessions["b"]?.tokens.input == 7)
        #expect(third.activity?.totals == Self.fresh(directory))
    }

    @Test func aFileReplacedTruncatedOrRewrittenUnderTheCacheIsReadAgain() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.line(1, "a", input: 100) + Self.line(2, "a", input: 200), to: Self.name)
        _ = Self.refresh(directory)

        // Rewritten in place, same size, same inode: different bytes before the offset.
        let path = directory.file(Self.name)
        let rewritten = Self.line(1, "z", input: 900) + Self.line(2, "z", input: 900)
        let descriptor = try FileDescriptor.open(path, .writeOnly)
        _ = try Array(rewritten.utf8).withUnsafeBytes { try descriptor.write($0, at: 0) }
        try descriptor.close()
        #expect(Self.refresh(directory).0.activity?.totals.sessions["a"] == nil)
        #expect(Self.refresh(directory).0.activity?.totals == Self.fresh(directory))

        // Truncated and written again, shorter.
        directory.write(Self.line(5, "t", input: 1), to: Self.name)
        #expect(Self.refresh(directory).0.activity?.totals.sessions.keys.sorted() == ["t"])

        // Replaced by another file (rotation, an editor's save): a new inode, even at the same size.
        let oldInode = try FileSystem.status(of: path).inode
        directory.write(Self.line(6, "r", input: 1), to: "replacement")
        try FileSystem.rename(directory.file("replacement"), to: path)
        #expect(try FileSystem.status(of: path).inode != oldInode)
        #expect(Self.refresh(directory).0.activity?.totals.sessions.keys.sorted() == ["r"])

        // Gone: no totals.
        try FileSystem.remove(path)
        #expect(Self.refresh(directory).0.activity == nil)
    }

    @Test func aNewDayStartsAfresh() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.line(1, "a", input: 100), to: Self.name)
        var cache = StatusLineCache()
        TodayActivity.refresh(
            directory: directory.path, day: Self.day, localDays: Self.resolver, cache: &cache)
        let tomorrow = Self.day.adding(days: 1)
        directory.write(Self.line(1, "a", input: 100), to: LogFileName.activity(tomorrow))
        TodayActivity.refresh(
            directory: directory.path, day: tomorrow, localDays: Self.resolver, cache: &cache)
        // Tomorrow's file holds only an entry of the 22nd: nothing counts for the 23rd.
        #expect(cache.activity?.totals.day == tomorrow)
        #expect(cache.activity?.totals.sessions.isEmpty == true)
    }

    @Test func encodesAndDecodesExactly() throws {
        var cache = StatusLineCache()
        var totals = TodayActivity(day: Self.day)
        totals.sessions["a \"quoted\""] = .init(
            model: "claude-opus-4-5", operations: 3, tokens: TokenCount(input: 5, output: 7, prompt: 2))
        totals.sessions["b"] = .init(model: nil, operations: 0, tokens: TokenCount(input: 1, output: 0))
        totals.unattributed = .init(operations: 2, tokens: TokenCount(input: 9, output: 9))
        totals.skipped = 4
        cache.activity = (FileMark(device: .max, inode: 12, offset: 345, head: .max - 1, tail: 0), totals)
        cache.captures["s"] = .init(milliseconds: 1_795_359_600_000, values: 0xFFFF_FFFF_FFFF_FFFF)
        #expect(StatusLineCache.decode(cache.encoded()) == cache)
        #expect(StatusLineCache.decode(StatusLineCache().encoded()) == StatusLineCache())
    }

    @Test func aDamagedCacheIsNeverTrusted() throws {
        var cache = StatusLineCache()
        var totals = TodayActivity(day: Self.day)
        totals.sessions["a"] = .init(
            model: "m", operations: 3, tokens: TokenCount(input: 5, output: 7, prompt: 2))
        cache.activity = (FileMark(device: 1, inode: 2, offset: 3, head: 4, tail: 5), totals)
        let good = cache.encoded()
        let header = good.firstIndex(of: UInt8(ascii: "\n"))!
        var flipped = good
        flipped[flipped.count - 5] ^= 1  // one bit of a number
        var otherVersion = good
        otherVersion[header - 18] = UInt8(ascii: "9")
        let body = Array(good[(header + 1)...])
        for bad in [
            flipped, Array(good.dropLast(1)), otherVersion, [], Array("garbage\n{}".utf8), body,
            Array(
                "sessionlog-statusline-cache 1 \(String(FNV1a.hash(Array("[]".utf8)), radix: 16))\n[]".utf8),
        ] {
            #expect(StatusLineCache.decode(bad) == nil)
        }
    }

    @Test func aDamagedCacheFileIsRebuiltFromTheLog() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.line(1, "a", input: 100), to: Self.name)
        _ = Self.refresh(directory)
        // A cache that claims more than the log holds, with a wrong checksum: ignored.
        directory.write(
            "sessionlog-statusline-cache 1 0\n{\"activity\":{\"day\":\"2026-11-22\",\"mark\":[0,0,0,0,0]}}",
            to: StatusLineCache.fileName)
        #expect(StatusLineCache.load(directory: directory.path) == nil)
        #expect(Self.refresh(directory).0.activity?.totals == Self.fresh(directory))
        #expect(StatusLineCache.load(directory: directory.path) != nil)
        // A cache that is a FIFO or a symbolic link is not read, and does not hang.
        try FileSystem.remove(directory.file(StatusLineCache.fileName))
        try FileSystem.makeFIFO(directory.file(StatusLineCache.fileName))
        #expect(StatusLineCache.load(directory: directory.path) == nil)
        try FileSystem.remove(directory.file(StatusLineCache.fileName))
        directory.write("x", to: "elsewhere")
        try FileSystem.makeSymbolicLink(
            at: directory.file(StatusLineCache.fileName), to: directory.file("elsewhere"))
        #expect(StatusLineCache.load(directory: directory.path) == nil)
        // Saving replaces the link, not what it points to.
        #expect(StatusLineCache().save(directory: directory.path))
        #expect(directory.read("elsewhere") == "x")
    }

    @Test func savesPrivatelyAndLeavesNothingBehindInAReadOnlyDirectory() throws {
        let directory = ScratchDirectory()
        defer {
            try? FileSystem.setPermissions(directory.path, 0o700)
            directory.remove()
        }
        #expect(StatusLineCache().save(directory: directory.path))
        #expect(try FileSystem.status(of: directory.file(StatusLineCache.fileName)).permissions == 0o600)
        try FileSystem.setPermissions(directory.path, 0o500)
        // Root ignores the mode: only check what a user sees.
        if CurrentProcess.effectiveUserID != 0 {
            #expect(StatusLineCache().save(directory: directory.path) == false)
            #expect(directory.names() == [StatusLineCache.fileName])
        }
    }

    @Test func aFIFOInPlaceOfTodaysFileGivesNoTotalsAndDoesNotHang() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        try FileSystem.makeFIFO(directory.file(Self.name))
        var cache = StatusLineCache()
        TodayActivity.refresh(
            directory: directory.path, day: Self.day, localDays: Self.resolver, cache: &cache)
        #expect(cache.activity == nil)
    }
}
