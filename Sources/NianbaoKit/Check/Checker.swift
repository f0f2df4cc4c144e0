/// The rules every report is held to. Each rule compares what the agency printed; it never repairs a value.
///
/// Rule ids (stable, used in exports):
/// - `t3.row_total`: in each 表三 row, the six applicant columns sum to 总计.
/// - `t3.balance`: per column, 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理.
/// - `t3.results_sum`: per column, （七）总计 = the sum of the result rows （一）…（六）.
/// - `t4.group_total`: in each 表四 group, 维持 + 纠正 + 其他 + 尚未审结 = 总计.
/// - `template.year`: the 2021 template from reports on 2021 on, the 2019 template before.
/// - `sections.missing`: all six sections are present.
///
/// Blank cells count as 0 in a sum; a rule is skipped when its result cell is blank, missing or ambiguous,
/// or when any of its parts is missing or ambiguous (that is the parser's doubt, reported apart).
public enum Checker {
    static let sectionNames = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                               "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]

    static let t3Order: [String: Int] = Dictionary((Fields.t3Rows2021 + ["other"]).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

    public static func check(_ report: ParsedReport) -> [Finding] {
        var index: [CellKey: Cell] = [:]
        index.reserveCapacity(report.cells.count)
        for cell in report.cells { index[CellKey(cell)] = cell }
        func cell(_ t: TableID, _ row: String, _ col: String = "") -> Cell? { index[CellKey(table: t, row: row, column: col)] }

        var findings: [Finding] = []
        /// Compares a printed result with the sum of its parts, if every cell involved was read.
        func identity(_ rule: String, _ table: TableID, result: Cell?, parts: [Cell?], row: String, column: String, message: (String, String) -> String) {
            guard let result, let printed = result.value, [.ok, .split].contains(result.status) else { return }
            guard parts.allSatisfy({ $0 != nil && ($0!.status == .ok || $0!.status == .blank || $0!.status == .split || $0!.status == .inferred) }) else { return }
            // Every part left blank (a column the agency did not fill): nothing to compare.
            guard parts.contains(where: { $0!.value != nil }) else { return }
            let sum = parts.reduce(0.0) { $0 + ($1!.value ?? 0) }
            guard abs(sum - printed) > 1e-6 else { return }
            let expected = formatNumber(sum), actual = formatNumber(printed)
            findings.append(Finding(rule: rule, severity: .error, table: table.rawValue, row: row, column: column,
                                    expected: expected, actual: actual, message: message(expected, actual)))
        }

        let t3Rows = Array(Set(report.cells.filter { $0.table == .t3 && $0.status != .missing }.map(\.row)))
        let rows = t3Rows.sorted { (t3Order[$0] ?? 99) < (t3Order[$1] ?? 99) }
        for row in rows {
            identity("t3.row_total", .t3, result: cell(.t3, row, "total"),
                     parts: Fields.t3ApplicantColumns.map { cell(.t3, row, $0) }, row: row, column: "total") {
                "表三“\(row)”行：各类申请人合计为\($0)，总计栏填报\($1)"
            }
        }
        let resultRows = Fields.t3ResultRows(in: rows)
        for column in Fields.t3Columns {
            if let a = cell(.t3, "new_received", column), let b = cell(.t3, "carried_over", column),
               let c = cell(.t3, "total", column), let d = cell(.t3, "carried_forward", column),
               [a, b, c, d].allSatisfy({ $0.value != nil && $0.status != .ambiguous }) {
                let left = a.value! + b.value!, right = c.value! + d.value!
                if abs(left - right) > 1e-6 {
                    findings.append(Finding(
                        rule: "t3.balance", severity: .error, table: "t3", row: "total", column: column,
                        expected: formatNumber(left), actual: formatNumber(right),
                        message: "表三“\(column)”列：本年新收加上年结转为\(formatNumber(left))，办理结果总计加结转下年度为\(formatNumber(right))"))
                }
            }
            identity("t3.results_sum", .t3, result: cell(.t3, "total", column),
                     parts: resultRows.map { cell(.t3, $0, column) }, row: "total", column: column) {
                "表三“\(column)”列：各项办理结果之和为\($0)，（七）总计填报\($1)"
            }
        }
        for group in Fields.t4Groups {
            identity("t4.group_total", .t4, result: cell(.t4, "\(group).total"),
                     parts: ["upheld", "corrected", "other", "pending"].map { cell(.t4, "\(group).\($0)") },
                     row: "\(group).total", column: "") {
                "表四“\(group)”：结果维持、纠正、其他、尚未审结之和为\($0)，总计填报\($1)"
            }
        }
        if let year = report.year {
            if report.template == .t2019 && year >= 2021 {
                findings.append(Finding(rule: "template.year", severity: .warning, expected: "2021", actual: "2019",
                                        message: "\(year)年度报告使用了2019年版格式，应使用2021年版格式"))
            } else if report.template == .t2021 && year < 2021 {
                findings.append(Finding(rule: "template.year", severity: .warning, expected: "2019", actual: "2021",
                                        message: "\(year)年度报告使用了2021年版格式，当年应使用2019年版格式"))
            }
        }
        // The prose against 表三: an application count stated in the text should be 本年新收, or 本年新收
        // plus 上年结转 (some agencies count both as 受理).
        if let stated = report.facts.first(where: { $0.fact == "applications_in_prose" }), !stated.approximate,
           let value = stated.value, let received = cell(.t3, "new_received", "total")?.value {
            let carried = cell(.t3, "carried_over", "total")?.value ?? 0
            if value != received && value != received + carried {
                findings.append(Finding(
                    rule: "prose.applications", severity: .warning, table: "t3", row: "new_received", column: "total",
                    expected: formatNumber(received), actual: formatNumber(value),
                    message: "正文称收到申请\(formatNumber(value))件，表三本年新收\(formatNumber(received))件（上年结转\(formatNumber(carried))件）：“\(stated.sentence.prefix(60))”"))
            }
        }
        for (i, present) in report.sections.enumerated() where !present {
            findings.append(Finding(rule: "sections.missing", severity: .warning, row: "section\(i + 1)",
                                    message: "缺少“\(sectionNames[i])”部分"))
        }
        return findings
    }
}
