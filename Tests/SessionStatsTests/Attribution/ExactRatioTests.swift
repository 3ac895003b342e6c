import TestSupport
import Testing

@testable import SessionStats

@Suite struct ExactRatioTests {
    // The floor the ratio must give, by 128-bit division.
    private static func floor(_ amount: UInt64, _ size: UInt64, _ total: UInt64) -> UInt64 {
        UInt64(UInt128(amount) * UInt128(size) / UInt128(total))
    }

    private static let amounts: [UInt64] = [
        0, 1, 2, 3, 999, 1 << 31, (1 << 32) - 1, 1 << 32, (1 << 32) + 1, 1 << 63, (1 << 63) + 1,
        UInt64.max - 1, UInt64.max, 7_530_000_000, 1_084_500_000, 123_456_789_012_345,
    ]

    private static let totals: [UInt64] = [
        1, 2, 3, 7, 10, 255, 256, 257, 14_140, 65_535, 65_536, 1_000_003, (1 << 31) - 1, 1 << 31,
        (1 << 32) - 5, (1 << 32) - 1, 1 << 32,
    ]

    @Test func givesTheFloorOfEveryEdgeCase() throws {
        for total in Self.totals {
            for amount in Self.amounts {
                let ratio = try #require(ExactRatio(amount, over: total))
                var sizes: Set<UInt64> = [0, 1, 2, total / 2, total - 1, total]
                if total > 3 { sizes.formUnion([total / 3, total - 2, (total + 1) / 2]) }
                for size in sizes where size <= total {
                    #expect(
                        ratio.share(of: size) == Self.floor(amount, size, total),
                        "amount \(amount), size \(size), total \(total)")
                }
            }
        }
    }

    @Test func givesTheFloorOfRandomSplits() throws {
        var generator = SplitMix64(seed: 0x5EED_A11)
        for round in 0..<20_000 {
            // Totals of every magnitude up to 2^32, amounts of every magnitude up to 2^64.
            let total = max(1, generator.next() >> (32 + generator.next() % 32))
            let amount = generator.next() >> (generator.next() % 64)
            let ratio = try #require(ExactRatio(amount, over: total))
            for _ in 0..<8 {
                let size = generator.next() % (total + 1)
                #expect(
                    ratio.share(of: size) == Self.floor(amount, size, total),
                    "round \(round): amount \(amount), size \(size), total \(total)")
            }
        }
    }

    @Test func sharesOfEverySizeOfASmallTotalAreExact() throws {
        // Every numerator of a few totals whose reciprocal rounds up by almost a whole unit.
        for total: UInt64 in [3, 7, 641, 6_700_417] {
            for amount: UInt64 in [UInt64.max, UInt64.max / 3, 18_446_744_073] {
                let ratio = try #require(ExactRatio(amount, over: total))
                for size in stride(from: 0, through: total, by: max(1, Int(total / 5_000))) {
                    #expect(ratio.share(of: UInt64(size)) == Self.floor(amount, UInt64(size), total))
                }
            }
        }
    }

    @Test func refusesTotalsItCannotBeExactFor() {
        #expect(ExactRatio(5, over: 0) == nil)
        #expect(ExactRatio(5, over: (1 << 32) + 1) == nil)
        #expect(ExactRatio(5, over: UInt64.max) == nil)
        #expect(ExactRatio(UInt64.max, over: 1 << 32) != nil)
    }
}
