import Testing

@testable import SessionStats

@Suite struct VisibleTextTests {
    @Test(arguments: [
        ("plain text, ünïcödé, 日本語 and \\ backslashes", "plain text, ünïcödé, 日本語 and \\ backslashes"),
        ("\u{1B}]52;c;cm0gLXJmIH4=\u{07}", "\\e]52;c;cm0gLXJmIH4=\\x07"),
        ("rm -rf ~ \u{1B}[1A\u{1B}[2K# ls", "rm -rf ~ \\e[1A\\e[2K# ls"),
        ("a\nb\rc\td\u{0}e\u{7F}", "a\\nb\\rc\\td\\x00e\\x7f"),
        ("csi\u{9B}31m nel\u{85}", "csi\\u009b31m nel\\u0085"),
        ("invoice\u{202E}fdp.exe", "invoice\\u202efdp.exe"),
        (
            "\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}\u{202A}\u{2028}",
            "\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c\\u202a\\u2028"
        ),
        ("em dash — and € stay", "em dash — and € stay"),
    ])
    func makesControlAndBidiCharactersVisible(text: String, shown: String) {
        #expect(VisibleText.escape(text) == shown)
        #expect(VisibleText.needsEscaping(text) == (text != shown))
    }

    @Test func tableCellsAreEscapedBeforeTheyAreMeasured() {
        var table = TextTable([TextTable.Column("Name", maxWidth: 12), TextTable.Column("N", .right)])
        table.append(["\u{1B}[2Jevil\u{1B}[0m", "1"])
        table.append(["ok", "22"])
        #expect(
            table.render() == "  Name           N\n  \\e[2Jevil\\e…   1\n  ok            22\n")
    }
}
