import Testing
@testable import NianbaoKit

/// Each flattening of a table that copying leaves in text is read back into the same cells.
@Suite struct FlatteningTests {
    /// The values of one 表三 row after its label, read through the cell stream.
    func row(_ text: String, label: String) -> [String] {
        let runs = TableExtractor.runs(CellStream.tokens(fromText: Substring(text)))
        return runs.first { $0.label.contains(label) }?.values ?? []
    }

    @Test func pipeCellPerLineWithRowMarkers() {
        // As copied from a web table: one cell per line ending in "|", a lone "|" before each row,
        // padding pipes after the last cell, an empty last cell on the second row.
        let text = """
            |
            一、本年新收政府信息公开申请数量 |
            3 |
            0 |
            0 |
            0 |
            0 |
            1 |
            4 | ||
            |
            四、结转下年度继续办理 |
            0 |
            0 |
            0 |
            0 |
            0 |
            0 |
            | ||
            """
        #expect(CellStream.detectStyle(text.split(separator: "\n", omittingEmptySubsequences: false)) == .pipeCellPerLine)
        #expect(row(text, label: "本年新收").filter { !$0.isEmpty } == ["3", "0", "0", "0", "0", "1", "4"])
        let (reading, _) = TableExtractor.read(row(text, label: "结转下年度"), expected: 7)
        #expect(reading == .complete(Array(repeating: .number(0, unit: nil), count: 6) + [.blank]))
    }

    @Test func pipeRows() {
        let text = """
            一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 | ||
            二、上年结转政府信息公开申请数量 | 0 |  | 0 | 0 | 0 | 0 | 0 | ||
            """
        #expect(CellStream.detectStyle(text.split(separator: "\n")) == .pipeRows)
        let (first, _) = TableExtractor.read(row(text, label: "本年新收"), expected: 7)
        #expect(first == .complete([5, 1, 0, 0, 0, 0, 6].map { .number($0, unit: nil) }))
        let (second, _) = TableExtractor.read(row(text, label: "上年结转"), expected: 7)
        #expect(second == .complete([.number(0, unit: nil), .blank] + Array(repeating: .number(0, unit: nil), count: 5)))
    }

    @Test func tabRowsWithALostCell() {
        let text = "\t(三) 不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\n\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
        #expect(CellStream.detectStyle(text.split(separator: "\n")) == .tabRows)
        let (short, _) = TableExtractor.read(row(text, label: "国家秘密"), expected: 7)
        #expect(short == .short(Array(repeating: .number(0, unit: nil), count: 6)))
        let (full, _) = TableExtractor.read(row(text, label: "禁止公开"), expected: 7)
        #expect(full == .complete(Array(repeating: .number(0, unit: nil), count: 7)))
    }

    @Test func tabCellPerLineWithBlankLinesAndWrappedLabels() {
        let text = "\t信息内容\n\t本年新\n制作数量\n\t本年新\n公开数量\n\n\t规范性文件\n\t62\n\t62\n\t62\n\n\t政府集中采购\n\t15\n\t15.68万元\n"
        let tokens = CellStream.tokens(fromText: Substring(text))
        #expect(CellStream.detectStyle(text.split(separator: "\n", omittingEmptySubsequences: false)) == .tabCellPerLine)
        #expect(tokens.contains(.cell("本年新制作数量")))
        #expect(row(text, label: "规范性文件") == ["62", "62", "62"])
        #expect(row(text, label: "政府集中采购") == ["15", "15.68万元"])
    }

    @Test func spacesInsideLabelsAndNumberingVariants() {
        #expect(TableExtractor.t3Row("自 然人", seen: []) == nil)
        #expect(TableExtractor.t3Row("一、本年新收政府信息公开申请数量", seen: []) == "new_received")
        #expect(TableExtractor.t3Row("(三) 不予公开", seen: []) == nil)
        #expect(TableExtractor.t3Row("2．其他法律行政法规禁止公开", seen: []) == "denied.prohibited_by_law")
        #expect(TableExtractor.t3Row("本年度办 理结果", seen: []) == nil)
        // 总计 is the header before any result row, （七）总计 after them.
        #expect(TableExtractor.t3Row("总计", seen: ["new_received"]) == nil)
        #expect(TableExtractor.t3Row("(七)总计", seen: ["new_received", "granted"]) == "total")
        // 其他 is a column header unless it follows （六）'s sub-rows.
        #expect(TableExtractor.t3Row("其他", seen: ["granted"]) == nil)
        #expect(TableExtractor.t3Row("3.其他", seen: ["other.no_fee"]) == "other.other")
    }
}
