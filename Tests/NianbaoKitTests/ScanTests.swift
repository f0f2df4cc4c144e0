import Foundation
import Testing
@testable import NianbaoKit

/// Scanned reports: the ruled tables found on a page image, a recognised value kept only where the form's arithmetic
/// bears it out, and a cell that holds a mark but no number never taken for a blank.
@Suite struct ScanTests {
    /// A drawn table with its true cells, for `RuledTables`.
    struct Drawn {
        var image: PageImage
        /// Per row, the cells that start in it: left and right column index, rows spanned, whether it holds a mark.
        var rows: [[(first: Int, last: Int, rowSpan: Int, inked: Bool)]]
    }

    /// A random ruled table on a white page: 3–9 columns and 4–20 rows of random sizes, rules 1–4 px thick in any grey a
    /// printed or scanned rule comes out in, the first column's cells merged down over 1–4 rows, the header row's
    /// value columns merged across in pairs, sometimes the right-hand rule cut off at the page's edge (the rules
    /// running on to it), and a mark (a glyph's worth of ink) in some cells, sometimes set against the cell's left rule.
    static func draw(_ rng: inout SplitMix64) -> Drawn {
        let columns = 3 + rng.below(7), rowCount = 4 + rng.below(17)
        var xs = [80 + rng.below(60)]
        for _ in 0..<columns { xs.append(xs.last! + 70 + rng.below(230)) }
        var ys = [100 + rng.below(200)]
        for _ in 0..<rowCount { ys.append(ys.last! + 55 + rng.below(70)) }
        let cut = rng.below(4) == 0
        let width = cut ? xs.last! : xs.last! + 60 + rng.below(100), height = ys.last! + 100
        var pixels = [UInt8](repeating: 255, count: width * height)
        let thick = 1 + rng.below(4), grey = UInt8(rng.below(171))
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ v: UInt8) {
            for y in max(0, y0)..<min(height, y1) { for x in max(0, x0)..<min(width, x1) { pixels[y * width + x] = v } }
        }
        // The first column's spans, top to bottom; the header row (row 0) merges value columns two by two.
        var spans = [1]
        while spans.reduce(0, +) < rowCount { spans.append(min(1 + rng.below(4), rowCount - spans.reduce(0, +))) }
        let pairs = columns >= 5 && rng.below(2) == 0
        var rows: [[(first: Int, last: Int, rowSpan: Int, inked: Bool)]] = Array(repeating: [], count: rowCount)
        var starts = Set<Int>()
        var r = 0
        for span in spans { starts.insert(r); rows[r].append((0, 0, span, false)); r += span }
        for row in 0..<rowCount {
            var c = 1
            while c < columns {
                let last = row == 0 && pairs && c + 1 < columns ? c + 1 : c
                rows[row].append((c, last, 1, false))
                c = last + 1
            }
        }
        // Marks: a dark block the size of a digit, centred or against the left rule.
        for row in 0..<rowCount {
            for i in rows[row].indices where rng.below(2) == 0 {
                let cell = rows[row][i]
                let x0 = xs[cell.first], x1 = xs[cell.last + 1], y0 = ys[row], y1 = ys[row + cell.rowSpan]
                let w = 10 + rng.below(20), h = 28 + rng.below(14)
                let left = rng.below(3) == 0 ? x0 + thick + 2 : (x0 + x1 - w) / 2
                fill(left, (y0 + y1 - h) / 2, left + w, (y0 + y1 + h) / 2, UInt8(rng.below(100)))
                rows[row][i].inked = true
            }
        }
        // Rules: every horizontal one except inside a first-column span; every vertical one except between merged
        // header cells, and the right-hand one when the page cuts the table.
        for (k, y) in ys.enumerated() {
            let from = k == 0 || k == rowCount || starts.contains(k) ? xs[0] : xs[1]
            fill(from, y - thick / 2, xs.last! + (cut ? 0 : thick), y - thick / 2 + thick, grey)
        }
        for (c, x) in xs.enumerated() where !(cut && c == columns) {
            fill(x - thick / 2, ys[0], x - thick / 2 + thick, ys.last! + thick, grey)
            if pairs && c >= 2 && (c - 1) % 2 == 1 && c < columns { fill(x - thick / 2, ys[0] + thick, x - thick / 2 + thick, ys[1] - thick, 255) }
        }
        return Drawn(image: PageImage(width: width, height: height, pixels: pixels), rows: rows)
    }

    @Test func ruledTablesAreFoundCellByCell() {
        var rng = SplitMix64(seed: 20261202)
        for trial in 0..<30 {
            let drawn = Self.draw(&rng)
            let tables = RuledTables.tables(drawn.image)
            guard tables.count == 1, let table = tables.first else {
                Issue.record("trial \(trial): \(tables.count) tables found")
                continue
            }
            #expect(table.rows.count == drawn.rows.count, "trial \(trial)")
            for (r, (found, truth)) in zip(table.rows, drawn.rows).enumerated() {
                #expect(found.map(\.rowSpan) == truth.map(\.rowSpan), "trial \(trial) row \(r): spans \(found.map(\.rowSpan)) for \(truth.map(\.rowSpan))")
                #expect(found.map(\.colSpan) == truth.map { $0.last - $0.first + 1 }, "trial \(trial) row \(r): columns")
                for (cell, expected) in zip(found, truth) {
                    // A mark is ink; an empty cell has none once its rules are taken away.
                    let ink = drawn.image.cell(cell.rect).ink
                    #expect((ink >= 20) == expected.inked, "trial \(trial) row \(r): ink \(ink), marked \(expected.inked)")
                }
            }
        }
    }

    @Test func aPageWithoutRulesHasNoTable() {
        var pixels = [UInt8](repeating: 255, count: 600 * 400)
        // Lines of "text": short dark runs with gaps.
        for y in stride(from: 40, to: 360, by: 50) { for x in 30..<570 where (x / 25) % 2 == 0 { for dy in 0..<30 { pixels[(y + dy) * 600 + x] = 0 } } }
        #expect(RuledTables.tables(PageImage(width: 600, height: 400, pixels: pixels)).isEmpty)
        #expect(PageImage(pgm: Array("P5\n2 2\n255\n".utf8) + [0, 255, 255, 0])?.pixels == [0, 255, 255, 0])
        #expect(PageImage(pgm: Array("P6\n2 2\n255\n".utf8) + [0, 0, 0]) == nil)
        #expect(PageImage(pgm: Array("P5\n20 20\n255\n".utf8) + [0, 0, 0]) == nil)
    }

    /// Random consistent 表三 and 表四 with one value misread or lost: the misread value or lost glyph is never kept,
    /// every cell kept holds its true value, and 表二 (no identity) is never kept.
    @Test func aRecognisedValueIsKeptOnlyWhereTheArithmeticBearsItOut() {
        var rng = SplitMix64(seed: 7)
        let rows = Fields.t3Rows(for: .t2021), results = Fields.t3ResultRows(in: rows)
        for trial in 0..<200 {
            var truth: [CellKey: Double] = [:]
            func small() -> Double { Double(rng.below(4) == 0 ? rng.below(40) : 0) }
            var columnTotals = [Double](repeating: 0, count: 7)
            for row in results {
                var sum = 0.0
                for (c, column) in Fields.t3ApplicantColumns.enumerated() {
                    let v = small(); truth[CellKey(table: .t3, row: row, column: column)] = v; sum += v; columnTotals[c] += v
                }
                truth[CellKey(table: .t3, row: row, column: "total")] = sum
                columnTotals[6] += sum
            }
            for (c, column) in Fields.t3Columns.enumerated() {
                let forward = Double(rng.below(3)), carriedOver = Double(min(rng.below(3), Int(columnTotals[c] + forward)))
                truth[CellKey(table: .t3, row: "total", column: column)] = columnTotals[c]
                truth[CellKey(table: .t3, row: "carried_forward", column: column)] = c == 6 ? 0 : forward
                truth[CellKey(table: .t3, row: "carried_over", column: column)] = c == 6 ? 0 : carriedOver
            }
            // The totals column of the balance rows, and 本年新收 from the balance.
            for row in ["carried_forward", "carried_over"] {
                truth[CellKey(table: .t3, row: row, column: "total")] = Fields.t3ApplicantColumns.reduce(0) { $0 + truth[CellKey(table: .t3, row: row, column: $1)]! }
            }
            for column in Fields.t3Columns {
                let k = { (row: String) in CellKey(table: .t3, row: row, column: column) }
                truth[k("new_received")] = truth[k("total")]! + truth[k("carried_forward")]! - truth[k("carried_over")]!
            }
            for group in Fields.t4Groups {
                var sum = 0.0
                for part in ["upheld", "corrected", "other", "pending"] { let v = small(); truth[CellKey(table: .t4, row: "\(group).\(part)")] = v; sum += v }
                truth[CellKey(table: .t4, row: "\(group).total")] = sum
            }
            // In the form's key order, so that a seed makes the same run again.
            var cells = truth.map { Cell(table: $0.key.table, row: $0.key.row, column: $0.key.column, value: $0.value, status: .ok) }
                .sorted { ($0.table.rawValue, $0.row, $0.column) < ($1.table.rawValue, $1.row, $1.column) }
            cells.append(Cell(table: .t2, row: "licensing.decisions", value: 12, status: .ok))
            // One misread: a digit more or less, or a glyph lost (its cell blank).
            let wrong = rng.below(cells.count - 1)
            let truthOfWrong = cells[wrong].value!
            if rng.below(3) == 0 {
                cells[wrong].value = nil
                cells[wrong].status = .blank
            } else {
                cells[wrong].value = truthOfWrong + Double(1 + rng.below(9)) * (rng.below(2) == 0 ? 1 : 10)
            }
            var findings: [Finding] = []
            let kept = ReportParser.confirmedByArithmetic(cells, template: .t2021, findings: &findings)
            #expect(kept[wrong].status == .ambiguous, "trial \(trial): a misread value kept: \(cells[wrong].table.rawValue) \(cells[wrong].row) \(cells[wrong].column) truth \(truthOfWrong)")
            for cell in kept where cell.status == .ok {
                #expect(cell.table != .t2 && cell.value == truth[CellKey(cell)], "trial \(trial): \(cell.row) \(cell.column)")
            }
            #expect(findings.contains { $0.rule == .parseAmbiguous && $0.row == cells[wrong].row && $0.column == cells[wrong].column
                && $0.expected == (cells[wrong].value.map(formatNumber) ?? "空白") })
            #expect(!kept.contains { $0.status == .blank }, "trial \(trial): a lost glyph kept as a blank")
            // Most of the table stands: only the identities through the misread cell fall.
            #expect(kept.count { $0.status == .ok } >= kept.count - 60, "trial \(trial)")
        }
    }

    /// A table cell holding a mark that is no number (a recogniser's misreading, a stray character) is not a blank:
    /// the cell is left open, and no check blames the agency for it.
    @Test func aCellThatHoldsNoNumberIsNotABlank() throws {
        let url = Repo.root.appendingPathComponent("Zoo/pingtan-zone-2024.html")
        var html = try String(contentsOf: url, encoding: .utf8)
        let row = try #require(html.range(of: "部分公开（区分"))
        let end = try #require(html.range(of: "</tr>", range: row.upperBound..<html.endIndex))
        let segment = String(html[row.lowerBound..<end.lowerBound])
        let last = try #require(segment.range(of: "29", options: .backwards))
        html.replaceSubrange(row.lowerBound..<end.lowerBound, with: segment.replacingCharacters(in: last, with: "局"))
        let report = try ReportParser.parse(try HTMLReader().read(bytes: Array(html.utf8), path: "p.html"))
        let cell = try #require(report.cells.first { $0.table == .t3 && $0.row == "partially_granted" && $0.column == "total" })
        #expect(cell.status == .missing || cell.status == .ambiguous)
        #expect(report.cells.first { $0.table == .t3 && $0.row == "partially_granted" && $0.column == "natural_person" }?.value == 29)
        #expect(Checker.check(report).allSatisfy { $0.severity != .error })
    }
}
