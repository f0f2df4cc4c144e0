/// A report as any reader delivers it: text blocks and table grids in reading order.
///
/// The text reader fills `text` blocks only (tables flattened into text are recognised later by
/// the parser); an HTML, DOCX or PDF reader adds `table` blocks whose cells keep their boundaries.
///
///     let doc = Document(blocks: [.text("一、总体情况"), .table(TableGrid(texts: [["规章", "0", "0", "0"]]))])
///     doc.plainText  // "一、总体情况\n规章\t0\t0\t0"
public struct Document: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case text(String)
        case table(TableGrid)
    }

    public var blocks: [Block]
    /// The text was recognised from page images (a scanned PDF): its tables' values are taken only where their
    /// arithmetic bears them out.
    public var recognised: Bool

    public init(blocks: [Block], recognised: Bool = false) {
        self.blocks = blocks
        self.recognised = recognised
    }

    /// The text the parser reads, normalised (`TextNormalizer`) block by block, tables as tab-separated rows; and
    /// for each line that prints a table's row, that table and row, so that the table reader takes the grid as a
    /// grid rather than guessing its cells again from the text.
    public func normalizedText() -> (text: String, gridRows: [Int: (table: Int, row: Int)]) {
        let all = normalizedTexts()
        return (all.text, all.gridRows)
    }

    /// `normalizedText()`, and the same text with its characters' widths kept (`TextNormalizer.normalize(_:keepingWidths:)`),
    /// scalar for scalar.
    func normalizedTexts() -> (text: String, wide: String, gridRows: [Int: (table: Int, row: Int)]) {
        var parts: [String] = [], wide: [String] = []
        var gridRows: [Int: (table: Int, row: Int)] = [:]
        var line = 0
        for (b, block) in blocks.enumerated() {
            switch block {
            case .text(let text):
                let (normal, w) = TextNormalizer.normalizeBoth(text)
                parts.append(normal)
                wide.append(w)
                line += normal.utf8.count { $0 == 0x0A } + 1
            case .table(let grid):
                for r in grid.rows.indices { gridRows[line + r] = (b, r) }
                let (normal, w) = TextNormalizer.normalizeBoth(grid.tabRows)
                parts.append(normal)
                wide.append(w)
                line += max(1, grid.rows.count)
            }
        }
        return (parts.joined(separator: "\n"), wide.joined(separator: "\n"), gridRows)
    }

    /// All blocks as one text, tables as tab-separated rows.
    public var plainText: String {
        blocks.map { block -> String in
            switch block {
            case .text(let text): return text
            case .table(let grid): return grid.tabRows
            }
        }.joined(separator: "\n")
    }
}

/// A table as its rows of printed cells, each with its row and column span.
///
/// Rows keep the cells as printed, so a value cell merged over two columns is still one value;
/// `expanded()` places every cell on the grid (spans filled) for readers of headers and layout.
///
///     let grid = TableGrid(rows: [[.init("规章", colSpan: 2), .init("0")]])
///     grid.expanded()  // [["规章", "规章", "0"]]
public struct TableGrid: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var rowSpan: Int
        public var colSpan: Int

        public init(_ text: String, rowSpan: Int = 1, colSpan: Int = 1) {
            self.text = text
            self.rowSpan = max(1, rowSpan)
            self.colSpan = max(1, colSpan)
        }
    }

    public var rows: [[Cell]]

    public init(rows: [[Cell]]) {
        self.rows = rows
    }

    /// A grid of plain cells, one per printed cell.
    public init(texts: [[String]]) {
        rows = texts.map { $0.map { Cell($0) } }
    }

    /// Every printed cell placed on the grid: a cell spanning rows or columns fills every position it covers.
    public func expanded() -> [[String]] {
        var grid: [[String?]] = Array(repeating: [], count: rows.count)
        for p in placements() {
            for r in p.rows {
                while grid[r].count < p.columns.upperBound { grid[r].append(nil) }
                for c in p.columns { grid[r][c] = rows[p.row][p.index].text }
            }
        }
        return grid.map { $0.map { $0 ?? "" } }
    }

    /// Where each printed cell (`rows[row][index]`) stands on the grid, as HTML places it: each cell in the first
    /// position its row leaves free, covering the rows and columns it spans.
    func placements() -> [(row: Int, index: Int, rows: Range<Int>, columns: Range<Int>)] {
        var taken: [[Bool]] = Array(repeating: [], count: rows.count)
        var out: [(row: Int, index: Int, rows: Range<Int>, columns: Range<Int>)] = []
        for (r, row) in rows.enumerated() {
            var c = 0
            for (k, cell) in row.enumerated() {
                while c < taken[r].count, taken[r][c] { c += 1 }
                let covered = r..<min(rows.count, r + cell.rowSpan), columns = c..<(c + min(cell.colSpan, 1000))
                for rr in covered {
                    while taken[rr].count < columns.upperBound { taken[rr].append(false) }
                    for cc in columns { taken[rr][cc] = true }
                }
                out.append((r, k, covered, columns))
                c += cell.colSpan
            }
        }
        return out
    }

    /// The rows as tab-separated printed cells.
    var tabRows: String {
        rows.map { $0.map { $0.text.replacingTabs() }.joined(separator: "\t") }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        // (Most cells hold none of these bytes: asked of the bytes first, then of the characters.)
        utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) && contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) ? String(map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : self
    }
}
