import TestSupport
import Testing

@testable import SessionStats

/// The per-call costs behind the median and p95: selected exactly, as a sort gives, with most of
/// them in the scratch file.
@Suite struct CostSpillTests {
    @Test(arguments: [1, 2, 3, 4, 5, 19, 20, 21, 99, 100, 101, 257, 1000, 4099])
    func selectsWhatASortGives(size: Int) {
        var numbers = SplitMix64(seed: UInt64(size))
        let spill = CostSpill()
        spill.memoryLimit = 64
        // Three groups: many ties (few distinct values), wide values, and values spanning one byte.
        var byGroup: [[Int64]] = [[], [], []]
        for index in 0..<(3 * size) {
            let group = index % 3
            let value: Int64
            switch group {
            case 0: value = Int64(numbers.next() % 4) * 1_000_000
            case 1: value = Int64(numbers.next() >> 2)
            default: value = Int64(numbers.next() % 300)
            }
            byGroup[group].append(value)
            spill.append(group: UInt32(group), cost: value)
        }
        #expect(spill.bufferedCount <= 64)
        #expect(size < 22 || spill.spilledCount > 0)
        var targets: [(group: UInt32, rank: Int)] = []
        for group in 0..<3 {
            for rank in Set([0, (size + 1) / 2 - 1, max((size * 95 + 99) / 100 - 1, 0), size - 1, size / 3]) {
                targets.append((UInt32(group), rank))
            }
        }
        let selected = spill.select(targets)
        for (index, target) in targets.enumerated() {
            #expect(selected[index] == byGroup[Int(target.group)].sorted()[target.rank])
        }
    }

    @Test func readsBackEveryPairInOrder() {
        let spill = CostSpill()
        spill.memoryLimit = 5
        let pairs = (0..<23).map { (UInt32($0 % 4), Int64($0 * 1_000_003)) }
        for (group, cost) in pairs { spill.append(group: group, cost: cost) }
        var read: [(UInt32, Int64)] = []
        spill.forEachPair { read.append(($0, $1)) }
        #expect(read.map(\.0) == pairs.map(\.0))
        #expect(read.map(\.1) == pairs.map(\.1))
        #expect(spill.spilledCount == 20)
        #expect(spill.bufferedCount == 3)
    }

    @Test func allEqualCostsAndZeroGiveThatCost() {
        let spill = CostSpill()
        spill.memoryLimit = 8
        for _ in 0..<50 { spill.append(group: 0, cost: 0) }
        for _ in 0..<50 { spill.append(group: 1, cost: 7) }
        #expect(spill.select([(0, 0), (0, 49), (1, 24), (1, 47)]) == [0, 0, 7, 7])
    }
}
