import Foundation
import Testing
@testable import NianbaoKit

/// Tables in pdftotext's default output: one value per line, rows listed column by column in blocks.
@Suite struct StackedTextTests {
    /// A 2021-template report in pdftotext's default layout. 表三's rows are cut into consecutive blocks
    /// of `blocks[i]` rows, each printed column by column; the labels come in one block after the values.
    /// `columnBreaks`: a blank line after each column of a block, as pdftotext prints it (else the block's
    /// values run on, and the search cannot use the runs).
    static func text(t3: [[Int]], t4: [Int], blocks: [Int], t2: [String] = ["0", "0", "0", "1", "0", "8", "12", "3", "0", "0"],
                     columnBreaks: Bool = false, header: [String] = ["自然人", "法人或其他组织", "商业", "企业", "总计"],
                     rowBreaks: Bool = false) -> String {
        var lines = ["测试区管委会", "2023 年政府信息公开工作年度报告", "一、总体情况", "2023 年，本区推进政务公开。",
                     "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
                     "规章"] + t2.prefix(3) + ["行政规范性文件"] + t2[3..<6]
            + ["第二十条第（五）项", "信息内容", "本年处理决定数量", t2[6], "行政许可", "- 2 -", "\u{0C}第二十条第（六）项",
               "行政处罚", t2[7], "行政强制", t2[8], "本年收费金额（单位：万元）", t2[9], "行政事业性收费",
               "三、收到和处理政府信息公开申请情况", "申请人情况"] + header
        var row = 0
        for size in blocks {
            for c in 0..<7 {
                for r in row..<(row + size) { lines.append(String(t3[r][c])); if size == 1 && !rowBreaks { lines.append("") } }
                if columnBreaks && size > 1 { lines.append("") }
            }
            if rowBreaks { lines.append("") }
            row += size
        }
        lines += ExtractionTests.labels2021.map { $0.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）") }
        lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "结果", "维持", "结果", "纠正", "其他", "结果",
                  "尚未", "审结", "总 计"] + t4.map(String.init)
            + ["五、存在的主要问题及改进情况", "一是培训不足。", "六、其他需要报告的事项", "无。"]
        return lines.joined(separator: "\n")
    }

    func parse(_ text: String) throws -> ParsedReport {
        try ReportParser.parse(Document(blocks: [.text(text)]))
    }

    @Test func blocksAreFoundByTheRowTotals() throws {
        var rows = Array(repeating: Array(repeating: 0, count: 7), count: 25)
        rows[0] = [3, 1, 0, 0, 0, 0, 4]
        rows[1] = [1, 0, 0, 0, 0, 0, 1]
        rows[2] = [2, 0, 0, 0, 0, 0, 2]
        rows[4] = [1, 1, 0, 0, 0, 0, 2]
        rows[12] = [1, 0, 0, 0, 0, 0, 1]
        rows[23] = [4, 1, 0, 0, 0, 0, 5]
        let report = try parse(Self.text(t3: rows, t4: [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 1, 0, 0, 3], blocks: [1, 1, 1, 1, 10, 5, 3, 1, 2]))
        for (r, key) in Fields.t3Rows2021.enumerated() {
            for (c, column) in Fields.t3Columns.enumerated() {
                let cell = try #require(report.cell(.t3, key, column))
                #expect(cell.value == Double(rows[r][c]) && cell.status == .split, "\(key) \(column): \(cell)")
            }
        }
        #expect(report.cell(.t2, "normative_docs.in_force", "")?.value == 8)
        #expect(report.cell(.t2, "licensing.decisions", "")?.value == 12)
        #expect(report.cell(.t4, "suit_after_review.total", "")?.value == 3)
        #expect(Checker.check(report).filter { $0.severity == .error }.isEmpty)
    }

    /// The header's columns one per line right above the first values (自然人 … 总计): its 总计 names the column, so
    /// the first values are not （七）总计's row — even where the agency's own error in that row keeps the
    /// arithmetic from confirming the order.
    @Test func aColumnHeaderIsNoRowLabel() throws {
        var rows = Array(repeating: Array(repeating: 0, count: 7), count: 25)
        rows[0] = [102, 0, 1, 1, 0, 0, 104]
        rows[2] = [100, 0, 0, 0, 2, 0, 102]
        rows[23] = [100, 0, 0, 0, 2, 0, 103]   // the agency's error: 102 handled, 103 printed
        rows[24] = [2, 0, 1, 1, 0, 0, 2]
        let header = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        let report = try parse(Self.text(t3: rows, t4: Array(repeating: 0, count: 15), blocks: Array(repeating: 1, count: 25), header: header,
                                          rowBreaks: true))
        for (r, key) in Fields.t3Rows2021.enumerated() {
            for (c, column) in Fields.t3Columns.enumerated() {
                let cell = try #require(report.cell(.t3, key, column))
                #expect(cell.value == Double(rows[r][c]) && cell.status == .split, "\(key) \(column): \(cell)")
            }
        }
        #expect(report.cell(.t3, "total", "total")?.value == 103)

        // A lone 总计 above the values names nothing for sure: the labels' reading (the first values, as （七）总计)
        // and the value lines' (the agency's error keeps the arithmetic from preferring it) disagree, and the
        // cells where they differ are left open — never either value silently.
        let lone = try parse(Self.text(t3: rows, t4: Array(repeating: 0, count: 15), blocks: Array(repeating: 1, count: 25), header: ["总计"],
                                       rowBreaks: true))
        for (r, key) in Fields.t3Rows2021.enumerated() {
            for (c, column) in Fields.t3Columns.enumerated() {
                let cell = try #require(lone.cell(.t3, key, column))
                #expect(cell.status == .ambiguous || cell.status == .missing || cell.value == Double(rows[r][c]), "\(key) \(column): \(cell)")
            }
        }
    }

    @Test func anAgencyErrorIsPlacedAndReported() throws {
        var rows = Array(repeating: Array(repeating: 0, count: 7), count: 25)
        rows[0] = [5, 0, 0, 0, 0, 0, 5]
        rows[2] = [3, 0, 0, 0, 0, 0, 3]
        rows[3] = [2, 0, 0, 0, 0, 0, 3]  // the agency's error: 2 ≠ 3
        rows[23] = [5, 0, 0, 0, 0, 0, 6]
        let report = try parse(Self.text(t3: rows, t4: Array(repeating: 0, count: 15), blocks: [4, 21]))
        #expect(report.cell(.t3, "partially_granted", "total")?.value == 3)
        #expect(report.cell(.t3, "partially_granted", "natural_person")?.value == 2)
        #expect(Checker.check(report).contains { $0.rule.rawValue == "t3.row_total" && $0.row == "partially_granted" })
    }

    @Test func aValueCountThatDoesNotFitPlacesNothing() throws {
        var rows = Array(repeating: Array(repeating: 0, count: 7), count: 25)
        rows[0] = [1, 0, 0, 0, 0, 0, 1]
        var text = Self.text(t3: rows, t4: Array(repeating: 0, count: 15), blocks: Array(repeating: 1, count: 25))
        text = text.replacingOccurrences(of: "申请人情况", with: "申请人情况\n7")  // one stray value: 176 lines
        let report = try parse(text)
        #expect(report.cells.filter { $0.table == .t3 }.allSatisfy { $0.status == .missing })
        #expect(!report.parseFindings.contains { $0.rule.rawValue == "parse.stacked" && $0.table == "t3" })
    }

    @Test func runsOfValuesAreKeptWithinOneColumn() {
        // Two rows, 1|0|0|0|0|0|1 and 0|0|0|0|0|0|0: as one block column by column (runs "1 0", "0 0", …, "1 0")
        // or as two rows one after the other. The runs say which.
        let values: [Double] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
        let runs = stride(from: 0, to: 14, by: 2).map { $0..<($0 + 2) }
        let keys = ["granted", "partially_granted"]
        #expect(StackedText.t3Grids(values, rows: keys, runs: runs).grids == [[[1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0]]])
        // A blank line, a label or a page break ends a run; 5 before the page break is its page number.
        let split = StackedText.valueRuns("1\n0\n\n0\n0\n标签\n5\n\u{0C}6\n7")
        #expect(split.values.map(\.text) == ["1", "0", "0", "0", "6", "7"])
        #expect(split.runs == [0..<2, 2..<4, 4..<6])
    }

    @Test func aPageNumberBeforeAPageBreakIsNoCell() {
        #expect(StackedText.values("1\n2\n3\n\u{0C}4\n5.5\n\u{0C}x").map(\.text) == ["1", "2", "4", "5.5"])
    }

    /// Random consistent tables, cut into random blocks: every cell comes back exactly or is marked
    /// ambiguous with the truth among its candidates.
    @Test func propertyNeverAWrongValue() throws {
        var rng = SplitMix64(seed: 20261123)
        var exact = 0, ambiguous = 0
        for _ in 0..<150 {
            let truth = GluedReport.randomTables(&rng)
            var blocks: [Int] = []
            var left = 25
            while left > 0 {
                let size = min(left, rng.next() % 3 == 0 ? 1 : Int(rng.next() % 10) + 1)
                blocks.append(size)
                left -= size
            }
            let report = try parse(Self.text(t3: truth.t3, t4: truth.t4, blocks: blocks, columnBreaks: rng.next() % 2 == 0))
            for (r, row) in Fields.t3Rows2021.enumerated() {
                for (c, column) in Fields.t3Columns.enumerated() {
                    let cell = try #require(report.cell(.t3, row, column))
                    let value = Double(truth.t3[r][c])
                    if cell.status == .ambiguous {
                        ambiguous += 1
                        let finding = report.parseFindings.first { $0.rule.rawValue == "parse.ambiguous" && $0.row == row && $0.column == column }
                        #expect(finding?.expected.split(separator: "|").compactMap { Double($0) }.contains(value) == true)
                    } else {
                        #expect(cell.value == value, "\(row) \(column) [\(cell.status)] blocks \(blocks)")
                        if cell.value == value { exact += 1 }
                    }
                }
            }
        }
        #expect(exact > ambiguous * 10, "\(exact) exact, \(ambiguous) ambiguous")
    }
}
