import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct TodayUsageTests {
    static let day = CivilDate(year: 2026, month: 11, day: 22)
    static let name = LogFileName.usage(day)

    /// A ledger line of today: `input` input tokens of `model`, message `id`.
    static func line(_ minute: Int, _ id: String, input: Int, model: String = "claude-opus-4-5") -> String {
        let time = "2026-11-22T10:\(NumberFormat.twoDigits(minute)):00.000Z"
        return
            #"{"v":1,"timestamp":"\#(time)","session_id":"s","model":"\#(model)","message_id":"msg_01\#(id)","input":\#(input),"output":0,"cache_write_5m":0,"cache_write_1h":0,"cache_read":0}"#
            + "\n"
    }

    static func refresh(_ directory: ScratchDirectory) -> (StatusLineCache, changed: Bool) {
        var cache = StatusLineCache.load(directory: directory.path) ?? StatusLineCache()
        let changed = TodayUsage.refresh(
            directory: directory.path, day: day, variables: { _ in nil }, cache: &cache)
        cache.save(directory: directory.path)
        return (cache, changed)
    }

    static func fresh(_ directory: ScratchDirectory) -> TodayUsage? {
        var cache = StatusLineCache()
        TodayUsage.refresh(directory: directory.path, day: day, variables: { _ in nil }, cache: &cache)
        return cache.usage?.totals
    }

    /// Opus 4.5 input: $5 per million tokens, so 5,000,000 picodollars a token.
    static func opus(_ tokens: Int) -> USD { USD(picodollars: Int128(tokens) * 5_000_000) }

    @Test func pricesEachRequestOnceAndReadsOnlyAppendedLines() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.line(0, "A", input: 1000) + Self.line(1, "A", input: 1000), to: Self.name)
        let (first, _) = Self.refresh(directory)
        #expect(first.usage?.totals.total == Self.opus(1000))
        #expect(Self.refresh(directory).changed == false)

        // A streamed copy with more tokens replaces the first; half a line waits for the next refresh.
        let next = Self.line(3, "B", input: 7)
        directory.append(Self.line(2, "A", input: 3000) + String(next.prefix(30)), to: Self.name)
        let (second, changed) = Self.refresh(directory)
        #expect(changed)
        #expect(second.usage?.totals.total == Self.opus(3000))
        directory.append(String(next.dropFirst(30)), to: Self.name)
        let (third, _) = Self.refresh(directory)
        #expect(third.usage?.totals.total == Self.opus(3007))
        #expect(third.usage?.totals == Self.fresh(directory))
        // The cache round-trips through its file.
        #expect(StatusLineCache.load(directory: directory.path) == third)
    }

    @Test func aRewrittenLedgerIsReadAgainAndAMissingOneForgotten() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.line(0, "A", input: 1000), to: Self.name)
        _ = Self.refresh(directory)
        directory.write(Self.line(0, "C", input: 10), to: Self.name)
        #expect(Self.refresh(directory).0.usage?.totals.total == Self.opus(10))
        try FileSystem.remove(directory.path + "/" + Self.name)
        #expect(Self.refresh(directory).0.usage == nil)
    }

    @Test func unpricedModelsAreNamedNotPricedAtZeroInSilence() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(
            Self.line(0, "A", input: 1000) + Self.line(1, "B", input: 1000, model: "gpt-9") + "not json\n",
            to: Self.name)
        let totals = try #require(Self.refresh(directory).0.usage?.totals)
        #expect(totals.unpricedModels == ["gpt-9"])
        #expect(totals.skipped == 1)
        var line = StatusLine(
            input: StatusLineInput.parse(Array("{}".utf8)), activity: nil, exactToday: totals.total,
            pricing: Pricing(),
            dailyBudget: nil, now: Timestamp(milliseconds: 0))
        line.unpricedToday = totals.unpricedModels.sorted()
        #expect(line.part(.todayCost)?.text == "$0.01+? today")
        line.unpricedToday = []
        #expect(line.part(.todayCost)?.text == "$0.01 today")
    }

    @Test func aPricingFileChangeRepricesFromScratch() throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        directory.write(Self.line(0, "A", input: 1_000_000), to: Self.name)
        let before = try #require(Self.refresh(directory).0.usage?.totals.total)
        directory.write(
            #"{"claude-opus-4-5": {"input": 1, "output": 1}}"#,
            to: PricingFile.fileName)
        let after = try #require(Self.refresh(directory).0.usage?.totals)
        #expect(after.total == Self.fresh(directory)?.total)
        #expect(after.total != before)
    }
}
