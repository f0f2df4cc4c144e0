import Foundation
import Testing
@testable import NianbaoKit
import NianbaoSynth

/// A text PDF's ruled tables read by its words' positions (`PDFWords`): random consistent tables of both templates
/// drawn as a page lays them out — columns as wide as their words, long labels wrapped, rules of any thickness and
/// grey, cells sometimes drawn apart (two rules between neighbours, as a browser prints a web page's table), the
/// words where a PDF puts them — found again cell by cell, and the report read back exact or flagged, never wrong.
@Suite struct PDFWordsTests {
    /// Points to pixels of the drawn page (144 dpi).
    static let scale = 2.0

    struct Drawn {
        var image: PageImage
        var page: PDFWords.Page
    }

    /// A grid drawn as a page: each cell's text wrapped to its width and centred in it, its border ruled.
    static func draw(_ grid: TableGrid, _ rng: inout SplitMix64, apart: Bool, cutAfter: Int? = nil) -> Drawn {
        let expanded = grid.expanded()
        let columns = expanded.map(\.count).max() ?? 0
        func width(_ text: Substring) -> Double {
            text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 5 : 10) }
        }
        // Where each printed cell starts (HTML's placement), and the columns' and rows' sizes.
        var starts: [(r: Int, c: Int, cell: TableGrid.Cell)] = []
        var taken = Array(repeating: Array(repeating: false, count: columns), count: grid.rows.count)
        for (r, row) in grid.rows.enumerated() {
            var c = 0
            for cell in row {
                while c < columns && taken[r][c] { c += 1 }
                for rr in r..<min(grid.rows.count, r + cell.rowSpan) {
                    for cc in c..<min(columns, c + cell.colSpan) { taken[rr][cc] = true }
                }
                starts.append((r, c, cell))
                c += cell.colSpan
            }
        }
        var widths = Array(repeating: 34.0 + Double(rng.below(20)), count: columns)
        for s in starts where s.cell.colSpan == 1 {
            let longest = s.cell.text.split(separator: "\n").map(width).max() ?? 0
            widths[s.c] = max(widths[s.c], min(longest + 8, 90 + Double(rng.below(80))))
        }
        func lines(_ text: String, _ w: Double) -> [String] {
            var out: [String] = []
            for piece in text.split(separator: "\n") {
                var line = ""
                for ch in piece {
                    if !line.isEmpty, width(Substring(line + String(ch))) > w - 6 { out.append(line); line = "" }
                    line.append(ch)
                }
                if !line.isEmpty { out.append(line) }
            }
            return out
        }
        func span(_ sizes: [Double], _ from: Int, _ count: Int) -> Double { sizes[from..<min(sizes.count, from + count)].reduce(0, +) }
        var heights = Array(repeating: 22.0, count: grid.rows.count)
        for s in starts {
            let needed = Double(lines(s.cell.text, span(widths, s.c, s.cell.colSpan)).count) * 13 + 8
            let have = span(heights, s.r, s.cell.rowSpan)
            if needed > have { heights[min(heights.count - 1, s.r + s.cell.rowSpan - 1)] += needed - have }
        }
        let left = 40.0, top = 60.0
        func x(_ c: Int) -> Double { left + span(widths, 0, c) }
        func y(_ r: Int) -> Double { top + span(heights, 0, r) }
        // Cut through a column: what lies beyond the edge is not printed, a number across it loses its last digits.
        let pageWidth = cutAfter.map { x($0) + widths[$0] * (0.3 + 0.4 * rng.unit()) } ?? x(columns) + 40
        let pageHeight = y(grid.rows.count) + 60
        let w = Int(pageWidth * scale), h = Int(pageHeight * scale)
        var pixels = [UInt8](repeating: 255, count: w * h)
        let thick = 1 + rng.below(3), grey = UInt8(rng.below(130))
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
            guard max(0, y0) < min(h, y1), max(0, x0) < min(w, x1) else { return }
            for yy in max(0, y0)..<min(h, y1) { for xx in max(0, x0)..<min(w, x1) { pixels[yy * w + xx] = grey } }
        }
        var words: [PDFWords.Word] = []
        for s in starts {
            let inset = apart ? 0.75 : 0
            let x0 = x(s.c) + inset, x1 = x(s.c + s.cell.colSpan) - inset, y0 = y(s.r) + inset, y1 = y(s.r + s.cell.rowSpan) - inset
            let (px0, px1, py0, py1) = (Int(x0 * scale), Int(x1 * scale), Int(y0 * scale), Int(y1 * scale))
            fill(px0, py0, px1 + thick, py0 + thick)
            fill(px0, py1, px1 + thick, py1 + thick)
            fill(px0, py0, px0 + thick, py1 + thick)
            fill(px1, py0, px1 + thick, py1 + thick)
            let printed = lines(s.cell.text, x1 - x0)
            var lineTop = (y0 + y1) / 2 - Double(printed.count) * 13 / 2
            for line in printed {
                let lw = width(Substring(line))
                let wx = (x0 + x1) / 2 - lw / 2
                // The characters the page's edge cuts off are not in the PDF's text (poppler drops them one by one).
                var kept = "", right = wx
                for ch in line where right + width(Substring(String(ch))) <= pageWidth {
                    kept.append(ch)
                    right += width(Substring(String(ch)))
                }
                if kept.count < line.count { kept = String(line.prefix(kept.count)) }
                if !kept.isEmpty { words.append(PDFWords.Word(x0: wx, y0: lineTop + 1, x1: right, y1: lineTop + 12, text: kept)) }
                lineTop += 13
            }
        }
        return Drawn(image: PageImage(width: w, height: h, pixels: pixels), page: PDFWords.Page(width: pageWidth, height: pageHeight, words: words))
    }

    /// The grid's cells as printed, line breaks dropped (a PDF's words do not say where a line was broken).
    static func flat(_ grid: TableGrid) -> [[String]] {
        grid.expanded().map { $0.map { $0.replacingOccurrences(of: "\n", with: "") } }
    }

    @Test func everyDrawnTableIsFoundCellByCell() {
        for seed in UInt64(1)...12 {
            var rng = SplitMix64(seed: 0x9D0F + seed)
            let tables = FormTables.random(&rng)
            for (i, grid) in Serialization.grids(tables).enumerated() {
                let drawn = Self.draw(grid, &rng, apart: rng.below(3) == 0)
                let found = RuledTables.tables(drawn.image)
                #expect(found.count == 1, "seed \(seed) table \(i): \(found.count) tables found")
                guard let table = found.first else { continue }
                let read = PDFWords.grid(table, words: drawn.page.words, scale: Self.scale).grid
                #expect(Self.flat(read) == Self.flat(grid), "seed \(seed) table \(i): cells differ")
            }
        }
    }

    /// The report around its tables, its tables drawn and read back by their words' positions.
    static func document(_ tables: FormTables, _ rng: inout SplitMix64, cut: Bool = false) -> Document {
        let year = tables.template == .t2019 ? 2020 : 2022
        let headings = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
        var blocks: [Document.Block] = [.text("清河县人民政府\(year)年政府信息公开工作年度报告\n一、总体情况\n\(year)年，清河县人民政府认真贯彻落实条例。")]
        for (i, grid) in Serialization.grids(tables).enumerated() {
            let columns = grid.expanded().map(\.count).max() ?? 0
            // Cut off at the page's right edge somewhere among the value columns.
            let cutAfter = cut && columns > 4 ? columns - 1 - rng.below(4) : nil
            let drawn = draw(grid, &rng, apart: rng.below(3) == 0, cutAfter: cutAfter)
            blocks.append(.text(headings[i]))
            blocks += PDFWords.blocks(drawn.page, tables: RuledTables.tables(drawn.image), scale: scale)
        }
        blocks.append(.text("五、存在的主要问题及改进情况\n一是政策解读形式不够丰富。\n六、其他需要报告的事项\n无。"))
        return Document(blocks: blocks)
    }

    @Test func reportsReadBackExactOrFlaggedNeverWrong() throws {
        var tally = TableReaderPropertyTests.Tally()
        for seed in UInt64(1)...12 {
            var rng = SplitMix64(seed: 0x5EED + seed)
            let tables = FormTables.random(&rng, errorRate: 0.3)
            try TableReaderPropertyTests.check(tables, document: Self.document(tables, &rng), label: "words#\(seed)", into: &tally)
        }
        #expect(tally.wrong.isEmpty, "\(tally.wrong.count) wrong cells: \(tally.wrong.prefix(6))")
        #expect(tally.falseErrors.isEmpty, "false agency errors: \(tally.falseErrors.prefix(4))")
        print("words: \(tally.exact)/\(tally.cells) exact, \(tally.flagged) flagged, errors caught \(tally.caught)/\(tally.planted)")
        #expect(tally.exact * 100 >= tally.cells * 99, "\(tally.exact) of \(tally.cells) exact")
        #expect(tally.caught == tally.planted)
    }

    /// A table wider than its page, cut off at the right edge: what is beyond is not in the file, and the column the
    /// edge runs through is not known — never read as blank.
    @Test func aTableCutAtThePageEdgeIsNeverReadWrong() throws {
        var tally = TableReaderPropertyTests.Tally()
        for seed in UInt64(1)...12 {
            var rng = SplitMix64(seed: 0xC07 + seed)
            let tables = FormTables.random(&rng)
            try TableReaderPropertyTests.check(tables, document: Self.document(tables, &rng, cut: true), label: "cut#\(seed)", into: &tally)
        }
        #expect(tally.wrong.isEmpty, "\(tally.wrong.count) wrong cells: \(tally.wrong.prefix(6))")
        #expect(tally.falseErrors.isEmpty, "false agency errors: \(tally.falseErrors.prefix(4))")
        print("cut: \(tally.exact)/\(tally.cells) exact, \(tally.flagged) flagged")
        #expect(tally.flagged > 0)
    }

    @Test func wordsAndPagesAreReadFromPopplersBoxes() {
        let xhtml = """
            <doc>
              <page width="595.3" height="841.9">
                <word xMin="56.8" yMin="30.8" xMax="260.8" yMax="46.4">三、收到&amp;处理</word>
                <word xMin="-8.3" yMin="162.8" xMax="99.7" yMax="178.4">申请数量</word>
              </page>
              <page width="595.3" height="841.9">
              </page>
            </doc>
            """
        let pages = PDFWords.pages(bbox: xhtml)
        #expect(pages.count == 2)
        #expect(pages[0].words == [PDFWords.Word(x0: 56.8, y0: 30.8, x1: 260.8, y1: 46.4, text: "三、收到&处理"),
                                   PDFWords.Word(x0: -8.3, y0: 162.8, x1: 99.7, y1: 178.4, text: "申请数量")])
        #expect(pages[1].words.isEmpty)
        #expect(PDFWords.cellText([PDFWords.Word(x0: 30, y0: 0, x1: 40, y1: 10, text: "35"), PDFWords.Word(x0: 0, y0: 0, x1: 20, y1: 10, text: "821")]) == "821 35")
        #expect(PDFWords.cellText([PDFWords.Word(x0: 0, y0: 0, x1: 10, y1: 10, text: "1."), PDFWords.Word(x0: 12, y0: 0, x1: 60, y1: 10, text: "属于国家秘密")]) == "1.属于国家秘密")
        // A number its narrow cell wrapped is one number; a number under a label stays apart from it.
        #expect(PDFWords.cellText([PDFWords.Word(x0: 0, y0: 0, x1: 18, y1: 10, text: "131"), PDFWords.Word(x0: 0, y0: 12, x1: 6, y1: 22, text: "4")]) == "1314")
        #expect(PDFWords.cellText([PDFWords.Word(x0: 0, y0: 0, x1: 18, y1: 10, text: "821"), PDFWords.Word(x0: 24, y0: 0, x1: 36, y1: 10, text: "35"),
                                   PDFWords.Word(x0: 0, y0: 12, x1: 6, y1: 22, text: "4")]) == "821 354")
        #expect(PDFWords.cellText([PDFWords.Word(x0: 0, y0: 0, x1: 40, y1: 10, text: "其他"), PDFWords.Word(x0: 0, y0: 12, x1: 6, y1: 22, text: "4")]) == "其他4")
    }

    /// A table's continuation on the next page: the header it repeats dropped, a row the page break cut made whole,
    /// and nothing else touched.
    @Test func aTableGoesOnOverThePageBreak() {
        let header = [["项目", "申请人情况", ""], ["", "自然人", "法人"]]
        let before = TableGrid(texts: header + [["一、本年新收政府信息公开申请数量", "12", "3"], ["（一）予以公开", "5", "1"], ["（二）部分公开（区分处理的，只计", "2", "0"]])
        // The continuation repeats the header; the cut row's label goes on in a row without values.
        let after = TableGrid(texts: header + [["这一情形，不计其他情形）", "", ""], ["（三）不予公开", "1", ""]])
        let joined = PDFWords.continued(before, after)
        #expect(joined.rows.map { $0.map(\.text) } == header + [["一、本年新收政府信息公开申请数量", "12", "3"], ["（一）予以公开", "5", "1"],
                                                          ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "2", "0"], ["（三）不予公开", "1", ""]])
        // A first row with values is a row of its own; a continuation without the header keeps all its rows.
        let plain = TableGrid(texts: [["（三）不予公开", "1", ""], ["（四）无法提供", "", "2"]])
        #expect(PDFWords.continued(before, plain).rows.count == before.rows.count + 2)
        // A group's label spanning rows goes on too: joined to the cell that covers it.
        let grouped = TableGrid(rows: [["项目", "", "自然人", "法人"].map { TableGrid.Cell($0) },
                                       [.init("三、本年度办理结", rowSpan: 2), .init("（一）予以公开"), .init("5"), .init("1")],
                                       [.init("（二）部分公开（区分处理"), .init("2"), .init("0")]])
        let rest = TableGrid(texts: [["果", "的，只计这一情形）", "", ""], ["", "（三）不予公开", "1", ""]])
        let whole = PDFWords.continued(grouped, rest)
        #expect(whole.rows.map { $0.map(\.text) } == [["项目", "", "自然人", "法人"], ["三、本年度办理结果", "（一）予以公开", "5", "1"],
                                                   ["（二）部分公开（区分处理的，只计这一情形）", "2", "0"], ["", "（三）不予公开", "1", ""]])
        // A row printed empty at the top of the next page, its label starting with its numbering: a row of its own.
        let empty = TableGrid(texts: [["（三）不予公开", "", ""], ["1.属于国家秘密", "1", ""]])
        #expect(PDFWords.continued(before, empty).rows.count == before.rows.count + 2)
        // A label row after a row that is itself a label (a section heading across the break) is not joined.
        let heading = TableGrid(texts: header + [["三、本年度办理结果", "", ""]])
        #expect(PDFWords.continued(heading, TableGrid(texts: [["（一）予以公开", "", ""]])).rows.count == heading.rows.count + 1)
    }
}

/// The second reading of a file (`ReportParser.parse(_:second:)`): asked for only when a form table is left open (or
/// placed by spacing), and put together with the first cell by cell: a cell one leaves open taken from the other, a
/// cell they read differently left open.
@Suite struct SecondReadingTests {
    static func document(_ tables: FormTables, t4AsText: Bool) -> Document {
        let grids = Serialization.grids(tables)
        var blocks: [Document.Block] = [.text("清河县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息100条。"),
                                        .text("二、主动公开政府信息情况"), .table(grids[0]),
                                        .text("三、收到和处理政府信息公开申请情况"), .table(grids[1]),
                                        .text("四、政府信息公开行政复议、行政诉讼情况")]
        if t4AsText {
            // The values without their blanks, as a converter that loses empty cells prints them.
            blocks.append(.text("行政复议 行政诉讼\n" + (0..<15).compactMap { tables.t4[$0].map(FormTables.text) }.joined(separator: " ")))
        } else {
            blocks.append(.table(grids[2]))
        }
        blocks.append(.text("五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。"))
        return Document(blocks: blocks)
    }

    @Test func anOpenTableIsTakenFromTheReadingThatSettlesIt() throws {
        var rng = SplitMix64(seed: 41)
        var tables = FormTables.random(&rng, template: .t2021, errorRate: 0)
        while !(0..<15).contains(where: { tables.t4[$0] == nil }) || !(0..<15).contains(where: { tables.t4[$0] != nil }) {
            tables = FormTables.random(&rng, template: .t2021, errorRate: 0)
        }
        let first = Self.document(tables, t4AsText: true), second = Self.document(tables, t4AsText: false)
        let alone = try ReportParser.parse(first)
        #expect(alone.cells.contains { $0.table == .t4 && $0.status == .missing })
        var asked = 0
        let both = try ReportParser.parse(first) { asked += 1; return second }
        #expect(asked == 1)
        let other = try ReportParser.parse(second)
        #expect(both.cells.filter { $0.table == .t4 } == other.cells.filter { $0.table == .t4 })
        #expect(both.cells.filter { $0.table != .t4 } == alone.cells.filter { $0.table != .t4 })
        #expect(!both.parseFindings.contains { $0.table == "t4" && $0.rule == .parseRowShort })
        #expect(both.cells.map(CellKey.init) == alone.cells.map(CellKey.init), "cells in the form's order")

        // Nothing open: the file is not read again. A second reading that settles less (表三 not in it at all): every
        // cell the first settled stands.
        asked = 0
        _ = try ReportParser.parse(second) { asked += 1; return first }
        #expect(asked == 0)
        var without = Self.document(tables, t4AsText: true)
        without.blocks.removeAll { if case .table(let grid) = $0 { return grid == Serialization.grids(tables)[1] } else { return false } }
        let lacking = try ReportParser.parse(without)
        #expect(lacking.cells.contains { $0.table == .t3 && $0.status == .missing })
        let worse = try ReportParser.parse(first) { without }
        #expect(worse.cells == alone.cells)
        let failing = try ReportParser.parse(first) { throw PDFError.timedOut(seconds: 1) }
        #expect(failing.cells == alone.cells)
    }

    /// A cell the two readings settle differently is neither: `ambiguous`, both readings named, and no check rests on it.
    @Test func aCellTheReadingsSettleDifferentlyIsLeftOpen() throws {
        var rng = SplitMix64(seed: 43)
        var tables = FormTables.random(&rng, template: .t2021, errorRate: 0)
        while !(0..<15).contains(where: { tables.t4[$0] == nil }) || !(0..<15).contains(where: { tables.t4[$0] != nil }) || tables.t3[0][0] == nil {
            tables = FormTables.random(&rng, template: .t2021, errorRate: 0)
        }
        var misread = tables
        misread.t3[0][0] = (tables.t3[0][0] ?? 0) + 7
        let first = Self.document(tables, t4AsText: true)
        let alone = try ReportParser.parse(first)
        let both = try ReportParser.parse(first) { Self.document(misread, t4AsText: false) }
        let changed = zip(alone.cells, both.cells).filter { $0.table == .t3 && $0 != $1 }
        #expect(changed.count == 1)
        guard let (was, now) = changed.first else { return }
        #expect(was.status == .ok && was.value == tables.t3[0][0])
        #expect(now.status == .ambiguous && now.value == nil)
        let doubt = both.parseFindings.first { $0.rule == .parseAmbiguous && $0.table == "t3" && $0.row == now.row && $0.column == now.column }
        #expect(doubt?.message.contains(FormTables.text(tables.t3[0][0] ?? 0)) == true)
        #expect(doubt?.message.contains(FormTables.text(misread.t3[0][0] ?? 0)) == true)
        // The agency is not blamed for the row the doubt leaves open.
        #expect(!Checker.check(both).contains { $0.severity == .error })
    }
}
