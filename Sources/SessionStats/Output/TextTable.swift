/// A plain-text table: a header row and aligned columns, indented, with no trailing spaces.
public struct TextTable {
    /// One column's title, alignment, width limit and colour.
    public struct Column {
        /// How cells line up.
        public enum Alignment: Sendable {
            /// Text.
            case left
            /// Numbers.
            case right
        }

        /// Which end of an over-long cell is kept.
        public enum Clipping: Sendable {
            /// Keep the start: commands, names.
            case keepStart
            /// Keep the end: file paths.
            case keepEnd
            /// Keep both ends: tool names, whose MCP prefixes are long and whose ends tell them apart.
            case keepBothEnds
        }

        /// The header.
        public var title: String
        /// The alignment.
        public var alignment: Alignment
        /// The widest a cell may be before it is clipped with `…`.
        public var maxWidth: Int?
        /// Which end of a clipped cell is kept.
        public var clipping: Clipping
        /// Colour for the column's cells (not the header).
        public var style: (String) -> String

        /// Creates a column.
        public init(
            _ title: String, _ alignment: Alignment = .left, maxWidth: Int? = nil,
            clipping: Clipping = .keepStart,
            style: @escaping (String) -> String = { $0 }
        ) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
            self.clipping = clipping
            self.style = style
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[String]] = []
    /// Spaces before each line.
    public var indent = 2
    /// Whether the header row is printed.
    public var showsHeader = true

    /// Creates a table with `columns` and no rows.
    public init(_ columns: [Column], showsHeader: Bool = true) {
        self.columns = columns
        self.showsHeader = showsHeader
    }

    /// Adds a row.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The width every table rendered in this task must fit, in terminal cells; nil: no limit.
    /// `StatsContext.run` sets it from `COLUMNS`, or the terminal's width when stdout is one.
    @TaskLocal public static var fittingWidth: Int?

    /// The narrowest a clipped free-text column becomes to fit the width.
    static let narrowestClipped = 8

    /// The table as lines of text, each ending in a newline; `headerStyle` colours the header.
    ///
    /// Cells are made visible (`VisibleText`) before they are measured and clipped: most come from the logs.
    /// Widths are display cells (`DisplayWidth`). When the table is wider than `width` (by default
    /// `fittingWidth`), the widest free-text column (one with a `maxWidth`) is clipped with `…`, then the
    /// next, down to `narrowestClipped` cells each; numbers and times are never cut.
    public func render(headerStyle: (String) -> String = { $0 }, width: Int? = TextTable.fittingWidth)
        -> String
    {
        let visible = rows.map { row in row.map { VisibleText.escape($0) } }
        var limits = columns.map(\.maxWidth)
        var cells = visible.map { row in
            row.enumerated().map { TextTable.clip($1, columns[$0], limit: limits[$0]) }
        }
        var widths = measure(cells)
        if let width {
            var excess = indent + widths.reduce(0, +) + 2 * max(widths.count - 1, 0) - width
            while excess > 0 {
                let floor = { (index: Int) in
                    max(TextTable.narrowestClipped, DisplayWidth.of(self.columns[index].title))
                }
                let candidates = columns.indices.filter {
                    columns[$0].maxWidth != nil && widths[$0] > floor($0)
                }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                let target = max(floor(widest), widths[widest] - excess)
                limits[widest] = target
                for row in cells.indices {
                    cells[row][widest] = TextTable.clip(visible[row][widest], columns[widest], limit: target)
                }
                let newWidths = measure(cells)
                excess -= widths[widest] - newWidths[widest]
                widths = newWidths
            }
        }
        var text = ""
        if showsHeader {
            text += line(columns.map(\.title), widths: widths) { _, cell in headerStyle(cell) }
        }
        for row in cells {
            text += line(row, widths: widths) { index, cell in columns[index].style(cell) }
        }
        return text
    }

    private func measure(_ cells: [[String]]) -> [Int] {
        var widths = columns.map { showsHeader ? DisplayWidth.of($0.title) : 0 }
        for row in cells {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        return widths
    }

    private func line(_ cells: [String], widths: [Int], style: (Int, String) -> String) -> String {
        var text = String(repeating: " ", count: indent)
        // The last non-empty left-aligned cell is not padded, so lines carry no trailing spaces.
        let lastIndex = cells.lastIndex { !$0.isEmpty } ?? 0
        for (index, cell) in cells.enumerated() where index <= lastIndex {
            if index > 0 { text += "  " }
            let padding = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
            let styled = cell.isEmpty ? cell : style(index, cell)
            switch columns[index].alignment {
            case .right: text += padding + styled
            case .left: text += styled + (index == lastIndex ? "" : padding)
            }
        }
        return text + "\n"
    }

    private static func clip(_ cell: String, _ column: Column, limit: Int?) -> String {
        guard let limit, limit > 1, DisplayWidth.of(cell) > limit else { return cell }
        switch column.clipping {
        case .keepStart: return DisplayWidth.prefix(cell, cells: limit - 1) + "…"
        case .keepEnd: return "…" + DisplayWidth.suffix(cell, cells: limit - 1)
        case .keepBothEnds:
            let end = (limit - 1) / 2 + (limit - 1) % 2
            return DisplayWidth.prefix(cell, cells: limit - 1 - end) + "…"
                + DisplayWidth.suffix(cell, cells: end)
        }
    }
}
