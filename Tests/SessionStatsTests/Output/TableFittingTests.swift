import SessionLogCore
import Testing

@testable import SessionStats

@Suite("Tables fit the terminal")
struct TableFittingTests {
    static func table() -> TextTable {
        var table = TextTable([
            TextTable.Column("Start"), TextTable.Column("Project", maxWidth: 30),
            TextTable.Column("File", maxWidth: 70, clipping: .keepEnd), TextTable.Column("Tokens", .right),
        ])
        table.append(["2026-11-22 09:00", "プロジェクト管理", "/home/ユーザー/プロジェクト管理/ソース/メイン.swift", "1,234"])
        table.append(["2026-11-22 10:00", "app", "/home/u/app/a.swift", "56"])
        return table
    }

    @Test("columns line up in display cells, CJK included")
    func alignsInCells() {
        let lines = Self.table().render(width: nil).split(separator: "\n").map(String.init)
        #expect(Set(lines.map(DisplayWidth.of)).count == 1)
        #expect(lines[1].hasSuffix("1,234"))
    }

    @Test(
        "too wide: the widest free-text column is clipped with …, numbers and times kept",
        arguments: [80, 60, 50])
    func clipsTheWidest(width: Int) {
        let full = Self.table().render(width: nil)
        let fitted = Self.table().render(width: width)
        let lines = fitted.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(fitted)")
        #expect(lines[1].contains("…/メイン.swift") || lines[1].contains("…ン.swift") || lines[1].contains("…"))
        #expect(
            lines[1].hasPrefix(width >= 60 ? "  2026-11-22 09:00  プロジェクト管理" : "  2026-11-22 09:00  プロジェク…"))
        #expect(lines[1].hasSuffix("1,234"))
        #expect(fitted != full)
    }

    @Test("wide enough: nothing changes; narrower than the fixed columns: clipped as far as allowed")
    func limits() {
        #expect(Self.table().render(width: 200) == Self.table().render(width: nil))
        let squeezed = Self.table().render(width: 20).split(separator: "\n").map(String.init)
        #expect(squeezed[1].contains("2026-11-22 09:00"))
        #expect(squeezed[1].hasSuffix("1,234"))
    }

    @Test("COLUMNS reaches the tables of a command; a pipe without it gets whole lines")
    func throughTheContext() {
        let entries: [LogEntry] = [
            .fixture(
                "2026-11-22T08:00:00Z", session: "aaaa1111-0000-4000-8000-000000000001",
                project: "プロジェクト管理システム", cwd: "/home/u/プロジェクト管理システム",
                tool: "Bash", command: "ls", input: 10, output: 20)
        ]
        let narrow = TestContext(entries: entries, variables: ["HOME": "/home/u", "COLUMNS": "76"])
        #expect(narrow.run(["sessions"]) == .success)
        let row = narrow.captured.standardOutput.split(separator: "\n").first {
            $0.contains("2026-11-22 09:00")
        }
        #expect(row.map { DisplayWidth.of(String($0)) <= 76 } == true, "\(narrow.captured.standardOutput)")
        #expect(row?.contains("…") == true)
        // The resume line is not a table cell: it stays whole, to be copied.
        #expect(narrow.captured.standardOutput.contains("cd '/home/u/プロジェクト管理システム' && claude --resume"))
        let whole = TestContext(entries: entries)
        #expect(whole.run(["sessions"]) == .success)
        #expect(whole.captured.standardOutput.contains("プロジェクト管理システム  "))
    }
}
