import Foundation

/// A text PDF's ruled tables read by where its words stand on the page, as lattice readers of PDFs do: the pages that
/// print a form's table rendered (`pdftoppm`), their tables found by their drawn rules (`RuledTables`, as for scans),
/// and each word of `pdftotext -bbox` put in the cell its box's centre falls in. A cell with no word is a blank, as
/// printed — the layout text's columns cannot show that. The text round the tables is the words' lines.
///
///     let pages = PDFWords.pages(bbox: xhtml)
///     let grid = PDFWords.grid(table, words: pages[4].words, scale: Double(PDFWords.dpi) / 72)
enum PDFWords {
    /// A word and its box, in points from the page's top left.
    struct Word: Equatable, Sendable {
        var x0, y0, x1, y1: Double
        var text: String
        var midX: Double { (x0 + x1) / 2 }
        var midY: Double { (y0 + y1) / 2 }
    }

    struct Page: Equatable, Sendable {
        var width: Double
        var height: Double
        var words: [Word]
    }

    /// Resolution the pages are rendered at for their rules: drawn rules stay a pixel or more wide, and a page costs
    /// a quarter of a scan's 300 dpi (the same zoo and synthetic prints read as well at both).
    static let dpi = 150
    /// Pages rendered at most for one file.
    static let maxPages = 12
    /// Words that the header of one of the form's tables prints: the pages holding them (and the two after, where a
    /// table goes on) are the ones rendered.
    static let tableWords = ["申请人情况", "行政复议", "行政诉讼", "本年制发", "本年新制", "制发件数", "处理决定", "信息内容", "自然人"]

    /// The pages and words of `pdftotext -bbox` output (poppler's XHTML: `<page width height>` and
    /// `<word xMin yMin xMax yMax>text</word>`).
    static func pages(bbox: String) -> [Page] {
        var pages: [Page] = []
        for line in bbox.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("<page ") {
                pages.append(Page(width: attribute(trimmed, "width") ?? 0, height: attribute(trimmed, "height") ?? 0, words: []))
            } else if trimmed.hasPrefix("<word "), !pages.isEmpty,
                      let x0 = attribute(trimmed, "xMin"), let y0 = attribute(trimmed, "yMin"),
                      let x1 = attribute(trimmed, "xMax"), let y1 = attribute(trimmed, "yMax"),
                      let open = trimmed.firstIndex(of: ">"), let close = trimmed.range(of: "</word>", options: .backwards) {
                let text = unescaped(trimmed[trimmed.index(after: open)..<close.lowerBound])
                if !text.isEmpty { pages[pages.count - 1].words.append(Word(x0: x0, y0: y0, x1: x1, y1: y1, text: text)) }
            }
        }
        return pages
    }

    static func attribute(_ tag: Substring, _ name: String) -> Double? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return Double(rest[..<end])
    }

    static func unescaped(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = String(text)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }

    /// The indices of the pages worth rendering: those printing a form table's header words and the two after each.
    static func tablePages(_ pages: [Page]) -> [Int] {
        var chosen = Set<Int>()
        for (i, page) in pages.enumerated() where page.words.contains(where: { w in tableWords.contains { w.text.contains($0) } }) {
            // A table goes on over the next page or two.
            for j in i...min(pages.count - 1, i + 2) { chosen.insert(j) }
        }
        return chosen.sorted().prefix(maxPages).map { $0 }
    }

    /// Words grouped into printed lines (a word whose middle lies within a line's height joins it), top to bottom,
    /// each line left to right.
    static func lineGroups(_ words: [Word]) -> [[Word]] {
        var lines: [(y0: Double, y1: Double, words: [Word])] = []
        for word in words.sorted(by: { $0.midY < $1.midY }) {
            if let last = lines.indices.last, word.midY >= lines[last].y0, word.midY <= lines[last].y1 {
                lines[last].words.append(word)
            } else {
                lines.append((word.y0, word.y1, [word]))
            }
        }
        return lines.map { $0.words.sorted { $0.x0 < $1.x0 } }
    }

    /// A line's words with a space between them, a wider gap (a column apart) kept wider.
    static func joined(_ line: [Word]) -> String {
        var out = "", right: Double? = nil
        for word in line {
            if let right { out += word.x0 - right > 2 * (word.y1 - word.y0) ? "    " : " " }
            out += word.text
            right = word.x1
        }
        return out
    }

    static func text(_ words: [Word]) -> String {
        lineGroups(words).map(joined).joined(separator: "\n")
    }

    /// A cell's words as one text: line by line, left to right, run together except between two runs of Latin letters
    /// or digits on one line (two numbers side by side stay two). A number the cell's width wrapped (`131` over `4`:
    /// a line of digits only, after one ending in a digit) is one number again.
    static func cellText(_ words: [Word]) -> String {
        func latin(_ s: Unicode.Scalar?) -> Bool { s.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) } ?? false }
        func digits(_ s: String) -> Bool { !s.isEmpty && s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "," } }
        var out = ""
        for line in lineGroups(words) {
            let wrapped = !out.isEmpty && line.count == 1 && digits(line[0].text) && out.unicodeScalars.last.map { ("0"..."9").contains($0) } == true
                && out.split(separator: " ").last.map { digits(String($0)) } == true
            for (i, piece) in line.enumerated() {
                if latin(out.unicodeScalars.last), latin(piece.text.unicodeScalars.first), !(wrapped && i == 0) { out += " " }
                out += piece.text
            }
        }
        return out
    }

    /// A ruled table (found on the page image rendered at `scale` pixels a point) as a grid: each word in the cell its
    /// box's centre falls in; the words used are returned with it. A table cut off at the page's right edge (a wide
    /// table printed as it is) has lost what lies beyond: its last cell in each row is not known (`?`), never a blank.
    static func grid(_ table: RuledTables.Table, words: [Word], scale: Double, pageWidth: Double = .infinity) -> (grid: TableGrid, used: Set<Int>) {
        var used = Set<Int>()
        let rows = table.rows.map { row in
            row.map { cell -> TableGrid.Cell in
                let r = cell.rect
                if Double(r.x1) / scale >= pageWidth - 1.5 { return TableGrid.Cell("?", rowSpan: cell.rowSpan, colSpan: cell.colSpan) }
                var inside: [Word] = []
                for (i, word) in words.enumerated() where !used.contains(i) {
                    let x = word.midX * scale, y = word.midY * scale
                    if x >= Double(r.x0), x < Double(r.x1), y >= Double(r.y0), y < Double(r.y1) {
                        inside.append(word)
                        used.insert(i)
                    }
                }
                return TableGrid.Cell(cellText(inside), rowSpan: cell.rowSpan, colSpan: cell.colSpan)
            }
        }
        return (TableGrid(rows: rows), used)
    }

    /// The columns a table's rows cover.
    static func columns(_ grid: TableGrid) -> Int {
        grid.rows.map { $0.reduce(0) { $0 + $1.colSpan } }.max() ?? 0
    }

    /// A page's blocks: its ruled tables as grids and the words around them as text, top to bottom. Words inside a
    /// table's frame but in none of its cells (on a rule) are left out.
    static func blocks(_ page: Page, tables: [RuledTables.Table], scale: Double) -> [Document.Block] {
        var blocks: [Document.Block] = []
        var taken = Set<Int>()
        var placed: [(top: Double, block: Document.Block)] = []
        for table in tables {
            let (grid, used) = grid(table, words: page.words, scale: scale, pageWidth: page.width)
            taken.formUnion(used)
            let cells = table.rows.flatMap { $0 }
            let left = Double(cells.map(\.rect.x0).min() ?? 0) / scale, right = Double(cells.map(\.rect.x1).max() ?? 0) / scale
            for (i, word) in page.words.enumerated() where word.midY * scale >= Double(table.top) && word.midY * scale <= Double(table.bottom)
                && word.midX >= left && word.midX <= right {
                taken.insert(i)
            }
            placed.append((Double(table.top) / scale, .table(grid)))
        }
        let free = page.words.indices.filter { !taken.contains($0) }.map { page.words[$0] }
        let text = lineGroups(free).map { (top: $0[0].y0, line: joined($0)) }
        var pending: [String] = []
        var t = 0
        for (top, block) in placed.sorted(by: { $0.top < $1.top }) {
            while t < text.count, text[t].top < top { pending.append(text[t].line); t += 1 }
            if !pending.isEmpty { blocks.append(.text(pending.joined(separator: "\n"))); pending = [] }
            blocks.append(block)
        }
        while t < text.count { pending.append(text[t].line); t += 1 }
        if !pending.isEmpty { blocks.append(.text(pending.joined(separator: "\n"))) }
        return blocks
    }

    /// The document: the rendered pages' blocks (`blocks`), every other page as its layout text; a table that a page
    /// break cuts (the page ends with it, the next begins with one of as many columns, nothing but a page number
    /// between) made one again.
    static func document(pages: [Page], layoutPages: [String]?, tables: [Int: [RuledTables.Table]], scale: Double) -> Document {
        var blocks: [Document.Block] = []
        for (i, page) in pages.enumerated() {
            guard let found = tables[i], !found.isEmpty else {
                blocks.append(.text(layoutPages.flatMap { i < $0.count ? $0[i] : nil } ?? text(page.words)))
                continue
            }
            var pageBlocks = Self.blocks(page, tables: found, scale: scale)
            // The table the last page ended with goes on at the top of this one (page numbers, a browser's header and
            // footer between them dropped): as wide, or repeating its header (a page's rules may part a column more).
            if let last = blocks.lastIndex(where: isTable), blocks[(last + 1)...].allSatisfy(isBareText),
               let first = pageBlocks.firstIndex(where: isTable), pageBlocks[..<first].allSatisfy(isBareText),
               case .table(let before) = blocks[last], case .table(let after) = pageBlocks[first], columns(before) == columns(after) || repeatedHeader(before, after) > 0 {
                blocks.removeSubrange((last + 1)...)
                blocks[last] = .table(continued(before, after))
                pageBlocks.removeSubrange(...first)
            }
            blocks += pageBlocks
        }
        return Document(blocks: blocks)
    }

    /// A table and its continuation on the next page as one: the header rows the next page repeats dropped, and a
    /// row the page break cut (its label goes on in a first row that holds no value, after a row that has values)
    /// made one row again, each piece of label joined to the cell above it (a group's label spanning rows included).
    static func continued(_ before: TableGrid, _ after: TableGrid) -> TableGrid {
        var rows = after.rows
        rows.removeFirst(repeatedHeader(before, after))
        // Columns counted from the right: the values' columns are the same on both pages.
        let shift = columns(before) - columns(after)
        var out = before
        guard let first = rows.first, let lastRow = out.rows.indices.last, out.rows[lastRow].contains(where: { looksNumeric($0.text) }),
              !first.contains(where: { looksNumeric($0.text) }), first.contains(where: { !$0.text.isEmpty }) else {
            out.rows += rows
            return out
        }
        let covering = out.placements()
        var joins: [(r: Int, k: Int, text: String)] = []
        var c = 0
        for cell in first {
            defer { c += cell.colSpan }
            guard !cell.text.isEmpty else { continue }
            // A label starting with its numbering (`（三）不予公开`) begins a row of its own, printed empty.
            let scalars = cell.text.unicodeScalars.map(TextNormalizer.fold)
            guard TableText.stripNumbering(scalars[...]).count == scalars.count,
                  let above = covering.first(where: { $0.rows.contains(lastRow) && $0.columns.contains(c + shift) }),
                  !out.rows[above.row][above.index].text.isEmpty, !looksNumeric(out.rows[above.row][above.index].text) else {
                out.rows += rows
                return out
            }
            joins.append((above.row, above.index, cell.text))
        }
        for join in joins { out.rows[join.r][join.k].text += join.text }
        out.rows += rows.dropFirst()
        return out
    }

    /// How many rows of header (the rows before the first value) the continuation of a table repeats from it, the
    /// same words in the same order; 0 when it does not.
    static func repeatedHeader(_ before: TableGrid, _ after: TableGrid) -> Int {
        func printed(_ row: [TableGrid.Cell]) -> [String] { row.map(\.text).filter { !$0.isEmpty } }
        let header = before.rows.prefix { row in !row.contains { looksNumeric($0.text) } }
        guard !header.isEmpty, after.rows.count > header.count, zip(header, after.rows).allSatisfy({ printed($0) == printed($1) }) else { return 0 }
        return header.count
    }

    /// Digits (and a decimal point, a sign, a per cent) only: a value, not a label.
    static func looksNumeric(_ text: String) -> Bool {
        let t = text.filter { !$0.isWhitespace }
        return !t.isEmpty && t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "%" || $0 == "," }
    }

    static func isTable(_ block: Document.Block) -> Bool {
        if case .table = block { return true } else { return false }
    }

    /// Text that is only a page's furniture: lines without a Chinese character (a page number, a rule) or that are a
    /// page marker or a browser's printed header or footer (`TableText.isPageMarker`).
    static func isBareText(_ block: Document.Block) -> Bool {
        guard case .text(let t) = block else { return false }
        return t.split(separator: "\n").allSatisfy { line in
            !line.unicodeScalars.contains { $0.properties.isIdeographic } || TableText.isPageMarker(ArraySlice(Array(line.unicodeScalars)))
        }
    }
}
