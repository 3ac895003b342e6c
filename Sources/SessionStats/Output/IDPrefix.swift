/// Shortens session ids for tables while keeping them unique.
public enum IDPrefix {
    /// The shortest prefix length, at least `minimum`, that tells every id in `ids` apart.
    public static func length(for ids: [String], minimum: Int = 8) -> Int {
        let sorted = ids.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var length = minimum
        for index in sorted.indices.dropFirst() {
            let (a, b) = (sorted[index - 1], sorted[index])
            var common = 0
            while common < a.count && common < b.count && a[common] == b[common] { common += 1 }
            length = max(length, common + 1)
        }
        return length
    }

    /// The first `length` characters of `id`.
    public static func shorten(_ id: String, to length: Int) -> String {
        id.utf8.count <= length ? id : String(decoding: id.utf8.prefix(length), as: UTF8.self)
    }
}
