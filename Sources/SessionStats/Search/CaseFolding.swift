/// Lower-cases text for caseless comparison, ASCII byte by byte and other letters by Unicode's
/// lowercase mapping (`É` → `é`, `Σ` → `σ`), remembering where each folded byte came from.
enum CaseFolding {
    /// `bytes` (UTF-8) lower-cased, and for each folded byte the offset of the original it came from.
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
                } else {
                    for byte in scalar.properties.lowercaseMapping.utf8 {
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

    /// `text` lower-cased the same way.
    static func fold(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { fold($0).folded }
    }
}
