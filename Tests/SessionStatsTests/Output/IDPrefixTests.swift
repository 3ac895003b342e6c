import Testing

@testable import SessionStats

@Suite("Session id prefixes")
struct IDPrefixTests {
    @Test("8 characters unless that leaves two ids alike")
    func length() {
        #expect(IDPrefix.length(for: ["abcdefgh-1", "zzzzzzzz-2"]) == 8)
        #expect(IDPrefix.length(for: ["3f2a9c1e-7b44", "3f2a9c1e-7c01", "b7e1"]) == 11)
        #expect(IDPrefix.length(for: []) == 8)
    }

    @Test("short ids are kept whole")
    func shorten() {
        #expect(IDPrefix.shorten("abc", to: 8) == "abc")
        #expect(IDPrefix.shorten("abcdefghij", to: 8) == "abcdefgh")
    }
}
