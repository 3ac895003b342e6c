import Testing

@testable import SessionStats

@Suite("Number formatting")
struct NumberFormatTests {
    @Test(
        "thousands separators, whatever the locale",
        arguments: [
            (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (12_345, "12,345"), (1_234_567, "1,234,567"),
            (-1_234_567, "-1,234,567"), (100_000_000, "100,000,000"),
        ])
    func grouped(value: Int, expected: String) {
        #expect(NumberFormat.grouped(value) == expected)
    }

    @Test("fixed decimals keep leading zeros of the fraction")
    func fixed() {
        #expect(NumberFormat.fixed(12_345, decimals: 4) == "1.2345")
        #expect(NumberFormat.fixed(5, decimals: 4) == "0.0005")
        #expect(NumberFormat.fixed(-5, decimals: 4) == "-0.0005")
        #expect(NumberFormat.fixed(12_345_678_901, decimals: 4, grouping: true) == "1,234,567.8901")
        #expect(NumberFormat.fixed(42, decimals: 0) == "42")
    }

    @Test("percentages and ratios round half up to one decimal")
    func percent() {
        #expect(NumberFormat.percent(1, of: 8) == "12.5%")
        #expect(NumberFormat.percent(2, of: 19) == "10.5%")
        #expect(NumberFormat.percent(1, of: 3) == "33.3%")
        #expect(NumberFormat.percent(2, of: 3) == "66.7%")
        #expect(NumberFormat.percent(0, of: 0) == "0.0%")
        #expect(NumberFormat.ratio(19, 4) == "4.8")
        #expect(NumberFormat.ratio(1, 0) == "0.0")
    }

    @Test(
        "durations read naturally",
        arguments: [
            (0, "0 ms"), (41, "41 ms"), (999, "999 ms"), (1000, "1.0 s"), (1249, "1.2 s"), (1250, "1.3 s"),
            (59_940, "59.9 s"), (60_000, "1m 00s"), (125_000, "2m 05s"), (3_780_000, "1h 03m"),
        ])
    func milliseconds(value: Int, expected: String) {
        #expect(NumberFormat.milliseconds(value) == expected)
    }

    @Test(
        "spans of time",
        arguments: [
            (-5, "0s"), (45, "45s"), (600, "10m 00s"), (4500, "1h 15m"), (90_000, "1d 01h"),
        ])
    func span(seconds: Int, expected: String) {
        #expect(NumberFormat.span(seconds: seconds) == expected)
    }

    @Test("trimmed decimals keep a minimum")
    func trimmed() {
        #expect(NumberFormat.trimmed(3_000_000, decimals: 6, minimumDecimals: 2) == "3.00")
        #expect(NumberFormat.trimmed(800_000, decimals: 6, minimumDecimals: 2) == "0.80")
        #expect(NumberFormat.trimmed(1_234_500, decimals: 6, minimumDecimals: 2) == "1.2345")
        #expect(NumberFormat.trimmed(7, decimals: 3, minimumDecimals: 0) == "0.007")
        #expect(NumberFormat.trimmed(3000, decimals: 3, minimumDecimals: 0) == "3")
    }

    @Test("bars scale to the maximum and show any non-zero value")
    func bar() {
        #expect(NumberFormat.bar(100, maximum: 100, width: 10) == String(repeating: "█", count: 10))
        #expect(NumberFormat.bar(50, maximum: 100, width: 10) == String(repeating: "█", count: 5))
        #expect(NumberFormat.bar(1, maximum: 1_000_000, width: 10) == "█")
        #expect(NumberFormat.bar(0, maximum: 100, width: 10) == "")
    }
}
