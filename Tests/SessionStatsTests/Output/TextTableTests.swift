import Testing

@testable import SessionStats

@Suite("Text tables")
struct TextTableTests {
    @Test("columns align, numbers on the right, with no trailing spaces")
    func layout() {
        var table = TextTable([
            TextTable.Column("Name"), TextTable.Column("Count", .right), TextTable.Column("Note"),
        ])
        table.append(["Bash", "1,234", ""])
        table.append(["WebFetch", "7", "slow"])
        #expect(
            table.render() == """
                  Name      Count  Note
                  Bash      1,234
                  WebFetch      7  slow

                """)
    }

    @Test("long cells are clipped at the chosen end")
    func clipping() {
        var table = TextTable(
            [
                TextTable.Column("Command", maxWidth: 8),
                TextTable.Column("File", maxWidth: 8, clipping: .keepEnd),
            ], showsHeader: false)
        table.append(["swift build --verbose", "/very/long/path/main.swift"])
        #expect(table.render() == "  swift b…  …n.swift\n")
    }

    @Test("tool names keep both ends, so MCP tools of one server stay apart when clipped")
    func keepBothEnds() {
        var table = TextTable(
            [TextTable.Column("Tool", maxWidth: 24, clipping: .keepBothEnds)], showsHeader: false)
        table.append(["mcp__plugin_playwright_playwright__browser_navigate"])
        table.append(["mcp__plugin_playwright_playwright__browser_click"])
        table.append(["Read"])
        #expect(
            table.render()
                == "  mcp__plugin…ser_navigate\n  mcp__plugin…rowser_click\n  Read\n")
    }

    @Test("column styles apply to cells, never to the padding")
    func style() {
        var table = TextTable([
            TextTable.Column("A", style: { "<" + $0 + ">" }), TextTable.Column("B", .right),
        ])
        table.append(["x", "1"])
        #expect(table.render() == "  A  B\n  <x>  1\n")
    }
}
