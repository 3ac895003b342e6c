/// Finds the domain of a fetched URL.
public enum URLHost {
    /// The lowercased host of `url`, without user info, port or trailing dot; nil when there is none.
    public static func host(of url: String) -> String? {
        var rest = Substring(url.trimmingPrefix(while: { $0 == " " }))
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") {
            if let close = rest.firstIndex(of: "]") { rest = rest[...close] }
        } else if let colon = rest.lastIndex(of: ":") {
            rest = rest[..<colon]
        }
        while rest.hasSuffix(".") { rest = rest.dropLast() }
        return rest.isEmpty ? nil : rest.lowercased()
    }
}
