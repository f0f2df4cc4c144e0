/// The rules every report is held to. Each rule compares what the agency printed; it never repairs a value.
///
/// The table rules are the form's identities (`Identity`): `t3.row_total`, `t3.balance`, `t3.results_sum` and
/// `t4.group_total`, reported as `error`s. A rule is skipped when a cell it needs is `missing` or `ambiguous` (the
/// parser's doubt, reported apart), when its result is blank, or when every part is blank. Then:
/// - `template.year`: the 2021 template from reports on 2021 on, the 2019 template before.
/// - `prose.applications`: an application count stated in the prose against 表三.
/// - `prose.results`: how the requests were answered and how the cases ended, as the prose states them
///   (`Facts.outcomes`), against 表三's result rows and 表四's totals (`proseResults`).
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
        checkTables(report, index: cellIndex(report.cells))
    }

    /// The cells by their key (of a key printed twice, the last).
    static func cellIndex(_ cells: [Cell]) -> [CellKey: Cell] {
        var index: [CellKey: Cell] = [:]
        index.reserveCapacity(cells.count)
        for cell in cells { index[CellKey(cell)] = cell }
        return index
    }

    static func checkTables(_ report: ParsedReport, index: [CellKey: Cell]) -> [Finding] {
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
        let index = cellIndex(report.cells)
        var findings = checkTables(report, index: index)
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
        if report.template != .t2008 { findings += proseResults(report, index: index) }
        // A report of 2008–2018 had no fixed sections: none is required of it.
        for (i, present) in report.sections.enumerated() where !present && report.template != .t2008 {
            findings.append(Finding(rule: .sectionsMissing, severity: .warning, row: "section\(i + 1)",
                                    message: "缺少“\(sectionNames[i])”部分"))
        }
        return findings
    }

    /// The prose's answers and cases against the tables. A row's figure is its 总计 cell, or, where the agency left
    /// that blank, the sum of its applicant cells; a figure any of whose cells the parser could not settle is not
    /// compared (no warning rests on a cell in doubt). A statement passes when it equals any figure it may mean:
    /// 予以公开 the granted row, or granted and partly granted together (some agencies count both so); 不予公开,
    /// 无法提供, 不予处理 their rows together, or, when the clause does not say 等, one of their rows; 行政诉讼 the
    /// suits brought directly and after review together, or those brought directly. `均获维持` holds when every
    /// case stated (review, suits) was upheld.
    static func proseResults(_ report: ParsedReport, index: [CellKey: Cell]) -> [Finding] {
        /// A figure: the total, or the parts' sum under a blank total; nil when a cell needed is in doubt.
        func figure(_ total: CellKey, _ parts: [CellKey]) -> Double? {
            switch reading(index[total]) {
            case .value(let v): return v
            case .unknown: return nil
            case .blank:
                var sum = 0.0
                for part in parts {
                    switch reading(index[part]) {
                    case .value(let v): sum += v
                    case .blank: continue
                    case .unknown: return nil
                    }
                }
                return sum
            }
        }
        func row(_ key: String) -> Double? {
            figure(CellKey(table: .t3, row: key, column: "total"), Fields.t3ApplicantColumns.map { CellKey(table: .t3, row: key, column: $0) })
        }
        // The 表三 rows printed, read when a statement needs them.
        var printedRows: Set<String>?
        func group(_ prefix: String) -> (sum: Double?, rows: [Double?]) {
            let t3Rows = printedRows ?? Set(report.cells.lazy.filter { $0.table == .t3 }.map(\.row))
            printedRows = t3Rows
            let rows = t3Rows.filter { $0 == prefix || $0.hasPrefix(prefix + ".") }.sorted().map(row)
            guard !rows.isEmpty else { return (nil, []) }
            return (rows.contains { $0 == nil } ? nil : rows.reduce(0) { $0 + $1! }, rows)
        }
        func t4(_ group: String, _ part: String = "total") -> Double? {
            part == "total" ? figure(CellKey(table: .t4, row: "\(group).total"), ["upheld", "corrected", "other", "pending"].map { CellKey(table: .t4, row: "\(group).\($0)") })
                : figure(CellKey(table: .t4, row: "\(group).\(part)"), [])
        }
        func plus(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { a in b.map { a + $0 } } }
        let names = ["results.granted_or_partial": "予以公开及部分公开", "results.granted": "予以公开", "results.partially_granted": "部分公开",
                     "results.denied": "不予公开", "results.unable": "无法提供", "results.not_processed": "不予处理", "results.other": "其他处理",
                     "review_cases": "行政复议", "litigation_cases": "行政诉讼"]
        var findings: [Finding] = []
        for fact in report.facts where !fact.approximate {
            guard let name = names[fact.fact], let stated = fact.value else { continue }
            let several = !fact.sentence.has("\(name)等") && !fact.sentence.has("等原因")
            // Each figure the statement may mean, with how the tables give it; nil when one is in doubt.
            var figures: [(Double?, String)]
            switch fact.fact {
            case "results.granted_or_partial": figures = [(plus(row("granted"), row("partially_granted")), "表三“予以公开”与“部分公开”两行合计")]
            case "results.granted": figures = [(row("granted"), "表三“予以公开”行"), (plus(row("granted"), row("partially_granted")), "表三“予以公开”与“部分公开”两行合计")]
            case "results.partially_granted": figures = [(row("partially_granted"), "表三“部分公开”行")]
            case "review_cases": figures = [(t4("review"), "表四行政复议总计")]
            case "litigation_cases":
                figures = [(plus(t4("suit_direct"), t4("suit_after_review")), "表四行政诉讼（未经复议直接起诉与复议后起诉）总计"),
                           (t4("suit_direct"), "表四未经复议直接起诉总计")]
            default:
                let prefix = ["results.denied": "denied", "results.unable": "unable", "results.not_processed": "not_processed", "results.other": "other"][fact.fact]!
                let g = group(prefix)
                figures = [(g.sum, "表三“\(name)”各行合计")] + (several ? g.rows.map { ($0, "表三“\(name)”其中一行") } : [])
            }
            guard !figures.isEmpty, figures.allSatisfy({ $0.0 != nil }), let first = figures.first?.0,
                  !figures.contains(where: { $0.0 == stated }) else { continue }
            let (table, rowKey) = fact.fact.hasPrefix("results.") ? ("t3", String(fact.fact.dropFirst("results.".count))) : ("t4", fact.fact == "review_cases" ? "review.total" : "suit_direct.total")
            findings.append(Finding(rule: .proseResults, severity: .warning, table: table, row: rowKey, column: table == "t3" ? "total" : "",
                                    expected: formatNumber(first), actual: formatNumber(stated),
                                    message: "正文称\(name)\(formatNumber(stated))件，\(figures[0].1)为\(formatNumber(first))件：“\(quote(fact.sentence, at: name))”"))
        }
        /// The clause stating it: from a little before its word, so that the quote shows the count.
        func quote(_ sentence: String, at word: String) -> Substring {
            guard let at = sentence.utf8Range(of: word) else { return sentence.prefix(60) }
            let start = sentence.index(at.lowerBound, offsetBy: -min(12, sentence.distance(from: sentence.startIndex, to: at.lowerBound)))
            return sentence[start...].prefix(48)
        }
        if let upheld = report.facts.first(where: { $0.fact == "cases_all_upheld" }) {
            var groups: [(String, String)] = []
            if upheld.sentence.has("复议") { groups.append(("review", "行政复议")) }
            if upheld.sentence.has("诉讼") { groups += [("suit_direct", "未经复议直接起诉"), ("suit_after_review", "复议后起诉")] }
            for (group, name) in groups {
                // (A blank 结果维持 is none upheld.)
                guard let total = t4(group), let kept = t4(group, "upheld"), total > 0, kept != total else { continue }
                findings.append(Finding(rule: .proseResults, severity: .warning, table: "t4", row: "\(group).upheld", column: "",
                                        expected: formatNumber(total), actual: formatNumber(kept),
                                        message: "正文称案件均获维持，表四\(name)\(formatNumber(total))件中结果维持\(formatNumber(kept))件：“\(quote(upheld.sentence, at: "维持"))”"))
            }
        }
        return findings
    }
}
