/// Exhaustive inputs for tests that hold a fast path to the general one.
public enum ShortTexts {
    /// Every text of up to `length` pieces of `alphabet`, the empty text included.
    public static func every(_ alphabet: [String], length: Int) -> [[UInt8]] {
        var texts: [[UInt8]] = [[]]
        var last: [[UInt8]] = [[]]
        for _ in 0..<length {
            last = last.flatMap { text in alphabet.map { text + Array($0.utf8) } }
            texts += last
        }
        return texts
    }
}
