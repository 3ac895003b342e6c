import TestSupport
import Testing

@testable import SessionStats

/// The table of calls by key answers as a `Dictionary` would, through growth and removals that
/// shift the entries after them back.
@Suite struct CallKeyTableTests {
    @Test func answersAsADictionaryThroughInsertionsAndRemovals() {
        var random = SplitMix64(seed: 13)
        // Few keys, drawn again and again: long runs of probes, and removals in the middle of them.
        let keys = (0..<300).map { _ in random.next() }
        var table = CallKeyTable<Int>()
        var expected: [UInt64: Int] = [:]
        for step in 0..<40_000 {
            let key = keys[Int(random.next() % UInt64(keys.count))]
            switch random.next() % 4 {
            case 0:
                #expect(table.removeValue(forKey: key) == expected.removeValue(forKey: key))
            case 1:
                let value = table.value(forKey: key, inserting: step)
                #expect(value == expected[key, default: step])
                expected[key] = value
            case 2:
                table[key] = step
                expected[key] = step
            default:
                #expect(table[key] == expected[key])
                #expect(table.contains(key) == (expected[key] != nil))
            }
            #expect(table.count == expected.count)
            if step % 997 == 0 {
                for key in keys { #expect(table[key] == expected[key]) }
                #expect(
                    Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.value) }) == expected)
            }
        }
    }

    @Test func keepsKeysThatShareTheirFirstSlot() {
        // Keys whose products by the spreading constant are 2^64 - 1 - i: all start at the last
        // slot and wrap around to the first ones, one run of probes.
        let spread: UInt64 = 0x9E37_79B9_7F4A_7C15
        var inverse = spread
        for _ in 0..<6 { inverse = inverse &* (2 &- spread &* inverse) }
        let keys = (0..<12).map { (UInt64.max &- UInt64($0)) &* inverse }
        var table = CallKeyTable<Int>()
        for (index, key) in keys.enumerated() { table[key] = index }
        for removed in [0, 5, 11] { table.removeValue(forKey: keys[removed]) }
        for (index, key) in keys.enumerated() {
            #expect(table[key] == ([0, 5, 11].contains(index) ? nil : index))
        }
        #expect(table.count == 9)
        table[keys[0]] = 100
        #expect(table[keys[0]] == 100)
        #expect(table[keys[1]] == 1)
    }
}
