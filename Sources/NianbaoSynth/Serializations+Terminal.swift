import Foundation
import NianbaoKit

// MARK: Reports as terminal converters print them

extension SerialReport {
    /// Blocks separated by blank lines, paragraphs wrapped at `wrap` display columns behind `indent`.
    func spaced(indent: String = "", wrap: Int, heading: (String) -> [String] = { [$0] },
                table: (Int) -> [String]) -> String {
        var out: [[String]] = []
        for block in blocks {
            switch block {
            case .title(let s): out.append([indent + s])
            case .heading(let s): out.append(heading(s))
            case .text(let s): out.append(Text.wrap(s, width: wrap).map { indent + $0 })
            case .table(let i): out.append(table(i))
            }
        }
        return out.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    /// lynx -dump's page: paragraphs indented three columns, tables one cell per line.
    func lynx(_ rng: inout SplitMix64) -> String {
        var tables: [[String]] = []
        let collapsed = quirks.contains(.collapsedBlanks) && rng.below(2) == 0
        for table in self.tables {
            tables.append(Terminal.lynx(table.broken(&rng, paragraphs: true), collapsed: collapsed, &rng))
        }
        return spaced(indent: "   ", wrap: 74, heading: { ["   " + $0] }, table: { tables[$0] })
    }

    /// pandoc's gfm: paragraphs wrapped at 72 columns, pipe tables or raw HTML ones.
    func markdown(_ rng: inout SplitMix64) -> String {
        let repeated = rng.below(3) == 0, padded = rng.below(4) != 0
        let spans = shape == .markdownHTML && rng.below(2) == 0
        var tables: [[String]] = []
        for table in self.tables {
            let broken = table.broken(&rng, paragraphs: rng.below(2) == 0)
            if shape == .markdownHTML && broken.cells.contains(where: { $0.text.contains("\n") }) {
                tables.append(Terminal.html(broken))
            } else {
                tables.append(Terminal.pipeTable(table, repeated: repeated, padded: padded))
            }
        }
        // pandoc wraps raw HTML at 72 columns too.
        func heading(_ s: String) -> [String] {
            guard spans else { return [s] }
            let span = "<span style=\"font-family: 黑体, SimHei;\">\(s)</span>"
            return Text.width(span) <= 72 ? [span] : ["<span", "style=\"font-family: 黑体, SimHei;\">\(s)</span>"]
        }
        return spaced(wrap: 72, heading: heading, table: { tables[$0] })
    }

    /// pandoc's plain text: paragraphs wrapped at 72 columns, grid or simple tables.
    func pandocPlain(_ rng: inout SplitMix64) -> String {
        var tables: [[String]] = []
        for table in self.tables {
            if shape == .gridTable {
                tables.append(Terminal.gridTable(table.broken(&rng, paragraphs: true), &rng))
            } else {
                tables.append(Terminal.simpleTable(table))
            }
        }
        return spaced(wrap: 72, table: { tables[$0] })
    }

    /// w3m -dump's page: long paragraph lines, box-drawn tables.
    func w3m(_ rng: inout SplitMix64) -> String {
        var tables: [[String]] = []
        for table in self.tables { tables.append(Terminal.boxes(table.broken(&rng, paragraphs: rng.below(2) == 0), &rng)) }
        return spaced(wrap: 100 + rng.below(100), table: { tables[$0] })
    }
}

/// Tables as terminal converters print them: w3m, lynx, pandoc's gfm, grid and simple tables.
enum Terminal {
    // MARK: Rectangular grids

    /// The table as a rectangle: each position the text of the cell starting there, "" where a span covers
    /// it — or, `repeated`, the text of the rowspan covering it at its first column.
    static func rectangle(_ t: SerialTable, repeated: Bool = false) -> [[String]] {
        t.rows.indices.map { r in
            (0..<t.columns).map { c in
                if t.starts(r, c) || (repeated && t.coveredFromAbove(r, c)) { return t.cell(r, c).flat }
                return ""
            }
        }
    }

    /// pandoc's gfm pipe table: a header row of empty cells, a `|---|` rule, cells padded to display width
    /// (or, unpadded, as other writers print them).
    static func pipeTable(_ t: SerialTable, repeated: Bool, padded: Bool) -> [String] {
        let grid = rectangle(t, repeated: repeated)
        let widths = (0..<t.columns).map { c in max(3, grid.map { Text.width($0[c]) }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            guard padded else { return "| " + cells.joined(separator: " | ") + " |" }
            return "|" + cells.enumerated().map { " " + Text.pad($1, widths[$0]) + " " }.joined(separator: "|") + "|"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: padded ? $0 + 2 : 3) }.joined(separator: "|") + "|"
        return [line(Array(repeating: "", count: t.columns)), rule] + grid.map(line)
    }

    /// pandoc plain's simple table: columns two wider than their widest cell, a space between, the last cell
    /// unpadded, a dashed rule above and below.
    static func simpleTable(_ t: SerialTable) -> [String] {
        let grid = rectangle(t)
        let widths = (0..<t.columns).map { c in (grid.map { Text.width($0[c]) }.max() ?? 0) + 2 }
        let rule = "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: " ")
        let rows = grid.map { cells in
            "  " + cells.enumerated().map { c, text in c == cells.count - 1 ? text : Text.pad(text, widths[c]) + " " }.joined()
        }
        return [rule] + rows + [rule]
    }

    /// pandoc's grid table: every column as wide (or each as its content wants, capped), each cell's lines
    /// wrapped within it — from the end, as pandoc breaks CJK text, or from the start — a blank line between
    /// paragraphs, `+===+` under the first row when it is a header.
    static func gridTable(_ t: SerialTable, _ rng: inout SplitMix64) -> [String] {
        let fromEnd = rng.below(3) != 0
        let equal = 10 + rng.below(10), cap = 14 + rng.below(14)
        let header = rng.below(3) == 0
        var widths = (0..<t.columns).map { c -> Int in
            let natural = t.rows.indices.map { r in t.starts(r, c) && t.cell(r, c).colspan == 1 ? Text.width(t.cell(r, c).flat) : 0 }.max() ?? 0
            return rng.below(2) == 0 ? equal : min(cap, max(5, natural + 2))
        }
        // No column narrower than its widest unbreakable piece.
        for cell in t.cells where cell.colspan == 1 {
            let piece = Text.tokens(cell.text).map(Text.width).max() ?? 0
            widths[cell.column] = max(widths[cell.column], piece + 2)
        }
        let rule = { (c: Character) in "+" + widths.map { String(repeating: c, count: $0) }.joined(separator: "+") + "+" }
        var lines = [rule("-")]
        for r in t.rows.indices {
            let cells = (0..<t.columns).map { c -> [String] in
                guard t.starts(r, c) else { return [] }
                return t.cell(r, c).lines.flatMap { $0.isEmpty ? [""] : Text.wrap($0, width: widths[c] - 2, fromEnd: fromEnd) }
            }
            for k in 0..<max(1, cells.map(\.count).max() ?? 1) {
                lines.append("|" + cells.enumerated().map { c, texts in
                    " " + Text.pad(k < texts.count ? texts[k] : "", widths[c] - 2) + " "
                }.joined(separator: "|") + "|")
            }
            lines.append(rule(header && r == 0 ? "=" : "-"))
        }
        return lines
    }

    // MARK: w3m

    /// w3m's box drawing: column widths from the cells' lines (a spanning cell widening the columns it spans),
    /// row heights likewise, each cell's lines vertically centered in its box, rules drawn only between
    /// different cells, junctions joining the rules that meet.
    static func boxes(_ t: SerialTable, _ rng: inout SplitMix64) -> [String] {
        let n = t.columns, m = t.rows.count
        let centered = rng.below(2) == 0
        var w = Array(repeating: 0, count: n)
        for cell in t.cells where cell.colspan == 1 {
            w[cell.column] = max(w[cell.column], cell.lines.map(Text.width).max() ?? 0)
        }
        for cell in t.cells.sorted(by: { $0.colspan < $1.colspan }) where cell.colspan > 1 {
            let span = cell.column..<(cell.column + cell.colspan)
            let need = (cell.lines.map(Text.width).max() ?? 0) - (w[span].reduce(0, +) + cell.colspan - 1)
            if need > 0 { for (k, c) in span.enumerated() { w[c] += need / cell.colspan + (k < need % cell.colspan ? 1 : 0) } }
        }
        for c in 0..<n where rng.below(3) == 0 { w[c] += 1 + rng.below(4) }
        for c in 0..<n where w[c] == 0 { w[c] = 1 }
        var h = Array(repeating: 1, count: m)
        for cell in t.cells where cell.rowspan == 1 { h[cell.row] = max(h[cell.row], cell.lines.count) }
        for cell in t.cells where cell.rowspan > 1 {
            let last = cell.row + cell.rowspan - 1
            let need = cell.lines.count - (h[cell.row...last].reduce(0, +) + cell.rowspan - 1)
            if need > 0 { h[last] += need }
        }
        var x = [0], top = [1]
        for c in 0..<n { x.append(x[c] + w[c] + 1) }
        for r in 0..<m { top.append(top[r] + h[r] + 1) }
        // top[r] is row r's first line; top[r] - 1 the rule above it.
        var canvas = Array(repeating: Array(repeating: " ", count: x[n] + 1), count: top[m])
        func write(_ s: String, _ y: Int, _ x0: Int) {
            var xx = x0
            for ch in s {
                canvas[y][xx] = String(ch)
                if Text.width(ch) == 2 { canvas[y][xx + 1] = "" }
                xx += Text.width(ch)
            }
        }
        for cell in t.cells {
            let r1 = cell.row + cell.rowspan - 1, c1 = cell.column + cell.colspan
            let x0 = x[cell.column] + 1, width = x[c1] - x0
            let y0 = top[cell.row], height = top[r1] + h[r1] - y0
            let align: Text.Align = cell.kind == .label || cell.kind == .group || !centered ? .left : .center
            for (k, line) in cell.lines.enumerated() {
                write(Text.pad(line, width, align), y0 + (height - cell.lines.count) / 2 + k, x0)
            }
        }
        func vertical(_ r: Int, _ c: Int) -> Bool { c == 0 || c == n || !t.same((r, c - 1), (r, c)) }
        func horizontal(_ b: Int, _ c: Int) -> Bool { b == 0 || b == m || !t.same((b - 1, c), (b, c)) }
        for r in 0..<m {
            for c in 0...n where vertical(r, c) {
                for y in top[r]..<(top[r] + h[r]) { canvas[y][x[c]] = "│" }
            }
        }
        for b in 0...m {
            let y = top[b] - 1
            for c in 0..<n where horizontal(b, c) {
                for xx in (x[c] + 1)..<x[c + 1] { canvas[y][xx] = "─" }
            }
            for c in 0...n {
                let up = b > 0 && vertical(b - 1, c), down = b < m && vertical(b, c)
                let left = c > 0 && horizontal(b, c - 1), right = c < n && horizontal(b, c)
                if let j = junction(up, down, left, right) { canvas[y][x[c]] = j }
            }
        }
        return canvas.map { $0.joined() }
    }

    /// The box-drawing character where rules from the given directions meet, nil where none does.
    static func junction(_ up: Bool, _ down: Bool, _ left: Bool, _ right: Bool) -> String? {
        switch (up, down, left, right) {
        case (true, true, true, true): return "┼"
        case (true, true, false, true): return "├"
        case (true, true, true, false): return "┤"
        case (false, true, true, true): return "┬"
        case (true, false, true, true): return "┴"
        case (false, true, false, true): return "┌"
        case (false, true, true, false): return "┐"
        case (true, false, false, true): return "└"
        case (true, false, true, false): return "┘"
        case (true, true, false, false), (true, false, false, false), (false, true, false, false): return "│"
        case (false, false, true, true), (false, false, true, false), (false, false, false, true): return "─"
        default: return nil
        }
    }

    // MARK: lynx

    /// lynx -dump: each cell's lines centered near one column (a cell now and then off it), a blank line
    /// after each cell and one more for each empty cell (`collapsed`: one for a run of them), the blank lines
    /// at the table's end run into one.
    static func lynx(_ t: SerialTable, collapsed: Bool, _ rng: inout SplitMix64) -> [String] {
        let center = 80 + rng.below(20)
        var lines: [String] = []
        var lastEmpty = false
        for cell in t.cells {
            if cell.text.isEmpty {
                if !(collapsed && lastEmpty) { lines.append("") }
                lastEmpty = true
                continue
            }
            lastEmpty = false
            let middle = rng.below(8) == 0 ? center - 20 + rng.below(40) : center + rng.below(3) - 1
            for line in cell.lines {
                lines.append(line.isEmpty ? "" : Text.spaces(middle - Text.width(line) / 2) + line)
            }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    // MARK: Raw HTML in Markdown

    /// The table as pandoc writes raw HTML into gfm: a `<colgroup>`, rows of class odd/even, `colspan` and
    /// `rowspan` attributes, each cell's paragraphs as `<p>`s and line breaks as `<br />` and a newline.
    static func html(_ t: SerialTable) -> [String] {
        var lines = ["<table>", "<colgroup>"]
        let percent = max(1, 100 / t.columns)
        lines += (0..<t.columns).map { _ in "<col style=\"width: \(percent)%\" />" }
        lines += ["</colgroup>", "<tbody>"]
        for (r, row) in t.rows.enumerated() {
            lines.append("<tr class=\"\(r % 2 == 0 ? "odd" : "even")\">")
            for cell in row {
                var attributes = ""
                if cell.colspan > 1 { attributes += " colspan=\"\(cell.colspan)\"" }
                if cell.rowspan > 1 { attributes += " rowspan=\"\(cell.rowspan)\"" }
                if cell.text.isEmpty { lines.append("<td\(attributes)></td>"); continue }
                let paragraphs = cell.text.components(separatedBy: "\n\n").map { "<p>" + $0.replacingOccurrences(of: "\n", with: "<br />\n") + "</p>" }
                lines.append(("<td\(attributes)>" + paragraphs.joined(separator: "\n") + "</td>"))
            }
            lines.append("</tr>")
        }
        return lines + ["</tbody>", "</table>"]
    }
}
