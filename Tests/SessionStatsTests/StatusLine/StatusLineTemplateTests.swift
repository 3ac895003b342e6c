import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct StatusLineTemplateTests {
    static func line(model: String = "Opus 4.5") -> StatusLine {
        var input = StatusLineInput(sessionID: "s", modelID: "claude-opus-4-5", modelName: model)
        input.contextPercent = DecimalNumber(42)
        input.costUSD = DecimalNumber("1.234")
        input.fiveHour = .init(usedPercent: DecimalNumber(63), resetsAt: TestContext.now.seconds + 7800)
        return StatusLine(
            input: input, activity: nil, pricing: Pricing(), dailyBudget: nil, now: TestContext.now)
    }

    @Test func parsesPlaceholdersAndTheTextAround() throws {
        let template = try #require(StatusLineTemplate(parsing: "[{model}] {context} | {five_hour}!"))
        #expect(template.prefix == "[")
        #expect(template.fields.map(\.field) == [.model, .context, .fiveHour])
        #expect(template.fields.map(\.separator) == ["", "] ", " | "])
        #expect(template.suffix == "!")
        #expect(StatusLineTemplate(parsing: "no fields")?.suffix == "no fields")
        #expect(StatusLineTemplate(parsing: "{model} {bogus}") == nil)
        #expect(StatusLineTemplate(parsing: "{model") == nil)
    }

    @Test func missingFieldsTakeTheirSeparatorWithThem() throws {
        let template = try #require(
            StatusLineTemplate(parsing: "<{today_cost} · {model} · {budget} · {context}>"))
        let style = TextStyle(enabled: false)
        // today_cost and budget have nothing to show: no leading or doubled separator.
        #expect(Self.line().render(template, columns: nil, style: style) == "<Opus 4.5 · ctx 42%>")
    }

    @Test(
        arguments: [
            (nil, "Opus 4.5 · ctx 42% · $1.23 session · 5h 63% (2h10m)"),
            (200, "Opus 4.5 · ctx 42% · $1.23 session · 5h 63% (2h10m)"),
            (51, "Opus 4.5 · ctx 42% · $1.23 session · 5h 63% (2h10m)"),
            (50, "Opus 4.5 · ctx 42% · $1.23 session"),
            (18, "Opus 4.5 · ctx 42%"),
            (17, "Opus 4.5"),
            (8, "Opus 4.5"),
            (5, "Opus…"),
            (1, "…"),
        ] as [(Int?, String)])
    func dropsFieldsFromTheRightToFit(columns: Int?, expected: String) {
        let text = Self.line().render(.standard, columns: columns, style: TextStyle(enabled: false))
        #expect(text == expected)
        if let columns { #expect(TerminalText.width(text) <= columns) }
    }

    @Test func widthCountsWideCharactersTwiceAndColourNotAtAll() {
        // 模型 takes four columns, not two: the line is 16 columns wide, not 14.
        let line = Self.line(model: "模型 5")
        #expect(line.render(.standard, columns: 16, style: TextStyle(enabled: false)) == "模型 5 · ctx 42%")
        #expect(line.render(.standard, columns: 15, style: TextStyle(enabled: false)) == "模型 5")
        // Escape codes do not count toward the width.
        #expect(
            line.render(.standard, columns: 16, style: TextStyle(enabled: true))
                == "模型 5 · \u{1B}[32mctx 42%\u{1B}[0m")
        #expect(TerminalText.width("e\u{301}") == 1)
        #expect(TerminalText.width("🙂") == 2)
        #expect(TerminalText.width("ｶﾀｶﾅ") == 4)
        #expect(TerminalText.truncated("模型模型", toColumns: 4) == "模…")
    }
}
