import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// A chain's split of a request's cache reads over every piece in context, against
/// `ProportionalSplit` (plain division): by exact ratios up to 2³² characters in context and amounts
/// of 64 bits, by 128-bit division past them.
@Suite struct ContextChainTests {
    private static let session = "22222222-2222-2222-2222-222222222222"
    private static let model = "claude-sonnet-4-5-20250929"

    private func request(
        _ second: Int, input: Int = 1, read: Int, prompt: Int = 0, results: [(String, Int)] = [],
        tools: [(String, Int)] = []
    ) -> UsageRecord {
        var record = UsageRecord(
            timestamp: Timestamp(milliseconds: 1_772_000_000_000 + second * 1000), sessionID: Self.session,
            model: Self.model, tokens: UsageTokens(input: input, output: 1, cacheRead: read))
        record.toolUseIDs = tools.map(\.0)
        record.pieces.isKnown = true
        record.pieces.toolInputChars = tools.map(\.1)
        record.pieces.promptChars = prompt
        record.pieces.resultIDs = results.map(\.0)
        record.pieces.resultChars = results.map(\.1)
        return record
    }

    // R1 (prompt, no setup: 4 × 2 new tokens are fewer than its characters) issues the calls, R2
    // brings their results in, R3 reads `read` tokens: its read part is each call's whole carry,
    // shared over the prompt and the calls by their input and result sizes.
    private func check(prompt: Int, inputs: [Int], results: [Int], read: Int) throws {
        let ids = inputs.indices.map { "toolu_\($0)" }
        let records = [
            request(0, read: 0, prompt: prompt, tools: Array(zip(ids, inputs))),
            request(1, read: 1, results: Array(zip(ids, results))),
            // No new tokens: a read of 0 (a cache miss) then shares nothing.
            request(2, input: 0, read: read),
        ]
        var attributor = Attributor(pricing: .builtIn)
        var calls: [String: CallCost] = [:]
        for record in records { attributor.add(record) { calls[$0.id] = $0 } }
        attributor.finish { calls[$0.id] = $0 }
        let price = try #require(PriceTable.builtIn.match(Self.model).price)
        let part = CostParts(records[2], price: price).read.picodollars
        let sizes = [prompt] + zip(inputs, results).map { $0 + $1 }
        let shares = try #require(ProportionalSplit.shares(of: part, by: sizes))
        let tokenShares = try #require(ProportionalSplit.shares(of: Int128(read), by: sizes))
        for (index, id) in ids.enumerated() {
            let call = try #require(calls[id])
            #expect(call.carry.picodollars == shares[index + 1], "\(id) of sizes \(sizes), read \(read)")
            #expect(Int128(call.carryTokens) == tokenShares[index + 1], "\(id) of sizes \(sizes)")
        }
        let session = try #require(attributor.sessions[Self.session])
        #expect(session.buckets.total == session.cost)
        #expect(session.buckets.tokens.total == records.reduce(0) { $0 + $1.tokens.total })
    }

    @Test func theCarryOfRandomContextsIsWhatPlainDivisionGives() throws {
        var numbers = SplitMix64(seed: 0xC4A1_2026)
        for _ in 0..<300 {
            let count = Int(1 + numbers.next() % 40)
            // Sizes of every magnitude, zeros and ties included.
            func size() -> Int {
                let small = numbers.next() % 4 == 0
                return Int(small ? numbers.next() % 3 : numbers.next() >> (40 + numbers.next() % 24))
            }
            let inputs = (0..<count).map { _ in size() }
            let results = (0..<count).map { _ in size() }
            let read = Int(numbers.next() >> (numbers.next() % 64 + 14))
            try check(prompt: 9 + Int(numbers.next() % 1_000), inputs: inputs, results: results, read: read)
        }
    }

    @Test(arguments: [
        // Past 2^32 characters in context: 128-bit division.
        ([1 << 31, 3, 1 << 30], [1 << 31, 5, 7], 1_234_567),
        // Exactly 2^32 characters in context: the largest total the ratios take.
        ([(1 << 31) - 100, 1, 2], [(1 << 31) - 100, 7, 181], 987_654_321),
        // Reads whose price does not fit 64 bits (70 million million tokens at $0.30 a million).
        ([10, 20, 30], [400, 500, 600], 70_000_000_000_000),
        // A single call holding everything but the prompt.
        ([0], [0], 5),
        // A size below zero (no ledger line has one) counts as zero: the loop that clamps.
        ([-40, 20, 7], [0, 3, 0], 123_457),
    ])
    func theCarryAtTheLimitsIsWhatPlainDivisionGives(inputs: [Int], results: [Int], read: Int) throws {
        try check(prompt: 9, inputs: inputs, results: results, read: read)
    }

    @Test func aCallGrownToTieTheLargestBeforeItTakesTheRemainder() throws {
        // Held as its input came, the first call (10 characters) grows by its result to 150, the
        // second's size: the earlier of the two is then the largest, and takes the picodollar and
        // the token left over (300,000 pd and 1 token over 401 characters).
        try check(prompt: 101, inputs: [10, 150], results: [140, 0], read: 1)
        // Grown past the largest, a call takes the remainder from it.
        try check(prompt: 101, inputs: [10, 150], results: [141, 0], read: 1)
    }

    @Test func aShareThatIsAWholeNumberIsNotFlooredBelowIt() throws {
        // 300,000 pd over 14 characters: not a whole ratio, yet the call's 7 characters take exactly
        // 150,000 (a ratio rounded down instead of up would give 149,999).
        try check(prompt: 7, inputs: [3], results: [4], read: 1)
    }
}
