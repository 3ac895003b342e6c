import Testing

@testable import SessionStats

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        "cells per text: wide and fullwidth 2, combining marks 0, the rest 1",
        arguments: [
            ("app", 3), ("", 0), ("プロジェクト", 12), ("项目-app", 8), ("한국어", 6), ("ＡＢＣ", 6),
            ("e\u{301}", 1), ("ｱｲｳ", 3), ("🚀", 2), ("über", 4), ("a\u{200B}b", 2), ("✅ok", 4),
        ])
    func width(text: String, cells: Int) {
        #expect(DisplayWidth.of(text) == cells)
    }

    @Test("prefixes and suffixes never split a wide character across the limit")
    func cuts() {
        #expect(DisplayWidth.prefix("プロジェクト", cells: 5) == "プロ")
        #expect(DisplayWidth.suffix("/ホーム/ユーザー", cells: 7) == "ユーザー".suffix(3))
        #expect(DisplayWidth.prefix("e\u{301}tude", cells: 2) == "e\u{301}t")
    }
}
