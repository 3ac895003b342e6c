/// Folds text for caseless comparison: Unicode full case folding (CaseFolding.txt, statuses C and F:
/// `ß` and `ẞ` → `ss`, `ﬁ` → `fi`, `ς`/`Σ` → `σ`, `É` → `é`), plus both Turkish I's folded to `i`
/// (`İ` and `ı`, so `İstanbul` finds `istanbul` and `kırmızı` finds `KIRMIZI`), remembering where
/// each folded byte came from. Standard library only: ASCII byte by byte, other letters through the
/// scalars' case mappings (lower, upper, lower again, which is full case folding for every scalar
/// whose two cases are consistent).
enum CaseFolding {
    /// `bytes` (UTF-8) folded, and for each folded byte the offset of the original it came from.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> (folded: [UInt8], origins: [Int]) {
        var folded: [UInt8] = []
        var origins: [Int] = []
        folded.reserveCapacity(bytes.count)
        origins.reserveCapacity(bytes.count)
        var offset = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let width = UTF8.width(scalar)
                if scalar.isASCII {
                    folded.append(CaselessPattern.lower(UInt8(scalar.value)))
                    origins.append(offset)
                } else if scalar.value == 0x130 || scalar.value == 0x131 {
                    folded.append(UInt8(ascii: "i"))
                    origins.append(offset)
                } else if !scalar.properties.changesWhenCaseFolded && !scalar.properties.changesWhenCaseMapped
                {
                    for index in 0..<width {
                        folded.append(bytes[offset + index])
                        origins.append(offset)
                    }
                } else {
                    for byte in fold(scalar).utf8 {
                        folded.append(byte)
                        origins.append(offset)
                    }
                }
                offset += width
            case .error:
                // Ill-formed UTF-8 cannot match a word; keep the offsets in step.
                folded.append(0xFF)
                origins.append(offset)
                offset += 1
            case .emptyInput:
                return (folded, origins)
            }
        }
    }

    /// `text` folded the same way.
    static func fold(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { fold($0).folded }
    }

    /// Whether the byte at `index` may be part of what a non-ASCII scalar folds to: `i` (`İ`, `ı`), `k`
    /// (the Kelvin sign), or a letter of `ss`, `st`, `ff`, `fi`, `fl` (`ß`, `ẞ`, the `ﬀ`…`ﬆ` ligatures),
    /// which the raw bytes of a transcript then need not hold as written. (The long `ſ` alone and the
    /// rare letters that fold to a letter and a combining mark are left out: `s` is in most words.)
    static func mayComeFromNonASCII(_ folded: [UInt8], at index: Int) -> Bool {
        func pair(_ first: Int) -> Bool {
            guard first >= 0, first + 1 < folded.count else { return false }
            switch (folded[first], folded[first + 1]) {
            case (UInt8(ascii: "s"), UInt8(ascii: "s")), (UInt8(ascii: "s"), UInt8(ascii: "t")),
                (UInt8(ascii: "f"), UInt8(ascii: "f")), (UInt8(ascii: "f"), UInt8(ascii: "i")),
                (UInt8(ascii: "f"), UInt8(ascii: "l")):
                return true
            default: return false
            }
        }
        return folded[index] == UInt8(ascii: "i") || folded[index] == UInt8(ascii: "k") || pair(index)
            || pair(index - 1)
    }

    // One scalar's full folding: lower, upper, lower (`ẞ` → `ß` → `SS` → `ss`; `ς` → `Σ` → `σ`).
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        var result = ""
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            for upper in lower.properties.uppercaseMapping.unicodeScalars {
                result += upper.properties.lowercaseMapping
            }
        }
        return result
    }
}
