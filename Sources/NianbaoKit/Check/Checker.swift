/// The rules every report is held to. Each rule compares what the agency printed; it never repairs a value.
///
/// The table rules are the form's identities (`Identity`): `t3.row_total`, `t3.balance`, `t3.results_sum` and
/// `t4.group_total`, reported as `error`s. A rule is skipped when a cell it needs is `missing` or `ambiguous` (the
/// parser's doubt, reported apart), when its result is blank, or when every part is blank. Then:
/// - `template.year`: the 2021 template from reports on 2021 on, the 2019 template before.
/// - `prose.applications`: an application count stated in the prose against 表三.
/// - `old.replies_sum`: a 2008–2018 report's eight kinds of answer sum to its answers, when it states all nine.
/// - `sections.missing`: all six sections are present (not asked of a 2008–2018 report, which had no fixed form).
public enum Checker {
    static let sectionNames = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                               "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]

    /// The identities a report's cells are held to: its template's, for the 表三 rows it printed.
    static func identities(_ report: ParsedReport) -> [Identity] {
        if report.template == .t2008 { return Identity.all(template: .t2008) }
        let template: Template = report.template == .t2019 ? .t2019 : .t2021
        let oneRow = template == .t2021 && report.cells.contains { $0.table == .t3 && $0.row == "other" }
        return Identity.all(template: template, t3Rows: oneRow ? Fields.t3Rows2019 : Fields.t3Rows(for: template))
    }

    /// A cell as the checks see it: a settled value or blank, or not known (missing, ambiguous, absent).
    static func reading(_ cell: Cell?) -> Reading {
        guard let cell else { return .unknown }
        switch cell.status {
        case .missing, .ambiguous: return .unknown
        case .blank: return .blank
        case .ok, .split, .inferred: return cell.value.map(Reading.value) ?? .blank
        }
    }

    /// How well a reading of one table holds up: the cells it settles, less ten for each identity it breaks; nil when it
    /// breaks any (a reading no better than a guess, unless the text itself vouches for it).
    static func quality(_ cells: [Cell], template: Template) -> Int? {
        var index: [CellKey: Cell] = [:]
        for cell in cells { index[CellKey(cell)] = cell }
        let oneRow = template == .t2021 && cells.contains { $0.table == .t3 && $0.row == "other" && $0.status != .missing }
        let t3Rows = oneRow ? Fields.t3Rows2019 : Fields.t3Rows(for: template)
        let broken = Identity.all(template: template, t3Rows: t3Rows).count { identity in
            identity.left.first.map { index[$0] != nil } == true && identity.evaluate({ reading(index[$0]) })?.holds == false
        }
        let settled = cells.count { $0.status != .missing && $0.status != .ambiguous }
        return broken > 0 ? nil : settled
    }

    /// The table rules' findings for a report's cells.
    public static func checkTables(_ report: ParsedReport) -> [Finding] {
        var index: [CellKey: Cell] = [:]
        index.reserveCapacity(report.cells.count)
        for cell in report.cells { index[CellKey(cell)] = cell }
        var findings: [Finding] = []
        for identity in identities(report) {
            guard let verdict = identity.evaluate({ reading(index[$0]) }), !verdict.holds else { continue }
            let left = formatNumber(verdict.left), right = formatNumber(verdict.right)
            let message: String
            switch identity.rule {
            case .t3RowTotal: message = "表三“\(Form.label(.t3, row: identity.row))”行：各类申请人合计为\(left)，总计栏填报\(right)"
            case .t3Balance: message = "表三“\(Form.columnLabel(identity.column))”列：本年新收加上年结转为\(left)，办理结果总计加结转下年度为\(right)"
            case .t3ResultsSum: message = "表三“\(Form.columnLabel(identity.column))”列：各项办理结果之和为\(left)，（七）总计填报\(right)"
            case .oldRepliesSum: message = "申请答复情况：各类答复（已主动公开、同意公开、部分公开、不同意公开、信息不存在、非本机关掌握、内容不明确、其他）之和为\(left)，答复总数填报\(right)"
            default:
                message = "表四“\(Form.label(.t4, row: String(identity.row.split(separator: ".")[0])))”：结果维持、纠正、其他、尚未审结之和为\(left)，总计填报\(right)"
            }
            findings.append(Finding(rule: identity.rule, severity: .error, table: identity.table.rawValue, row: identity.row,
                                    column: identity.column, expected: left, actual: right, message: message))
        }
        return findings
    }

    public static func check(_ report: ParsedReport) -> [Finding] {
        var findings = checkTables(report)
        var index: [CellKey: Cell] = [:]
        for cell in report.cells where cell.table == .t3 { index[CellKey(cell)] = cell }
        func cell(_ row: String, _ col: String) -> Cell? { index[CellKey(table: .t3, row: row, column: col)] }
        if let year = report.year {
            if report.template == .t2019 && year >= 2021 {
                findings.append(Finding(rule: .templateYear, severity: .warning, expected: "2021", actual: "2019",
                                        message: "\(year)年度报告使用了2019年版格式，应使用2021年版格式"))
            } else if report.template == .t2021 && year < 2021 {
                findings.append(Finding(rule: .templateYear, severity: .warning, expected: "2019", actual: "2021",
                                        message: "\(year)年度报告使用了2021年版格式，当年应使用2019年版格式"))
            }
        }
        // The prose against 表三: an application count stated in the text should be 本年新收, or 本年新收
        // plus 上年结转 (some agencies count both as 受理).
        if let stated = report.facts.first(where: { $0.fact == "applications_in_prose" }), !stated.approximate,
           let value = stated.value, let received = cell("new_received", "total"), reading(received) != .unknown,
           let receivedValue = received.value {
            let carried = cell("carried_over", "total")?.value ?? 0
            if value != receivedValue && value != receivedValue + carried {
                findings.append(Finding(
                    rule: .proseApplications, severity: .warning, table: "t3", row: "new_received", column: "total",
                    expected: formatNumber(receivedValue), actual: formatNumber(value),
                    message: "正文称收到申请\(formatNumber(value))件，表三本年新收\(formatNumber(receivedValue))件（上年结转\(formatNumber(carried))件）：“\(stated.sentence.prefix(60))”"))
            }
        }
        // A report of 2008–2018 had no fixed sections: none is required of it.
        for (i, present) in report.sections.enumerated() where !present && report.template != .t2008 {
            findings.append(Finding(rule: .sectionsMissing, severity: .warning, row: "section\(i + 1)",
                                    message: "缺少“\(sectionNames[i])”部分"))
        }
        return findings
    }
}
