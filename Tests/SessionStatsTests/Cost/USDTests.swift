import Testing

@testable import SessionStats

@Suite("Dollar amounts")
struct USDTests {
    @Test(
        "rounding to 4 decimals is half up, never a truncation",
        arguments: [
            (Int128(0), "0.0000"), (49_999_999, "0.0000"), (50_000_000, "0.0001"), (99_999_999, "0.0001"),
            (149_999_999, "0.0001"), (150_000_000, "0.0002"), (8_495_000_000, "0.0085"),
            (1_234_567_890_123_456, "1234.5679"),
        ])
    func rounding(picodollars: Int128, expected: String) {
        #expect(USD(picodollars: picodollars).fixed4 == expected)
    }

    @Test("the display form has a dollar sign and separators")
    func display() {
        #expect(USD(picodollars: 1_234_567_890_123_456).display == "$1,234.5679")
        #expect(USD.zero.display == "$0.0000")
    }

    @Test("the bash tool's truncation case: 0.00999 rounds to 0.0100, not 0.0099")
    func notTruncated() {
        // 3,330 tokens of tool response, read at $3 per million = $0.00999.
        let cost = ModelFamily.sonnet.rates.cost(of: TokenCount(input: 0, output: 3330))
        #expect(cost.total.fixed4 == "0.0100")
    }

    @Test("cost is what the model read × input rate + what it wrote × output rate, exactly")
    func cost() {
        // Haiku 3.5: $0.80 and $4 per million. Tool input is written, the response read.
        let cost = ModelFamily.haiku35.rates.cost(of: TokenCount(input: 1_000_001, output: 3))
        #expect(cost.input == USD(picodollars: 3 * 800_000))
        #expect(cost.output == USD(picodollars: 4_000_004_000_000))
        #expect(cost.total == cost.input + cost.output)
        // A prompt is read: 1 of the 1,000,001 input tokens moves to the input rate.
        let prompted = ModelFamily.haiku35.rates.cost(of: TokenCount(input: 1_000_001, output: 3, prompt: 1))
        #expect(prompted.input == USD(picodollars: 4 * 800_000))
        #expect(prompted.output == USD(picodollars: 4_000_000_000_000))
    }
}
