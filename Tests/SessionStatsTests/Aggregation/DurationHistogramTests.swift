import Testing

@testable import SessionStats

@Suite("Duration percentiles")
struct DurationHistogramTests {
    @Test("short durations give exact nearest-rank percentiles")
    func exact() {
        var histogram = DurationHistogram()
        for value in [3, 4, 22, 27, 28, 31, 35] { histogram.add(value) }
        #expect(histogram.percentile(50) == 27)
        #expect(histogram.percentile(95) == 35)
        #expect(histogram.percentile(1) == 3)
        #expect(histogram.percentile(100) == 35)
    }

    @Test("long durations are within 0.2 %")
    func approximate() throws {
        var histogram = DurationHistogram()
        for value in 1...10_000 { histogram.add(value * 97) }
        let p50 = try #require(histogram.percentile(50))
        let p95 = try #require(histogram.percentile(95))
        #expect(abs(p50 - 5000 * 97) * 500 <= 5000 * 97)
        #expect(abs(p95 - 9500 * 97) * 500 <= 9500 * 97)
    }

    @Test("an empty histogram has no percentile; negatives count as 0")
    func edges() {
        var histogram = DurationHistogram()
        #expect(histogram.percentile(50) == nil)
        histogram.add(-5)
        #expect(histogram.percentile(50) == 0)
    }

    @Test("merging adds counts")
    func merge() {
        var a = DurationHistogram()
        var b = DurationHistogram()
        a.add(10)
        b.add(20)
        b.add(30)
        a.merge(b)
        #expect(a.count == 3)
        #expect(a.percentile(50) == 20)
    }
}
