/// A page image in grey (poppler's `pdftoppm -gray` writes binary PGM, `P5`): one byte a pixel, 0 black.
struct PageImage: Sendable {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    /// A pixel as dark as a printed stroke.
    static let inkLevel: UInt8 = 160
    /// A pixel as dark as a rule: a thin line scanned at a low resolution comes out light grey (a shaded cell's
    /// lighter grey is still not one).
    static let ruleLevel: UInt8 = 192

    init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A binary PGM with 8-bit samples; nil for anything else.
    init?(pgm bytes: [UInt8]) {
        var fields: [Int] = [], i = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        while fields.count < 3 && i < bytes.count {
            if bytes[i] == UInt8(ascii: "#") {
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            } else if (0x30...0x39).contains(bytes[i]) {
                var n = 0
                while i < bytes.count, (0x30...0x39).contains(bytes[i]), n < 1 << 20 { n = n * 10 + Int(bytes[i] - 0x30); i += 1 }
                fields.append(n)
                continue
            }
            i += 1
        }
        guard fields.count == 3, fields[2] == 255, fields[0] > 0, fields[1] > 0, i < bytes.count,
              bytes.count - i - 1 >= fields[0] * fields[1] else { return nil }
        width = fields[0]
        height = fields[1]
        pixels = Array(bytes[(i + 1)..<(i + 1 + width * height)])
    }

    /// Dark enough to be part of a rule.
    @inline(__always) func dark(_ x: Int, _ y: Int) -> Bool { pixels[y * width + x] < Self.ruleLevel }

    /// The dark pixels inside a rectangle (clipped to the page).
    func ink(_ r: Rect) -> Int {
        let x0 = max(0, r.x0), x1 = min(width, r.x1), y0 = max(0, r.y0), y1 = min(height, r.y1)
        guard x0 < x1, y0 < y1 else { return 0 }
        var n = 0
        for y in y0..<y1 {
            let row = y * width
            for x in x0..<x1 where pixels[row + x] < Self.inkLevel { n += 1 }
        }
        return n
    }

    /// A cell's inside as a binary PGM, and the dark pixels left in it: the rectangle's rules taken away — the rows
    /// and columns near its edges dark over nearly all of it (a rule, however thick or blurred, or a second rule where
    /// a table's cells are drawn apart) turned white — with a white margin round it (the recogniser reads a glyph touching the
    /// edge badly). A glyph set against the rule is kept: no glyph fills its cell from edge to edge.
    func cell(_ r: Rect, margin: Int = 12) -> (pgm: [UInt8], ink: Int) {
        let x0 = max(0, r.x0), x1 = min(width, r.x1), y0 = max(0, r.y0), y1 = min(height, r.y1)
        guard x0 < x1, y0 < y1 else { return (Array("P5\n1 1\n255\n".utf8) + [255], 0) }
        let w = x1 - x0, h = y1 - y0
        var crop = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h { crop.replaceSubrange((y * w)..<(y * w + w), with: pixels[((y + y0) * width + x0)..<((y + y0) * width + x1)]) }
        // Only near the edges: a glyph inside (a `1` in a low row) may run nearly the cell's height.
        let edge = 12
        let ruleRows = (0..<h).filter { y in (y < edge || y >= h - edge) && (0..<w).count { crop[y * w + $0] < Self.ruleLevel } * 20 >= w * 17 }
        let ruleColumns = (0..<w).filter { x in (x < edge || x >= w - edge) && (0..<h).count { crop[$0 * w + x] < Self.ruleLevel } * 20 >= h * 17 }
        // A rule's blurred edge, a pixel either side, goes with it.
        for y in ruleRows { for yy in max(0, y - 1)...min(h - 1, y + 1) { for x in 0..<w { crop[yy * w + x] = 255 } } }
        for x in ruleColumns { for xx in max(0, x - 1)...min(w - 1, x + 1) { for y in 0..<h { crop[y * w + xx] = 255 } } }
        let cleaned = PageImage(width: w, height: h, pixels: crop)
        return (cleaned.pgm(Rect(x0: 0, y0: 0, x1: w, y1: h), margin: margin), crop.count { $0 < Self.inkLevel })
    }

    /// A rectangle of the page as a binary PGM, with a white margin.
    func pgm(_ r: Rect, margin: Int = 12) -> [UInt8] {
        let x0 = max(0, r.x0), x1 = min(width, r.x1), y0 = max(0, r.y0), y1 = min(height, r.y1)
        let w = max(1, x1 - x0) + 2 * margin, h = max(1, y1 - y0) + 2 * margin
        var out = Array("P5\n\(w) \(h)\n255\n".utf8)
        let header = out.count
        out += [UInt8](repeating: 255, count: w * h)
        if x0 < x1 {
            for y in y0..<y1 {
                let dst = header + (y - y0 + margin) * w + margin
                out.replaceSubrange(dst..<(dst + x1 - x0), with: pixels[(y * width + x0)..<(y * width + x1)])
            }
        }
        return out
    }
}

/// A rectangle of pixels, `x1`/`y1` excluded.
struct Rect: Sendable, Equatable {
    var x0, y0, x1, y1: Int
}

/// The ruled tables of a page image, found by their lines (as lattice readers of PDFs do with the drawn rules): the
/// long horizontal strokes, the vertical strokes that cross a whole band between two of them, and the cells they
/// enclose, a cell whose top rule is missing continuing the cell above (a row span), one that covers several columns'
/// rules spanning them.
enum RuledTables {
    struct Cell: Sendable, Equatable {
        var rect: Rect
        var rowSpan: Int
        var colSpan: Int
    }

    struct Table: Sendable, Equatable {
        /// From the top rule to the bottom rule.
        var top: Int
        var bottom: Int
        /// Rows of cells, each cell in the row where it starts.
        var rows: [[Cell]]
    }

    /// A horizontal rule: its middle row and its extent.
    struct Rule: Equatable {
        var y: Int
        var x0: Int
        var x1: Int
    }

    /// The page's tables, top to bottom.
    static func tables(_ page: PageImage) -> [Table] {
        let rules = horizontalRules(page)
        var tables: [Table] = []
        var group: [Rule] = []
        var bands: [[Int]] = []
        func close() {
            if group.count >= 3, let table = table(page, rules: group, verticals: bands) { tables.append(table) }
            group = []
            bands = []
        }
        for rule in rules {
            if let last = group.last {
                let overlap = min(last.x1, rule.x1) - max(last.x0, rule.x0)
                // Across the whole table so far: a rule under a cell spanning rows starts only after that cell.
                let x0 = min(rule.x0, group.map(\.x0).min()!), x1 = max(rule.x1, group.map(\.x1).max()!)
                var verticals = overlap > min(last.x1 - last.x0, rule.x1 - rule.x0) / 2
                    ? verticalRules(page, top: last.y, bottom: rule.y, x0: x0, x1: x1) : []
                // A table cut at the page's edge (a browser's print of a wide table) has no rule there: its rules' ends
                // stand for it.
                if let first = verticals.first, let end = verticals.last {
                    if max(last.x0, rule.x0) < first - 40 { verticals.insert(max(last.x0, rule.x0), at: 0) }
                    if min(last.x1, rule.x1) > end + 40 { verticals.append(min(last.x1, rule.x1)) }
                }
                if verticals.count >= 2 {
                    group.append(rule)
                    bands.append(verticals)
                    continue
                }
                close()
            }
            group = [rule]
        }
        close()
        return tables
    }

    /// Long dark horizontal runs (at least a 25th of the page's width, gaps of two pixels bridged), rows a few pixels
    /// apart merged into one rule; a run thicker than a rule (a filled block) is not one.
    static func horizontalRules(_ page: PageImage) -> [Rule] {
        let minimum = max(20, page.width / 25)
        var segments: [(y: Int, x0: Int, x1: Int)] = []
        for y in 0..<page.height {
            var x = 0
            while x < page.width {
                guard page.dark(x, y) else { x += 1; continue }
                var end = x, gap = 0, probe = x
                while probe < page.width && gap <= 2 {
                    if page.dark(probe, y) { end = probe; gap = 0 } else { gap += 1 }
                    probe += 1
                }
                if end - x + 1 >= minimum { segments.append((y, x, end + 1)) }
                x = end + 1
            }
        }
        // Runs on neighbouring rows that overlap are one rule.
        var open: [(y0: Int, y1: Int, x0: Int, x1: Int)] = []
        var done: [(y0: Int, y1: Int, x0: Int, x1: Int)] = []
        for s in segments {
            open.removeAll { o in
                if s.y - o.y1 > 2 { done.append(o); return true }
                return false
            }
            if let i = open.firstIndex(where: { s.y - $0.y1 <= 2 && min($0.x1, s.x1) > max($0.x0, s.x0) }) {
                open[i].y1 = s.y
                open[i].x0 = min(open[i].x0, s.x0)
                open[i].x1 = max(open[i].x1, s.x1)
            } else {
                open.append((s.y, s.y, s.x0, s.x1))
            }
        }
        done += open
        let thickest = max(6, page.height / 250)
        // Pieces of one rule interrupted by a cell that spans it (at the same height) are one rule here, and so are
        // rules closer than a row could be (cells drawn apart); whether a cell's own top is ruled is asked of the
        // pixels (`ruled`).
        let nearest = max(4, closest(page) / 2)
        var rules: [Rule] = []
        for r in done.filter({ $0.y1 - $0.y0 <= thickest }).map({ Rule(y: ($0.y0 + $0.y1) / 2, x0: $0.x0, x1: $0.x1) }).sorted(by: { $0.y < $1.y }) {
            if let last = rules.last, r.y - last.y <= nearest {
                rules[rules.count - 1].x0 = min(last.x0, r.x0)
                rules[rules.count - 1].x1 = max(last.x1, r.x1)
            } else {
                rules.append(r)
            }
        }
        return rules
    }

    /// The x of each vertical rule that crosses the band between two rows (nine tenths of its pixels dark, a pixel
    /// either side allowed), neighbouring columns merged.
    static func verticalRules(_ page: PageImage, top: Int, bottom: Int, x0: Int, x1: Int) -> [Int] {
        let y0 = top + 4, y1 = bottom - 4
        guard y1 - y0 >= 4 else { return [] }
        let needed = (y1 - y0) * 9 / 10
        var columns: [Int] = []
        for x in max(0, x0 - 4)..<min(page.width, x1 + 4) {
            var n = 0
            for y in y0..<y1 where page.dark(x, y) || (x > 0 && page.dark(x - 1, y)) || (x + 1 < page.width && page.dark(x + 1, y)) {
                n += 1
            }
            if n >= needed { columns.append(x) }
        }
        // Rules closer than a cell could be (a table whose cells are drawn apart prints two rules between them) are one.
        let nearest = closest(page)
        var merged: [Int] = []
        var run: [Int] = []
        for x in columns {
            if let first = run.first, let last = run.last, x - last > 1 && x - first > nearest {
                merged.append(run[run.count / 2])
                run = []
            }
            run.append(x)
        }
        if !run.isEmpty { merged.append(run[run.count / 2]) }
        return merged
    }

    /// The least width of a column: a 120th of the page's width (about 1.75 mm on A4; 20 pixels at 300 dpi).
    static func closest(_ page: PageImage) -> Int { max(4, page.width / 120) }

    /// Whether a horizontal rule runs along `y` between two x: one row within a few of it dark over nine tenths of
    /// that width (a line of text across it is not).
    static func ruled(_ page: PageImage, y: Int, from x0: Int, to x1: Int) -> Bool {
        let a = x0 + 6, b = x1 - 6
        guard b > a else { return true }
        return (max(0, y - 4)...min(page.height - 1, y + 4)).contains { row in
            (a..<b).count { page.dark($0, row) } * 10 >= (b - a) * 9
        }
    }

    static func table(_ page: PageImage, rules: [Rule], verticals: [[Int]]) -> Table? {
        // The table's columns: every vertical rule's x, those within a few pixels one.
        let nearest = max(8, closest(page) / 2)
        var xs: [Int] = []
        for x in verticals.flatMap({ $0 }).sorted() where xs.last.map({ x - $0 > nearest }) ?? true { xs.append(x) }
        func column(_ x: Int) -> Int { xs.firstIndex { abs($0 - x) <= nearest } ?? xs.count { $0 < x } }
        var rows: [[Cell]] = []
        // The cells still open downwards: (row, index) by their left and right columns.
        var open: [ClosedRange<Int>: (row: Int, index: Int)] = [:]
        for (b, band) in verticals.enumerated() {
            var row: [Cell] = []
            var still: [ClosedRange<Int>: (row: Int, index: Int)] = [:]
            for (left, right) in zip(band, band.dropFirst()) {
                let span = column(left)...column(right)
                if b > 0, let above = open[span], !ruled(page, y: rules[b].y, from: left, to: right) {
                    rows[above.row][above.index].rowSpan += 1
                    rows[above.row][above.index].rect.y1 = rules[b + 1].y
                    still[span] = above
                    continue
                }
                row.append(Cell(rect: Rect(x0: left, y0: rules[b].y, x1: right, y1: rules[b + 1].y), rowSpan: 1,
                                colSpan: max(1, span.upperBound - span.lowerBound)))
                still[span] = (rows.count, row.count - 1)
            }
            open = still
            rows.append(row)
        }
        guard rows.contains(where: { !$0.isEmpty }) else { return nil }
        return Table(top: rules[0].y, bottom: rules[rules.count - 1].y, rows: rows)
    }
}
