import Testing

@testable import SessionStats

@Suite struct ProportionalSplitTests {
    @Test func sharesAddUpAndTheRemainderGoesToTheLargestPiece() throws {
        let shares = try #require(ProportionalSplit.shares(of: 10, by: [1, 1, 1]))
        #expect(shares == [4, 3, 3])
        #expect(
            ProportionalSplit.shares(of: 7_530_000_000, by: [400, 7_640]) == [374_626_865, 7_155_373_135])
    }

    @Test func theEarliestOfEqualLargestPiecesTakesTheRemainder() {
        #expect(ProportionalSplit.shares(of: 5, by: [1, 2, 2]) == [1, 2, 2])
        #expect(ProportionalSplit.shares(of: 6, by: [1, 2, 2]) == [1, 3, 2])
    }

    @Test func nothingToShareByIsNil() {
        #expect(ProportionalSplit.shares(of: 5, by: []) == nil)
        #expect(ProportionalSplit.shares(of: 5, by: [0, 0]) == nil)
    }

    @Test(arguments: [1, 7, 999_999_999_999, 123_456_789_012_345])
    func anyAmountIsSharedExactly(amount: Int) throws {
        let sizes = [3, 0, 17, 40_000, 1, 9]
        let shares = try #require(ProportionalSplit.shares(of: Int128(amount), by: sizes))
        #expect(shares.reduce(0, +) == Int128(amount))
        #expect(shares[1] == 0)
    }
}
