import Testing
@testable import NianbaoKit

/// Each flattening of a table that copying leaves in text is read back into the same cells by the one table reader.
@Suite struct FlatteningTests {
    /// 表三 of the 2021 template read from `text`: row key → its seven cells as read (nil: blank, or not settled).
    func t3(_ text: String) -> (cells: [String: [Cell]], findings: [Finding]) {
        let read = TableReader.read(TableText(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)), .t3, template: .t2021)
        var rows: [String: [Cell]] = [:]
        for cell in read.cells { rows[cell.row, default: []].append(cell) }
        return (rows, read.findings)
    }

    func values(_ cells: [Cell]?) -> [Double?] { (cells ?? []).map(\.value) }
    func statuses(_ cells: [Cell]?) -> [CellStatus] { (cells ?? []).map(\.status) }

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
        let read = t3(text)
        #expect(values(read.cells["new_received"]) == [3, 0, 0, 0, 0, 1, 4])
        #expect(values(read.cells["carried_forward"]) == [0, 0, 0, 0, 0, 0, nil])
        #expect(read.cells["carried_forward"]?.last?.status == .blank)
    }

    @Test func pipeRows() {
        let text = """
            一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 | ||
            二、上年结转政府信息公开申请数量 | 0 |  | 0 | 0 | 0 | 0 | 0 | ||
            """
        let read = t3(text)
        #expect(values(read.cells["new_received"]) == [5, 1, 0, 0, 0, 0, 6])
        #expect(values(read.cells["carried_over"]) == [0, nil, 0, 0, 0, 0, 0])
        #expect(statuses(read.cells["carried_over"])[1] == .blank)
    }

    @Test func tabRowsWithALostCell() {
        // The first row printed six values for seven cells (a merged cell lost in copying): every position of the
        // lost cell gives zeros, so the row is inferred; the second prints all seven.
        let text = "\t(三) 不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\n\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
        let read = t3(text)
        #expect(values(read.cells["denied.state_secret"]) == Array(repeating: 0, count: 7))
        #expect(statuses(read.cells["denied.state_secret"]).allSatisfy { $0 == .inferred })
        #expect(values(read.cells["denied.prohibited_by_law"]) == Array(repeating: 0, count: 7))
        #expect(statuses(read.cells["denied.prohibited_by_law"]).allSatisfy { $0 == .ok })
    }

    @Test func tabCellPerLineWithBlankLinesAndWrappedLabels() {
        // 表二 of the 2019 template, one cell per line after a tab, a label wrapped over two lines, an amount in 万元.
        let text = "\t信息内容\n\t本年新\n制作数量\n\t本年新\n公开数量\n\n\t规范性文件\n\t62\n\t62\n\t62\n\n\t政府集中采购\n\t15\n\t15.68万元\n"
        let read = TableReader.read(TableText(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)), .t2, template: .t2019)
        let cells = Dictionary(uniqueKeysWithValues: read.cells.map { ($0.row, $0) })
        #expect(cells["normative_docs.new_made"]?.value == 62 && cells["normative_docs.total_published"]?.value == 62)
        #expect(cells["procurement.items"]?.value == 15 && cells["procurement.amount"]?.value == 15.68)
    }

    @Test func markdownWithAnEmptyMergedColumn() {
        // pandoc's Markdown: a row label spanning two columns leaves an empty cell before the values on some rows.
        // The header places 自然人 in the fourth cell: a value is read under its column, never shifted.
        let text = """
            |   |   |   | 申请人情况 |   |   |   |   |   |   |
            |---|---|---|---|---|---|---|---|---|---|
            |   |   |   | 自然人 | 法人或其他组织 |   |   |   |   | 总计 |
            |   |   |   |   | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |   |
            | 一、本年新收政府信息公开申请数量 |   |   | 821 | 35 |   |   | 2 | 1 | 859 |
            | 三、本年度办理结果 | （一）予以公开 |   | 258 | 12 |   |   | 1 | 1 |   |
            |   | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |   | 3 |   |   |   |   |   |   |
            """
        let read = t3(text)
        #expect(values(read.cells["new_received"]) == [821, 35, nil, nil, 2, 1, 859])
        #expect(values(read.cells["granted"]) == [258, 12, nil, nil, 1, 1, nil])
        #expect(values(read.cells["partially_granted"]) == [3, nil, nil, nil, nil, nil, nil])
        #expect(statuses(read.cells["partially_granted"]) == [.ok] + Array(repeating: .blank, count: 6))
    }

    @Test func spaceAlignedColumnsWithBlanksByPosition() {
        // pdftotext -layout of a table that leaves zero cells empty: values placed under the header's columns
        // (character columns, each CJK character one), an empty cell seen only as a gap.
        let text = """
                                                                    申请人情况
                （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 自然人            法人或其他组织
                                                         商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
              一、本年新收政府信息公开申请数量                       821  35                 2    1 859
              二、上年结转政府信息公开申请数量                        18                             18
            """
        let read = t3(text)
        #expect(values(read.cells["new_received"]) == [821, 35, nil, nil, 2, 1, 859])
        #expect(values(read.cells["carried_over"]) == [18, nil, nil, nil, nil, nil, 18])
        #expect(read.cells["carried_over"]?.first?.via == .position)
    }

    @Test func boxDrawingWithFloatingGroupLabels() {
        // w3m: cells between │, rows between rulings, a group label on a ruled line of its own.
        let text = """
            ├───────┬──────────────────┼──┼──┼──┼──┼──┼──┼───┤
            │       │1.属于国家秘密    │14│  │  │  │  │  │ 14│
            │       ├──────────────────┼──┼──┼──┼──┼──┼──┼───┤
            │(三)不予公开│2.其他法律行政法规禁止公开│ 1│ 2│  │  │  │  │ 3 │
            ├───────┴──────────────────┼──┼──┼──┼──┼──┼──┼───┤
            """
        let read = t3(text)
        #expect(values(read.cells["denied.state_secret"]) == [14, nil, nil, nil, nil, nil, 14])
        #expect(values(read.cells["denied.prohibited_by_law"]) == [1, 2, nil, nil, nil, nil, 3])
    }

    @Test func labelsWrappedAboveAndBelowTheirValues() {
        // pdftotext -layout of a web page printed by a browser: a label wrapped over three lines with its first
        // value on the first line and the rest on the last; the next row's label wraps around its values.
        let text = """
                                          要求行政机关确认或重新出具已获取 0
                                          5.
                                          信息                                  0   0   0   0   0   0

                                           申请人无正当理由逾期不补正、行政
                                          1.
                                          机关                1                 0   0   0   0   0   1
                                          不再处理其政府信息公开申请
            """
        let read = t3(text)
        #expect(values(read.cells["not_processed.confirmation"]) == Array(repeating: 0, count: 7))
        #expect(values(read.cells["other.no_correction"]) == [1, 0, 0, 0, 0, 0, 1])
    }

    @Test func aLabelThePageBreakCutStaysWithItsValues() {
        // Chromium's print through pdftotext -layout: the row 3.补正后申请内容仍不明确 cut by the page break, the browser's
        // footer and header between its two lines; the next row's label wrapped around its values.
        let text = """
                                            8.属于行政查询事项                    0     0   0   0    0   0   0



                               (四)无 1.本机关不掌握
                               法提供 相关政府信息                                 1     0   0   0    0   0   1




                                             没有现成信息需要另
                                            2.
                                                                          0     0   0   0    0   0   0
                                            行制作

                                            3.补正后                         4     0   0   0    0   0   4



            file:///home/user/Downloads/report.html                                             4/6
            \u{0C}12/3/26, 5:47 AM                               乌海市海南区人民政府2021年政府信息公开工作年度报告_海南区人民政府
                                            申请内容仍不明确

                                             信
                                            1.
                                                                          0     0   0     0   0   0   0
                                            访举报投诉类申请

                                            2.重复申请                        0     0   0     0   0   0   0
            """
        let read = t3(text)
        #expect(values(read.cells["unable.unclear"]) == [4, 0, 0, 0, 0, 0, 4])
        #expect(read.cells["not_processed.petition"]?.count == 7)
        #expect(values(read.cells["not_processed.petition"]).allSatisfy { $0 == 0 || $0 == nil })
        #expect(values(read.cells["not_processed.duplicate"]) == [0, 0, 0, 0, 0, 0, 0])
    }

    @Test func valuesNoLabelClaimsKeepTheRowsAroundThemOpen() {
        // LibreOffice's PDF through pdftotext -layout, the whole 表三 (many cells left empty): 4.无正当理由大量反复申请
        // cut by the page break, the header the next page repeats between its two lines. Its values are nobody's for
        // sure: the row is not read as empty.
        let text = """
                                                         申请人情况
                                                         法人或其他组织
            (本列数据的勾稽关系为:第一项加第                        社会
            二项之和,等于第三项加第四项之和) 自然人                              总计
                                                  科研 公 法律服务
                                             商业企业           其他
                                                  机构 益组 机构
                                                      织
            一、本年新收政府信息公开申请数量          25     0       849   10   0   5    889

            二、上年结
                                      0      0       0     0    0   10   10
            转政府信息公开申请数量
            三、本年    (一)予以公开           0      0       0     0    0   0    0
            度办理结                      0      0       0     0    0   0    0
                    (二)部分公开(区分处理
            \u{0C}                                申请人情况
                                            法人或其他组织
            (本列数据的勾稽关系为:第一项加第               社会
            二项之和,等于第三项加第四项之和) 自然人                     总计
                                         科研 公 法律服务
                                    商业企业           其他
                                         机构 益组 机构
                                             织
            果   的,只计这一情形,不计其
                他情形)
                    1.属于国家秘密    0   0   0     0   0   0   0

                    2.其他法
                    律行政法规禁止公    8   0   846   0   0   0   854
                    开
                    3.危及“三安全一
                                0   0   3     0   0   8   11
                    稳定”
                    4.保护
                (三) 第三方合法权益     0   0   0     0   0   0   0
                不予公
                开   5.属于三类内部事
                                0   0   0     0   0   0   0
                    务信息
                    6.属于四类过程性
                                0   0   0     0   0   0   0
                    信息
                    7.属于行政执法案
                                3   0   0     0   0   0   3
                    卷
                    8.属于行政
                                0   0   0     0   0   0   0
                    查询事项
                    1.本机关不掌握相
                                6   0   0     7   0   7   20
                    关政府信息
                (四) 2.没有现成信息需
                无法提 要另          0   0   0     0   0   0   0
                供   行制作
                    3.补正后申请内容
                                8   0   0     0   0   0   8
                    仍不明确
                (五) 1.信访举报投诉类
                                0   0   0     0   0   0   0
                不予处 申请
                理
                    2.重
                                0   0   0     0   0   0   0
                    复申请
                    3.要求提供公
                                0   0   0     0   0   0   0
                    开出版物
                    4.无正当理由     0   0   0     0   0   0   0
            \u{0C}                                                               申请人情况
                                                                           法人或其他组织
             (本列数据的勾稽关系为:第一项加第                                     社会
             二项之和,等于第三项加第四项之和) 自然人                                           总计
                                                                科研 公 法律服务
                                                           商业企业           其他
                                                                机构 益组 机构
                                                                    织
                               大量反复申请
                               5.要求行政机关确
                               认或重新出具已获           0        0           0         0       0           0    0
                               取信息
                      (六)
                                                  0        0           0         0       0           0    0
                      其他处理
                      (七)总计                       25       0           849       7       0           15   896

            四、结转下年度继续办理                           0        0           0         3       0           0    3
            """
        let read = TableReader.read(TableText(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)), .t3, template: .t2019)
        let excessive = read.cells.filter { $0.row == "not_processed.excessive" }
        #expect(excessive.count == 7)
        #expect(excessive.allSatisfy { $0.status == .missing || $0.status == .ambiguous || $0.value == 0 })
        #expect(read.cells.filter { $0.row == "not_processed.confirmation" }.map(\.value) == [0, 0, 0, 0, 0, 0, 0])
    }

    @Test func aLabelWrappedOverFourLinesBesideItsNumbering() {
        // A narrow label column printed by a browser: each label wrapped over three or four lines, its numbering in a
        // column of its own on the values' line.
        let text = """
                                       2.重复申请                  0   0   0    0    0   0   0

                                                要求提供公
                                               3.              0   0   0    8    0   0   8

                                               开出版物

                                                无正当理由
                                               4.              0   0   0   758   0   0   758

                                               大量反复申
                                               请

                                                要求行政机
                                               5.              0   0   0    0    0   0   0

                                               关确认或重
                                               新出具已获
                                               取信息
            """
        let read = t3(text)
        #expect(values(read.cells["not_processed.publication"]) == [0, 0, 0, 8, 0, 0, 8])
        #expect(values(read.cells["not_processed.excessive"]) == [0, 0, 0, 758, 0, 0, 758])
        #expect(values(read.cells["not_processed.confirmation"]) == [0, 0, 0, 0, 0, 0, 0])
    }

    @Test func kangxiRadicalsAreFolded() {
        #expect(TextNormalizer.normalize("⼀、本年新收政府信息公开申请数量 ⼈民政府") == "一、本年新收政府信息公开申请数量 人民政府")
        let read = t3(TextNormalizer.normalize("⼀、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"))
        #expect(values(read.cells["new_received"]) == [5, 1, 0, 0, 0, 0, 6])
    }

    @Test func labelsMatchTheirRowsWhateverTheNumbering() {
        let t3 = Form.table(.t3, template: .t2021)
        func row(_ label: String) -> [String] {
            let text = TableText.compact(Array(label.unicodeScalars))
            return t3.rows.filter { $0.match(text[...]) >= 0.9 }.map(\.key)
        }
        #expect(row("自 然人") == [])
        #expect(row("一、本年新收政府信息公开申请数量") == ["new_received"])
        #expect(row("(三) 不予公开") == [])
        #expect(row("2．其他法律行政法规禁止公开") == ["denied.prohibited_by_law"])
        #expect(row("2.其他法律行政止公开") == ["denied.prohibited_by_law"])
        #expect(row("本年度办 理结果") == [])
        // 总计 and 其他 name a row only as a whole label (their order then tells 表三's 总计 from the header's).
        #expect(row("(七)总计") == ["total"])
        #expect(row("3.其他") == ["other.other"])
        #expect(row("（六）其他处理") == [])
    }
}
