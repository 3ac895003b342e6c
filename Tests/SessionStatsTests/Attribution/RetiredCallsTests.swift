import Testing

@testable import SessionStats

/// The calls already counted, kept in a scratch file behind a filter: every one found with its
/// codes, no other found, few kept in memory.
@Suite struct RetiredCallsTests {
    @Test func findsEveryCallAddedAndNoOther() {
        let retired = RetiredCalls()
        retired.blockEntries = 4
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 33)
        }
        let keys = (0..<5000).map { _ in next() }
        for (index, key) in keys.enumerated() {
            retired.insert(RetiredCalls.Entry(key: key, tool: UInt32(index % 7), server: UInt32(index % 3)))
        }
        #expect(retired.bufferedCount <= 256 * 4)
        for (index, key) in keys.enumerated() {
            let entry = retired.lookup(key)
            #expect(entry?.tool == UInt32(index % 7))
            #expect(entry?.server == UInt32(index % 3))
        }
        #expect(retired.fileLookups > 4000)
        for _ in 0..<5000 { #expect(retired.lookup(next()) == nil) }
    }
}
