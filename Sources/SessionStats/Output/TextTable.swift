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

    /// The table as lines of text, each ending in a newline; `headerStyle` colours the header.
    ///
    /// Cells are made visible (`VisibleText`) before they are measured and clipped: most come from the logs.
    public func render(headerStyle: (String) -> String = { $0 }) -> String {
        let cells = rows.map { row in
            row.enumerated().map { index, cell in TextTable.clip(VisibleText.escape(cell), columns[index]) }
        }
        var widths = columns.map { showsHeader ? $0.title.count : 0 }
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
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

    private func line(_ cells: [String], widths: [Int], style: (Int, String) -> String) -> String {
        var text = String(repeating: " ", count: indent)
        // The last non-empty left-aligned cell is not padded, so lines carry no trailing spaces.
        let lastIndex = cells.lastIndex { !$0.isEmpty } ?? 0
        for (index, cell) in cells.enumerated() where index <= lastIndex {
            if index > 0 { text += "  " }
            let padding = String(repeating: " ", count: widths[index] - cell.count)
            let styled = cell.isEmpty ? cell : style(index, cell)
            switch columns[index].alignment {
            case .right: text += padding + styled
            case .left: text += styled + (index == lastIndex ? "" : padding)
            }
        }
        return text + "\n"
    }

    private static func clip(_ cell: String, _ column: Column) -> String {
        guard let limit = column.maxWidth, cell.count > limit, limit > 1 else { return cell }
        switch column.clipping {
        case .keepStart: return String(cell.prefix(limit - 1)) + "…"
        case .keepEnd: return "…" + String(cell.suffix(limit - 1))
        }
    }
}
