import Foundation
import NianbaoKit

// MARK: Reports as pdftotext prints them

extension SerialReport {
    /// The report as `pdftotext` prints a PDF of it: short lines of prose (a page is narrow), in -layout mode
    /// behind a margin; a page break after the first section and one inside 表三.
    func pdf(_ rng: inout SplitMix64) -> String {
        let margin = shape == .pdfLayout ? Text.spaces(rng.below(8)) : ""
        let chars = 30 + rng.below(12)
        let breaks = quirks.contains(.pageBreaks)
        var pages = PageBreaks(shape: shape, rng: &rng)
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .title(let s):
                lines += Text.chunks(Array(s), of: chars - 6).map { (shape == .pdfLayout ? Text.spaces(4 + rng.below(8)) : "") + $0 }
            case .heading(let s):
                if breaks && s.hasPrefix("二、") { lines += pages.marker(&rng) }
                lines.append(margin + s)
            case .text(let s):
                lines += Text.chunks(Array(s), of: chars).map { margin + $0 }
            case .table(let i):
                let table = tables[i].broken(&rng, paragraphs: false)
                switch shape {
                case .pdfLayout: lines += PDF.layout(table, index: i, quirks: quirks, pages: &pages, &rng)
                case .pdfRaw: lines += PDF.raw(table, index: i, quirks: quirks, pages: &pages, &rng)
                default: lines += PDF.stacked(table, index: i, quirks: quirks, pages: &pages, &rng)
                }
            }
            if shape != .pdfRaw && rng.below(2) == 0 { lines.append("") }
        }
        return PageBreaks.feed(lines).joined(separator: "\n") + "\n"
    }
}

/// Page markers as PDFs carry them and pdftotext prints them, with the form feed that starts the next page.
struct PageBreaks {
    /// Starts the line it begins: the form feed pdftotext prints before a page's first line.
    static let feedMark = "\u{0C}"
    var page: Int
    var style: Int
    var shape: Serialization

    init(shape: Serialization, rng: inout SplitMix64) {
        self.shape = shape
        style = rng.below(5)
        page = 2 + rng.below(3)
    }

    /// The lines closing a page and opening the next: a footer (`-3-`, `- 3 -`, `— 3 —`) before the form
    /// feed, or a header after it, or a browser's footer and header around it.
    mutating func marker(_ rng: inout SplitMix64) -> [String] {
        defer { page += 1 }
        let indent = shape == .pdfLayout ? Text.spaces(20 + rng.below(50)) : ""
        let number = ["-\(page)-", "- \(page) -", "— \(page) —"][rng.below(3)]
        var lines = shape == .pdfLayout ? Array(repeating: "", count: rng.below(3)) : []
        switch style {
        case 0, 1: lines += [indent + number, Self.feedMark]
        case 2, 3: lines += [Self.feedMark, indent + number]
        default:
            let gap = shape == .pdfLayout ? Text.spaces(20 + rng.below(30)) : " "
            lines += ["file:///tmp/report.html" + gap + "\(page)/8", Self.feedMark,
                      "12/1/25, 9:34 AM" + gap + "政府信息公开工作年度报告"]
        }
        return lines
    }

    /// The lines with each lone form feed joined to the line after it, as pdftotext prints a new page.
    static func feed(_ lines: [String]) -> [String] {
        var out: [String] = []
        var pending = false
        for line in lines {
            if line == feedMark { pending = true; continue }
            out.append(pending ? feedMark + line : line)
            pending = false
        }
        if pending { out.append(feedMark) }
        return out
    }
}

/// A line of text as pdftotext -layout prints it: pieces at character columns (every character one column),
/// a piece that would run into the one before it pushed one space past it.
struct LayoutLine {
    var items: [(x: Int, text: String)] = []

    init(_ items: [(x: Int, text: String)] = []) { self.items = items }

    mutating func put(_ x: Int, _ text: String) {
        if !text.isEmpty { items.append((max(0, x), text)) }
    }

    var isEmpty: Bool { items.isEmpty }

    var text: String {
        var out = "", used = -1
        for item in items.sorted(by: { $0.x < $1.x }) {
            let x = used < 0 ? item.x : max(item.x, used + 1)
            out += Text.spaces(x - max(used, 0)) + item.text
            used = x + item.text.count
        }
        return out
    }
}

/// 表三's body rows as the PDF shapes need them: a row's label, the column of that label, its values, and
/// the group labels starting at the row.
struct PDFRow {
    var label: String
    var level: Int
    var values: [String]
    var groups: [(text: String, level: Int, span: Int)]

    static func rows(_ t: SerialTable) -> [PDFRow] {
        t.rows.dropFirst(t.headerRows).map { row in
            let label = row.first { $0.kind == .label }
            return PDFRow(label: label?.flat ?? "", level: label?.column ?? 0,
                          values: row.filter { $0.kind == .value }.map(\.flat),
                          groups: row.filter { $0.kind == .group }.map { ($0.flat, $0.column, $0.rowspan) })
        }
    }

    /// The numbering a label starts with (`5.`, `5、`), if any, and the rest.
    var numbering: (String, String)? {
        let chars = Array(label)
        guard chars.count > 2, chars[0].isNumber, !chars[1].isNumber else { return nil }
        return (String(chars[..<2]), String(chars[2...]))
    }
}

/// How a group label spanning rows lands in pdftotext's output.
enum GroupStyle: CaseIterable {
    /// A line of its own between the group's middle rows.
    case float
    /// On the middle row's line, before the row's label.
    case inline
    /// Its first characters on the middle row's line, the rest on a line of its own after the row.
    case wrapped
    /// A line of its own, characters spaced apart (`三 、本 年 度办 理 结果`).
    case spaced
    /// One character per line, lines of their own mid-group.
    case vertical
    /// Pieces of three characters, each on one of the middle rows' lines.
    case pieces
    /// One character on each of the middle rows' lines (quirk `labelsOnRowLines`).
    case onRowLines

    static func draw(top: Bool, quirks: Serialization.Quirks, _ rng: inout SplitMix64) -> GroupStyle {
        var styles: [GroupStyle] = top ? [.float, .inline, .spaced, .vertical, .pieces] : [.float, .inline, .wrapped]
        if quirks.contains(.labelsOnRowLines) { styles += [.onRowLines, .onRowLines] }
        return styles[rng.below(styles.count)]
    }
}

/// pdftotext's three modes over the tables.
enum PDF {
    // MARK: -layout

    /// Table `index` (0 表二, 1 表三, 2 表四) as `pdftotext -layout` prints it.
    static func layout(_ t: SerialTable, index: Int, quirks: Serialization.Quirks, pages: inout PageBreaks,
                       _ rng: inout SplitMix64) -> [String] {
        switch index {
        case 0: return layoutT2(t, &rng)
        case 1: return layoutT3(t, quirks: quirks, pages: &pages, &rng)
        default: return layoutT4(t, quirks: quirks, &rng)
        }
    }

    /// The longest value of a table, in characters, or with `headers` the longest line of a one-column
    /// header if longer: a PDF's columns are as wide as both.
    static func widest(_ t: SerialTable, headers: Bool = false) -> Int {
        let values = t.cells.filter { $0.kind == .value }.map(\.flat.count)
        let pieces = t.cells.filter { headers && $0.kind == .header && $0.colspan == 1 }.flatMap { PDF.pieces($0.text).map(\.count) }
        return (values + pieces).max() ?? 1
    }

    /// Where 表三's labels and values sit: the three label columns, how many characters a label line holds,
    /// each value column's anchor (its right edge, or its left edge for left-aligned values).
    struct Geometry {
        var labelX: [Int]
        var labelWidth: Int
        var valueX: [Int]
        var right: Bool

        /// Columns wide enough for `widest` characters and a space or more.
        init(widest: Int, _ rng: inout SplitMix64) {
            let x0 = rng.below(4)
            let x1 = x0 + 6 + rng.below(14)
            labelX = [x0, x1, x1 + 5 + rng.below(10)]
            labelWidth = 12 + rng.below(14)
            right = rng.below(3) != 0
            var x = labelX[2] + labelWidth + 2 + rng.below(6) + (right ? widest : 0)
            let spacing = widest + 1 + rng.below(5)
            valueX = []
            for _ in 0..<7 {
                valueX.append(x)
                x += spacing + rng.below(3)
            }
        }

        func x(_ value: String, _ c: Int) -> Int { right ? valueX[c] - value.count + 1 : valueX[c] }

        /// Characters a label starting at label column `level` holds on a line.
        func room(_ level: Int) -> Int { labelWidth + labelX[2] - labelX[level] }

        /// The columns a little moved, as on the next page of a PDF.
        mutating func shift(_ rng: inout SplitMix64) {
            let delta = rng.below(9) - 5
            labelX = labelX.map { max(0, $0 + delta) }
            let squeeze = rng.below(3) - 1
            valueX = valueX.enumerated().map { max(labelX[2] + 4, $1 + delta + $0 * squeeze) }
        }
    }

    /// Header cells placed in a band of lines: a cell in k pieces on every other line around the band's middle.
    static func band(_ cells: [(center: Int, text: String)], lift: [Int] = []) -> [LayoutLine] {
        let parts = cells.map { $0.text.components(separatedBy: "\n").filter { !$0.isEmpty } }
        let tallest = parts.map(\.count).max() ?? 1
        var lines = Array(repeating: LayoutLine(), count: 2 * tallest - 1)
        for (i, pieces) in parts.enumerated() {
            let first = tallest - pieces.count - (lift.contains(i) && pieces.count < tallest ? 1 : 0)
            for (k, piece) in pieces.enumerated() {
                lines[first + 2 * k].put(cells[i].center - piece.count / 2, piece)
            }
        }
        return lines
    }

    /// 表三 in -layout mode: the header in a band of lines, each row's label (wrapped when long) at its label
    /// column and its values at the column anchors, group labels as their style puts them, a page break
    /// (quirk `pageBreaks`) after which the columns move.
    static func layoutT3(_ t: SerialTable, quirks: Serialization.Quirks, pages: inout PageBreaks,
                         _ rng: inout SplitMix64) -> [String] {
        var g = Geometry(widest: widest(t, headers: true), &rng)
        let gap = rng.below(3)
        var lines: [LayoutLine] = []
        // Header: 申请人情况 over the value columns, 法人或其他组织 over five, the note wrapped at the left.
        let center = { (c: Int) in g.right ? g.valueX[c] - 1 : g.valueX[c] + 1 }
        lines.append(LayoutLine([(center(3) - 2, t.rows[0][1].flat)]))
        lines.append(LayoutLine())
        lines.append(LayoutLine([(center(3) - 3, t.rows[1][1].flat)]))
        let note = t.rows[0][0].flat
        var noteLines = Text.chunks(Array(note), of: 14 + rng.below(14)).map { LayoutLine([(g.labelX[0], $0)]) }
        var headers = t.rows[1].filter { $0.colspan == 1 }.map(\.text)
        headers.insert(contentsOf: t.rows[2].map(\.text), at: 1)
        let columnLines = band(headers.enumerated().map { (center($0), $1) }, lift: [0, 6])
        if !noteLines.isEmpty { lines.append(noteLines.removeFirst()) }
        for var line in columnLines {
            if !noteLines.isEmpty { line.items += noteLines.removeFirst().items }
            lines.append(line)
        }
        lines += noteLines + [LayoutLine()]

        let rows = PDFRow.rows(t)
        var before = Array(repeating: [LayoutLine](), count: rows.count + 1)
        var after = Array(repeating: [LayoutLine](), count: rows.count)
        var inline = Array(repeating: [(level: Int, text: String)](), count: rows.count)
        for (r, row) in rows.enumerated() {
            for group in row.groups {
                let style = GroupStyle.draw(top: group.level == 0, quirks: quirks, &rng)
                let mid = r + group.span / 2
                let chars = Array(group.text)
                switch style {
                case .float: before[mid].append(LayoutLine([(g.labelX[group.level], group.text)]))
                case .inline: inline[mid].append((group.level, group.text))
                case .wrapped:
                    let cut = max(1, min(chars.count - 1, chars.count - 1 - rng.below(3)))
                    inline[mid].append((group.level, String(chars[..<cut])))
                    after[mid].append(LayoutLine([(g.labelX[group.level], String(chars[cut...]))]))
                case .spaced:
                    let spaced = chars.map { String($0) + (rng.below(2) == 0 ? " " : "") }.joined()
                    before[mid].append(LayoutLine([(g.labelX[group.level], spaced)]))
                case .vertical:
                    before[mid] += chars.map { LayoutLine([(g.labelX[group.level], String($0))]) }
                case .pieces, .onRowLines:
                    let pieces = Text.chunks(chars, of: style == .pieces ? 3 : 1)
                    let first = max(r, min(r + group.span - pieces.count, mid - pieces.count / 2))
                    for (k, piece) in pieces.enumerated() {
                        if first + k < r + group.span { inline[first + k].append((group.level, piece)) }
                        else { after[r + group.span - 1].append(LayoutLine([(g.labelX[group.level], piece)])) }
                    }
                }
            }
        }

        let breakRow = quirks.contains(.pageBreaks) ? 4 + rng.below(max(1, rows.count - 7)) : -1
        var out = lines.map(\.text)
        for (r, row) in rows.enumerated() {
            if r == breakRow {
                out += pages.marker(&rng)
                g.shift(&rng)
            }
            out += before[r].map(\.text)
            var rowLines = labelLines(row, room: g.room(row.level), x: g.labelX[row.level], quirks: quirks, &rng)
            for item in inline[r] { rowLines.lines[0].put(g.labelX[item.level], item.text) }
            var values = LayoutLine()
            for (c, value) in row.values.enumerated() { values.put(g.x(value, c), value) }
            place(values: values, into: &rowLines, &rng)
            out += rowLines.lines.map(\.text) + after[r].map(\.text)
            out += Array(repeating: "", count: gap == 0 ? 0 : rng.below(gap + 1))
        }
        return out + before[rows.count].map(\.text)
    }

    /// A row's label lines: the label whole, or wrapped at `room` characters; with quirk `splitValues`, its
    /// numbering on a line of its own between the first two. `valuesAt` says where its values go.
    struct RowLines {
        var lines: [LayoutLine]
        /// The line the values go on; `lines.count` for a line of their own after the label; -1 for the first
        /// value on the first line and the others on the last.
        var valuesAt: Int
    }

    /// The label lines of a row and where its values go.
    static func labelLines(_ row: PDFRow, room: Int, x: Int, quirks: Serialization.Quirks,
                           _ rng: inout SplitMix64) -> RowLines {
        let chars = Array(row.label)
        guard chars.count > room else { return RowLines(lines: [LayoutLine([(x, row.label)])], valuesAt: 0) }
        if quirks.contains(.splitValues), rng.below(2) == 0, let (number, rest) = row.numbering {
            var parts = Text.chunks(Array(rest), of: room).map { LayoutLine([(x + 1, $0)]) }
            parts.insert(LayoutLine([(x, number)]), at: 1)
            return RowLines(lines: parts, valuesAt: -1)
        }
        let parts = Text.chunks(chars, of: room).map { LayoutLine([(x, $0)]) }
        let choices = [0, parts.count - 1, parts.count] + (parts.count > 2 ? [1] : [])
            + (quirks.contains(.splitValues) ? [-1] : [])
        return RowLines(lines: parts, valuesAt: choices[rng.below(choices.count)])
    }

    /// The values put on the row's lines where `valuesAt` says.
    static func place(values: LayoutLine, into row: inout RowLines, _ rng: inout SplitMix64) {
        switch row.valuesAt {
        case -1:
            let sorted = values.items.sorted { $0.x < $1.x }
            guard let first = sorted.first else { return }
            row.lines[0].items.append(first)
            row.lines[row.lines.count - 1].items += sorted.dropFirst()
        case row.lines.count:
            row.lines.append(values)
        default:
            row.lines[row.valuesAt].items += values.items
        }
    }

    /// 表二 in -layout mode: each section's caption, header and rows, the values at three column anchors.
    static func layoutT2(_ t: SerialTable, _ rng: inout SplitMix64) -> [String] {
        let labelX = rng.below(6)
        let start = labelX + 8 + rng.below(12), spacing = max(8, widest(t) + 2) + rng.below(8)
        let right = rng.below(2) == 0
        let anchors = (0..<3).map { start + $0 * spacing + rng.below(3) }
        let spanCentered = rng.below(2) == 0
        var out: [String] = []
        func anchor(_ cell: SerialTable.Cell) -> Int {
            let c = cell.column - 1
            guard cell.colspan > 1, spanCentered else { return anchors[c] }
            return (anchors[c] + anchors[min(2, c + cell.colspan - 1)]) / 2
        }
        for row in t.rows {
            switch row[0].kind {
            case .caption:
                out.append(Text.spaces(labelX + 6 + rng.below(24)) + row[0].flat)
            case .header:
                let cells = row.map { cell in (center: cell.column == 0 ? labelX + 4 : anchor(cell) - 2, text: cell.text) }
                out += band(cells).map(\.text)
            default:
                var line = LayoutLine([(labelX, row[0].flat)])
                for cell in row.dropFirst() {
                    let x = anchor(cell)
                    line.put(right ? x - cell.flat.count + 1 : x, cell.flat)
                }
                out.append(line.text)
            }
            out += Array(repeating: "", count: rng.below(3))
        }
        return out
    }

    /// 表四 in -layout mode: the header in a band of lines, the fifteen values on one line.
    static func layoutT4(_ t: SerialTable, quirks: Serialization.Quirks, _ rng: inout SplitMix64) -> [String] {
        let x0 = rng.below(4), spacing = widest(t, headers: true) + 1 + rng.below(3)
        let anchors = (0..<15).map { x0 + 2 + $0 * spacing + rng.below(2) }
        let right = rng.below(2) == 0
        let spacedTotal = quirks.contains(.spacedLabels) && rng.below(2) == 0
        var out = [LayoutLine([(anchors[1], t.rows[0][0].flat), (anchors[9], t.rows[0][1].flat)]).text, ""]
        out.append(LayoutLine([(anchors[6], t.rows[1][5].flat), (anchors[11], t.rows[1][6].flat)]).text)
        out.append("")
        let headers = t.rows[1].prefix(5).map(\.text) + t.rows[2].map(\.text)
        let cells = headers.enumerated().map { (center: anchors[$0] + 1, text: spacedTotal && $1 == "总计" ? "总 计" : $1) }
        out += band(cells, lift: [0, 1, 2, 3, 4]).map(\.text)
        out += Array(repeating: "", count: 1 + rng.below(3))
        var values = LayoutLine()
        for (c, cell) in t.rows[3].enumerated() { values.put(right ? anchors[c] + 1 - cell.flat.count : anchors[c], cell.flat) }
        return out + [values.text]
    }

    // MARK: -raw

    /// Table `index` as `pdftotext -raw` prints it: pieces of text single-space separated in reading order.
    static func raw(_ t: SerialTable, index: Int, quirks: Serialization.Quirks, pages: inout PageBreaks,
                    _ rng: inout SplitMix64) -> [String] {
        switch index {
        case 0:
            return t.rows.flatMap { row -> [String] in
                if row[0].kind == .header { return bandText(row.map(\.text)) }
                return [row.map(\.flat).filter { !$0.isEmpty }.joined(separator: " ")]
            }
        case 1: return rawT3(t, quirks: quirks, pages: &pages, &rng)
        default:
            var out = [t.rows[0].map(\.flat).joined(separator: " ")]
            out += t.rows[1].flatMap { pieces($0.text) }
            out += t.rows[2].flatMap { pieces($0.text) }
            return out + [t.rows[3].map(\.flat).filter { !$0.isEmpty }.joined(separator: " ")]
        }
    }

    /// A header cell's pieces, one per line.
    static func pieces(_ text: String) -> [String] { text.components(separatedBy: "\n").filter { !$0.isEmpty } }

    /// Header cells in pieces as -raw prints a band of them: all first pieces on a line, then all second ones.
    static func bandText(_ cells: [String]) -> [String] {
        let parts = cells.map(pieces)
        return (0..<(parts.map(\.count).max() ?? 0)).map { k in parts.compactMap { k < $0.count ? $0[k] : nil }.joined(separator: " ") }
    }

    /// 表三 in -raw mode: the header one piece per line, `label v v v` rows (the label wrapped when long, the
    /// values after it or on a line of their own), the group label one character or piece per line, on a line
    /// of its own, or ahead of its first row's label.
    static func rawT3(_ t: SerialTable, quirks: Serialization.Quirks, pages: inout PageBreaks,
                      _ rng: inout SplitMix64) -> [String] {
        let room = 14 + rng.below(12)
        var out = Text.chunks(Array(t.rows[0][0].flat), of: room + 8)
        out += [t.rows[0][1].flat] + t.rows[1...2].flatMap { $0 }.flatMap { pieces($0.text) }
        let rows = PDFRow.rows(t)
        let breakRow = quirks.contains(.pageBreaks) ? 4 + rng.below(max(1, rows.count - 7)) : -1
        for (r, row) in rows.enumerated() {
            if r == breakRow { out += pages.marker(&rng) }
            var prefix = ""
            for group in row.groups {
                let chars = Array(group.text)
                switch (group.level, rng.below(3)) {
                case (0, 0): out += chars.map { String($0) }
                case (0, 1): out += Text.chunks(chars, of: 3)
                case (0, _): out.append(group.text)
                case (_, 0): prefix = group.text + " "
                case (_, 1): out += Text.chunks(chars, of: max(2, chars.count - 1 - rng.below(2)))
                default: out.append(group.text)
                }
            }
            let values = row.values.filter { !$0.isEmpty }.joined(separator: " ")
            let label = prefix + row.label
            guard label.count > room else { out.append(label + (values.isEmpty ? "" : " " + values)); continue }
            var parts = Text.chunks(Array(label), of: room)
            if quirks.contains(.splitValues), rng.below(2) == 0, let first = row.values.first(where: { !$0.isEmpty }) {
                let rest = row.values.filter { !$0.isEmpty }.dropFirst().joined(separator: " ")
                parts[0] += " " + first
                parts[parts.count - 1] += rest.isEmpty ? "" : " " + rest
                out += parts
            } else if rng.below(2) == 0 {
                out += parts + (values.isEmpty ? [] : [values])
            } else {
                parts[parts.count - 1] += values.isEmpty ? "" : " " + values
                out += parts
            }
        }
        return out
    }

    // MARK: default (stacked)

    /// Table `index` as `pdftotext` prints it by default: a cell per line, blocks of rows column by column.
    static func stacked(_ t: SerialTable, index: Int, quirks: Serialization.Quirks, pages: inout PageBreaks,
                        _ rng: inout SplitMix64) -> [String] {
        switch index {
        case 0:
            return t.rows.flatMap { row -> [String] in
                if row[0].kind == .caption { return [row[0].flat] }
                if row[0].kind == .header { return bandText(row.map(\.text)).flatMap { [$0, ""] } }
                return row.map(\.flat).filter { !$0.isEmpty }.flatMap { [$0, ""] }
            }
        case 1: return stackedT3(t, quirks: quirks, pages: &pages, &rng)
        default:
            let top = t.rows[0].map(\.flat), kinds = t.rows[1].suffix(2).map(\.flat)
            var out = [top[0], "", top[1], kinds[0], "", kinds[1], ""]
            out += bandText(t.rows[1].prefix(5).map(\.text)) + [""] + bandText(t.rows[2].map(\.text)) + [""]
            return out + t.rows[3].map(\.flat).filter { !$0.isEmpty }.flatMap { [$0, ""] }
        }
    }

    /// 表三 in default mode: the header's pieces line by line, then blocks of rows — a single row as its
    /// label and then each value followed by a blank line, a larger block column by column (each column's
    /// values, then a blank line) with the block's labels in a block of their own before, after, or after
    /// the next block. Blank cells leave nothing.
    static func stackedT3(_ t: SerialTable, quirks: Serialization.Quirks, pages: inout PageBreaks,
                          _ rng: inout SplitMix64) -> [String] {
        let heads = t.rows[1].map(\.flat)
        var out = [t.rows[0][1].flat, ""] + Text.chunks(Array(t.rows[0][0].flat), of: 24) + ["", heads[1], heads[0], ""]
        out += bandText(t.rows[2].map(\.text)) + ["", heads[2], ""]
        let rows = PDFRow.rows(t)
        let detach = quirks.contains(.splitValues) && rng.below(2) == 0
        let breakRow = quirks.contains(.pageBreaks) ? 4 + rng.below(max(1, rows.count - 7)) : -1
        var deferred: [String] = []
        var start = 0
        while start < rows.count {
            var size = rng.below(5) < 2 ? 1 : 2 + rng.below(9)
            size = min(size, rows.count - start)
            if start < breakRow && breakRow < start + size { size = breakRow - start }
            if start == breakRow { out += pages.marker(&rng) }
            let block = rows[start..<(start + size)]
            var labels: [String] = []
            var numbers: [String] = []
            for row in block {
                labels += row.groups.map(\.text)
                if detach, let (number, rest) = row.numbering {
                    labels.append(rest)
                    numbers.append(number)
                } else {
                    labels.append(row.label)
                }
            }
            labels += numbers
            if size == 1 {
                out += labels + [""] + block[block.startIndex].values.filter { !$0.isEmpty }.flatMap { [$0, ""] }
            } else {
                var values: [String] = []
                for c in 0..<7 { values += block.map { $0.values[c] }.filter { !$0.isEmpty } + [""] }
                switch rng.below(3) {
                case 0: out += labels + [""] + values
                case 1: out += values + labels + [""]
                default:
                    out += values + deferred
                    deferred = labels + [""]
                    start += size
                    continue
                }
            }
            out += deferred
            deferred = []
            start += size
        }
        return out + deferred
    }
}
