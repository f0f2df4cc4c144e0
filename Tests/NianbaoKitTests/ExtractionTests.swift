import Testing
@testable import NianbaoKit

/// Whole-report extraction on small reports written by hand, with values reasoned out in each test.
@Suite struct ExtractionTests {
    static let labels2021 = [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "(一)予以公开", "(二)部分公开",
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
        "(七)总计", "四、结转下年度继续办理",
    ]

    /// A 2021-template report as `|` rows; `t3` gives each row's seven printed cells.
    static func report(year: Int = 2023, t3: [[String]], t4: [String] = Array(repeating: "0", count: 15), fees: String = "12.5") -> String {
        var lines = [
            "测试县人民政府\(year)年政府信息公开工作年度报告",
            "一、总体情况", "正文。",
            "二、主动公开政府信息情况",
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "规章 | 0 | 0 | 2 |",
            "行政规范性文件 | 3 | 1 | 20 |",
            "行政许可 | 100 |",
            "行政处罚 | -5 |",
            "行政强制 | 7 |",
            "信息内容 | 本年收费金额(单位:万元) |",
            "行政事业性收费 | \(fees) |",
            "三、收到和处理政府信息公开申请情况",
            "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        ]
        for (label, cells) in zip(labels2021, t3) { lines.append(([label] + cells).joined(separator: " | ") + " |") }
        lines += ["四、政府信息公开行政复议、行政诉讼情况",
                  "行政复议 | 行政诉讼 |", "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
                  t4.joined(separator: " | ") + " |",
                  "五、存在的主要问题及改进情况", "一是培训不足。",
                  "六、其他需要报告的事项", "无。", "测试县人民政府", "\(year + 1)年1月20日"]
        return lines.joined(separator: "\n")
    }

    /// A consistent table: 4 new + 1 carried = 5 handled (3 granted, 2 not held) + 0 carried forward.
    static var consistentT3: [[String]] {
        var rows = Array(repeating: ["0", "0", "0", "0", "0", "0", "0"], count: 25)
        rows[0] = ["3", "1", "0", "0", "0", "0", "4"]
        rows[1] = ["1", "0", "0", "0", "0", "0", "1"]
        rows[2] = ["2", "1", "0", "0", "0", "0", "3"]
        rows[12] = ["2", "0", "0", "0", "0", "0", "2"]
        rows[23] = ["4", "1", "0", "0", "0", "0", "5"]
        return rows
    }

    @Test func readsEveryTableAndTheMetadata() throws {
        let r = try ReportParser.parse(Document(blocks: [.text(Self.report(t3: Self.consistentT3))]))
        #expect(r.template == .t2021)
        #expect(r.year == 2023)
        #expect(r.agency == "测试县人民政府")
        #expect(r.publishedOn == "2024-01-20")
        #expect(r.sections == Array(repeating: true, count: 6))
        #expect(r.cell(.t2, "normative_docs.in_force")?.value == 20)
        #expect(r.cell(.t2, "punishment.decisions")?.value == -5)
        #expect(r.cell(.t2, "fees.amount")?.value == 12.5)
        #expect(r.cell(.t3, "new_received", "commercial")?.value == 1)
        #expect(r.cell(.t3, "unable.not_held", "total")?.value == 2)
        #expect(r.cell(.t3, "other.other", "total")?.value == 0)
        #expect(r.cells.filter { $0.table == .t3 }.count == 25 * 7)
        #expect(r.cells.allSatisfy { $0.status == .ok })
        #expect(Checker.check(r).isEmpty)
    }

    @Test func yuanHeaderIsConvertedToWanYuan() throws {
        let text = Self.report(t3: Self.consistentT3, fees: "125000").replacingOccurrences(of: "(单位:万元)", with: "(单位:元)")
        let r = try ReportParser.parse(Document(blocks: [.text(text)]))
        #expect(r.cell(.t2, "fees.amount")?.value == 12.5)
    }

    @Test func blankCellStaysBlank() throws {
        var t3 = Self.consistentT3
        t3[24][6] = ""
        let r = try ReportParser.parse(Document(blocks: [.text(Self.report(t3: t3))]))
        let cell = r.cell(.t3, "carried_forward", "total")
        #expect(cell?.status == .blank)
        #expect(cell?.value == nil)
    }

    @Test func shortRowIsSettledByTheTablesArithmetic() throws {
        var t3 = Self.consistentT3
        // 予以公开 printed with one cell lost: "2 1 0 0 0 3". If the lost cell is an applicant column it is 0
        // (2+1 = 3 already) and the printed values shift right of it: [0,2,1,0,0,0,3], [2,0,1,0,0,0,3] or
        // [2,1,0,0,0,0,3]; if it is 总计, the six applicants sum to 6: [2,1,0,0,0,3,6].
        t3[2] = ["2", "1", "0", "0", "0", "3"]
        let slots = [2.0, 1, 0, 0, 0, 3].map { Slot(value: $0, unit: nil, text: [], start: 0, end: 0, wstart: 0, wend: 0, cell: -1, cells: 6) }
        let read = Placement.lostCells(slots, width: 7, printed: .text(""))
        #expect(Set(read.readings) == Set([[0, 2, 1, 0, 0, 0, 3], [2, 0, 1, 0, 0, 0, 3], [2, 1, 0, 0, 0, 0, 3], [2, 1, 0, 0, 0, 3, 6]]
            .map { $0.map(Reading.value) }))
        // The columns then decide: （七）总计 is 予以公开 + 本机关不掌握 in each column (4 = 2 + 2 for 自然人, 1 = 1 + 0 for
        // 商业企业, 5 = 3 + 2 for 总计), which only [2,1,0,0,0,0,3] meets.
        let r = try ReportParser.parse(Document(blocks: [.text(Self.report(t3: t3))]))
        let cells = Fields.t3Columns.map { r.cell(.t3, "granted", $0)! }
        #expect(cells.map(\.value) == [2, 1, 0, 0, 0, 0, 3])
        #expect(cells.allSatisfy { $0.status == .inferred && $0.via == .arithmetic })
        #expect(Checker.check(r).filter { $0.severity == .error }.isEmpty)
    }

    @Test func shortRowTheArithmeticCannotSettleIsAmbiguous() throws {
        var t3 = Self.consistentT3
        // The same lost cell, with （七）总计 left blank: nothing ties 予以公开's columns to the others any more.
        t3[2] = ["2", "1", "0", "0", "0", "3"]
        t3[23] = ["", "", "", "", "", "", ""]
        let r = try ReportParser.parse(Document(blocks: [.text(Self.report(t3: t3))]))
        let cells = Fields.t3Columns.map { r.cell(.t3, "granted", $0)! }
        // 社会公益组织 and 法律服务机构 are 0 in every reading; the others differ between readings.
        #expect(cells[3].status == .inferred && cells[3].value == 0)
        #expect(cells[4].status == .inferred && cells[4].value == 0)
        for i in [0, 1, 2, 5, 6] { #expect(cells[i].status == .ambiguous && cells[i].value == nil) }
        let totals = r.parseFindings.first { $0.rule == .parseAmbiguous && $0.row == "granted" && $0.column == "total" }
        #expect(totals?.expected == "3|6" && totals?.severity == .uncertain)
        #expect(Checker.check(r).filter { $0.severity == .error }.isEmpty)
    }

    @Test func notAReport() {
        #expect(throws: NotAReportError.self) {
            try ReportParser.parse(Document(blocks: [.text("关于开展政务公开培训的通知\n各单位：请按时参加。")]))
        }
    }
}
