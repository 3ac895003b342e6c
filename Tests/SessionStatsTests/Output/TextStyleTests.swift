import Testing

@testable import SessionStats

@Suite("Text style")
struct TextStyleTests {
    @Test("off writes the text unchanged")
    func off() {
        let style = TextStyle(enabled: false)
        for styled in [
            style.heading("a"), style.bold("a"), style.dim("a"), style.red("a"), style.green("a"),
            style.yellow("a"),
        ] {
            #expect(styled == "a")
        }
    }

    @Test("on wraps text in an escape code and a reset")
    func on() {
        let style = TextStyle(enabled: true)
        #expect(style.red("fail") == "\u{1B}[31mfail\u{1B}[0m")
        #expect(style.bold("") == "")
    }
}
