extension TableText {
    /// The lines of a table grid (HTML, DOCX), each cell at its column: a cell spanning columns covers them all,
    /// a position covered by a cell spanning rows from above holds nothing, an empty cell is an explicit blank.
    ///
    ///     TableText.gridLines(TableGrid(texts: [["规章", "0", ""]]))[0].tokens.map(\.cell)  // [0, 1, 2]
    static func gridLines(_ grid: TableGrid) -> [Line] {
        var coveredUntil: [Int: Int] = [:]   // column → the first row no longer covered by a cell from above
        var lines: [Line] = []
        var width = 0
        var placed: [[(column: Int, span: Int, text: String)]] = []
        for (r, row) in grid.rows.enumerated() {
            var c = 0
            var cells: [(column: Int, span: Int, text: String)] = []
            for cell in row {
                while (coveredUntil[c] ?? 0) > r { c += 1 }
                cells.append((c, cell.colSpan, TextNormalizer.normalize(cell.text)))
                if cell.rowSpan > 1 { for k in c..<(c + cell.colSpan) { coveredUntil[k] = r + cell.rowSpan } }
                c += cell.colSpan
            }
            width = max(width, c)
            placed.append(cells)
        }
        for cells in placed {
            var line = Line(kind: .content, delimited: true, grid: true)
            line.cells = width
            for (column, span, text) in cells {
                let scalars = text.scalarArray.map(TextNormalizer.fold)
                let end = column + span - 1
                if scalars.allSatisfy(isSpace) {
                    line.tokens.append(Token(kind: .blank, text: [], start: column, end: end, wstart: column, wend: end, cell: column))
                    continue
                }
                var tokens = tokens(scalars, from: 0, to: scalars.count, cell: column, w: columns(scalars))
                if tokens.count > 1, tokens.allSatisfy({ $0.kind == .text }) { tokens = [merge(tokens)] }
                for var token in tokens {
                    token.start = column
                    token.end = end
                    token.wstart = column
                    token.wend = end
                    token.words = token.words.map { Word(length: $0.length, start: column, wstart: column) }
                    line.tokens.append(token)
                }
            }
            if line.tokens.isEmpty { line.kind = .empty }
            lines.append(line)
        }
        return lines
    }
}
