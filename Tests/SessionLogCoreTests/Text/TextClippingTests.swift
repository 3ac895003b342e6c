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

    @Test func cutsUTF8OnScalarBoundaries() {
        #expect(TextClipping.utf8Prefix("abc", bytes: 5) == "abc")
        #expect(TextClipping.utf8Prefix("aé", bytes: 2) == "a")
        #expect(TextClipping.utf8Prefix("aé", bytes: 3) == "aé")
        #expect(TextClipping.utf8Prefix("😀😀", bytes: 7) == "😀")
        #expect(TextClipping.utf8Prefix("😀", bytes: 0) == "")
    }

    @Test func marksWhatItClips() {
        #expect(TextClipping.clipped("short", bytes: 100, originalBytes: 5) == "short")
        let clipped = TextClipping.clipped(String(repeating: "x", count: 200), bytes: 100, originalBytes: 200)
        #expect(clipped == String(repeating: "x", count: 100 - 27) + "…[clipped from 200 bytes]")
        #expect(clipped.utf8.count == 100)
        #expect(
            TextClipping.clipped("kept", bytes: 100, originalBytes: 9000, wasCut: true)
                == "kept…[clipped from 9000 bytes]")
    }
}
