import Testing

@testable import SessionLogCore

@Suite struct TextClippingTests {
    @Test(arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("\u{1B}]8;;https://x\u{07}link\u{1B}]8;;\u{1B}\\", "link"),
        ("a\u{1B}(Bb", "ab"),
        ("plain", "plain"),
        ("cut\u{1B}[", "cut"),
    ])
    func stripsANSIEscapes(text: String, expected: String) {
        #expect(TextClipping.strippingANSI(text) == expected)
    }

    @Test(arguments: [("\n\n  \nfirst\r\nsecond", "first"), ("only", "only"), ("", ""), ("\n\n", "")])
    func takesTheFirstNonEmptyLine(text: String, expected: String) {
        #expect(TextClipping.firstLine(text) == expected)
    }

    @Test func cutsOnCharacterBoundaries() {
        #expect(TextClipping.prefix("abc", characters: 5) == "abc")
        #expect(TextClipping.prefix("ééé", characters: 2) == "éé")
        // A flag is two scalars but one character: it is never split.
        #expect(TextClipping.prefix("🇫🇷🇩🇪", characters: 1) == "🇫🇷")
    }
}
