import NianbaoKit

/// One cell of a table as the official form lays it out: its text, what it is, and how many grid cells it spans.
struct PageCell: Sendable, Equatable {
    enum Kind: Sendable { case header, label, value }
    var text: String
    var kind: Kind
    var colspan = 1
    var rowspan = 1

    static func header(_ text: String, colspan: Int = 1, rowspan: Int = 1) -> PageCell {
        PageCell(text: text, kind: .header, colspan: colspan, rowspan: rowspan)
    }
    static func label(_ text: String, colspan: Int = 1, rowspan: Int = 1) -> PageCell {
        PageCell(text: text, kind: .label, colspan: colspan, rowspan: rowspan)
    }
    static func value(_ text: String, colspan: Int = 1) -> PageCell {
        PageCell(text: text, kind: .value, colspan: colspan)
    }
}

/// The three tables of the official forms (国办公开办函〔2019〕60号 and 〔2021〕30号) as rows of spanning cells,
/// every number printed with `FormTables`' own text so that the page and the gold agree.
///
///     let rows = OfficialTables.table4(tables)
///     rows.count  // 4: three header rows and the row of 15 values
enum OfficialTables {
    /// How a report states the unit of its amounts.
    enum AmountUnitPlacement: Sendable {
        /// In the column header: `本年收费金额（单位：万元）`.
        case header
        /// After the number in the cell: `251000元`.
        case cell
    }

    /// 表三's sub-row labels, by row key.
    static let t3Labels: [String: String] = {
        var labels = Dictionary(uniqueKeysWithValues: zip(Fields.t3Rows2021, Render.t3Labels))
        labels["other"] = "（六）其他处理"
        return labels
    }()
    /// The labels of 表三's groups of sub-rows (the part of the key before the dot).
    static let t3GroupLabels = ["denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理", "other": "（六）其他处理"]
    static let applicantColumns = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    static let t4Parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    static let balanceNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    // MARK: 表二

    /// 表二 in four columns; with `shanghaiGrid` (2019 template only) the five-column grid of 上海's page, where
    /// header and value cells of one column have different spans.
    static func table2(_ t: FormTables, unitPlacement: AmountUnitPlacement, shanghaiGrid: Bool = false) -> [[PageCell]] {
        let unit = t.amountUnit == .yuan ? "元" : "万元"
        func amount(_ key: String) -> String {
            let text = t.t2Text(key)
            guard unitPlacement == .cell, t.t2[key] ?? nil != nil else { return text }
            return text + unit
        }
        let headerUnit = unitPlacement == .header ? "（单位：\(unit)）" : ""
        if t.template != .t2019 {
            let width = 4
            return [
                [.header("第二十条第（一）项", colspan: width)],
                [.header("信息内容"), .header("本年制发件数"), .header("本年废止件数"), .header("现行有效件数")],
                [.label("规章")] + ["regulations.issued", "regulations.repealed", "regulations.in_force"].map { .value(t.t2Text($0)) },
                [.label("行政规范性文件")]
                    + ["normative_docs.issued", "normative_docs.repealed", "normative_docs.in_force"].map { .value(t.t2Text($0)) },
                [.header("第二十条第（五）项", colspan: width)],
                [.header("信息内容"), .header("本年处理决定数量", colspan: 3)],
                [.label("行政许可"), .value(t.t2Text("licensing.decisions"), colspan: 3)],
                [.header("第二十条第（六）项", colspan: width)],
                [.header("信息内容"), .header("本年处理决定数量", colspan: 3)],
                [.label("行政处罚"), .value(t.t2Text("punishment.decisions"), colspan: 3)],
                [.label("行政强制"), .value(t.t2Text("coercion.decisions"), colspan: 3)],
                [.header("第二十条第（八）项", colspan: width)],
                [.header("信息内容"), .header("本年收费金额" + headerUnit, colspan: 3)],
                [.label("行政事业性收费"), .value(amount("fees.amount"), colspan: 3)],
            ]
        }
        let width = shanghaiGrid ? 5 : 4
        // The middle column of three: two grid columns wide in 上海's grid.
        let mid = shanghaiGrid ? 2 : 1
        func three(_ label: String, _ keys: [String], misaligned: Bool = false) -> [PageCell] {
            let v = keys.map { t.t2Text($0) }
            // 上海's rows of the （五）（六）项: the first value two columns wide, under a one-column header.
            if shanghaiGrid && misaligned {
                return [.label(label), .value(v[0], colspan: 2), .value(v[1]), .value(v[2])]
            }
            return [.label(label), .value(v[0]), .value(v[1], colspan: mid), .value(v[2])]
        }
        let itemsHeader: [PageCell] = [.header("信息内容"), .header("上一年项目数量"), .header("本年增/减", colspan: mid), .header("处理决定数量")]
        let half = shanghaiGrid ? 2 : 1
        return [
            [.header("第二十条第（一）项", colspan: width)],
            [.header("信息内容"), .header("本年新制作数量"), .header("本年新公开数量", colspan: mid), .header("对外公开总数量")],
            three("规章", ["regulations.new_made", "regulations.new_published", "regulations.total_published"]),
            three("规范性文件", ["normative_docs.new_made", "normative_docs.new_published", "normative_docs.total_published"]),
            [.header("第二十条第（五）项", colspan: width)],
            itemsHeader,
            three("行政许可", ["licensing.prev_items", "licensing.change", "licensing.decisions"], misaligned: true),
            three("其他对外管理服务事项", ["other_services.prev_items", "other_services.change", "other_services.decisions"], misaligned: true),
            [.header("第二十条第（六）项", colspan: width)],
            itemsHeader,
            three("行政处罚", ["punishment.prev_items", "punishment.change", "punishment.decisions"], misaligned: true),
            three("行政强制", ["coercion.prev_items", "coercion.change", "coercion.decisions"], misaligned: true),
            [.header("第二十条第（八）项", colspan: width)],
            [.header("信息内容"), .header("上一年项目数量", colspan: half), .header("本年增/减", colspan: 2)],
            [.label("行政事业性收费"), .value(t.t2Text("fees.prev_items"), colspan: half), .value(t.t2Text("fees.change"), colspan: 2)],
            [.header("第二十条第（九）项", colspan: width)],
            [.header("信息内容"), .header("采购项目数量", colspan: half), .header("采购总金额" + headerUnit, colspan: 2)],
            [.label("政府集中采购"), .value(t.t2Text("procurement.items"), colspan: half), .value(amount("procurement.amount"), colspan: 2)],
        ]
    }

    // MARK: 表三

    /// 表三: three header rows under a corner cell spanning three label columns, then one row per printed row,
    /// 三、本年度办理结果 and each （三）–（六） group label spanning its sub-rows.
    static func table3(_ t: FormTables, corner: String) -> [[PageCell]] {
        var rows: [[PageCell]] = [
            [.header(corner, colspan: 3, rowspan: 3), .header("申请人情况", colspan: 7)],
            [.header("自然人", rowspan: 2), .header("法人或其他组织", colspan: 5), .header("总计", rowspan: 2)],
            applicantColumns.map { .header($0) },
        ]
        let results = Fields.t3ResultRows(in: t.t3Rows) + ["total"]
        func group(_ key: String) -> String? {
            key.firstIndex(of: ".").map { String(key[..<$0]) }
        }
        for (r, key) in t.t3Rows.enumerated() {
            let values: [PageCell] = (0..<7).map { .value(t.t3Text(r, $0)) }
            let label = t3Labels[key] ?? key
            guard results.contains(key) else {
                rows.append([.label(label, colspan: 3)] + values)
                continue
            }
            var cells: [PageCell] = []
            if key == results.first { cells.append(.label("三、本年度办理结果", rowspan: results.count)) }
            if let g = group(key) {
                let members = t.t3Rows.filter { group($0) == g }
                if key == members.first { cells.append(.label(t3GroupLabels[g] ?? g, rowspan: members.count)) }
                cells.append(.label(label))
            } else {
                cells.append(.label(label, colspan: 2))
            }
            rows.append(cells + values)
        }
        return rows
    }

    // MARK: 表四

    /// 表四: 行政复议 over its five parts (each two rows tall), 行政诉讼 over 未经复议直接起诉 and 复议后起诉 over theirs,
    /// then the row of 15 values.
    static func table4(_ t: FormTables) -> [[PageCell]] {
        [
            [.header("行政复议", colspan: 5), .header("行政诉讼", colspan: 10)],
            t4Parts.map { .header($0, rowspan: 2) } + [.header("未经复议直接起诉", colspan: 5), .header("复议后起诉", colspan: 5)],
            (t4Parts + t4Parts).map { .header($0) },
            Fields.t4.indices.map { .value(t.t4Text($0)) },
        ]
    }

    /// Where each cell of `rows` starts in the table's grid (counting rowspans from rows above), and the number of
    /// grid columns the table fills.
    static func grid(_ rows: [[PageCell]]) -> (width: Int, starts: [[Int]]) {
        var covered: [Int: Int] = [:]  // grid column → rows below still covered by a rowspan from above
        var widest = 0
        var starts: [[Int]] = []
        for row in rows {
            var column = 0
            var spans: [Int: Int] = [:]
            var rowStarts: [Int] = []
            for cell in row {
                while (covered[column] ?? 0) > 0 { column += 1 }
                rowStarts.append(column)
                if cell.rowspan > 1 { for c in column..<(column + cell.colspan) { spans[c] = cell.rowspan - 1 } }
                column += cell.colspan
            }
            starts.append(rowStarts)
            widest = max(widest, column, (covered.filter { $0.value > 0 }.keys.max() ?? -1) + 1)
            for (c, left) in covered where left > 1 { spans[c] = left - 1 }
            covered = spans
        }
        return (widest, starts)
    }
}
