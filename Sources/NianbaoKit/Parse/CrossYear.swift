/// Settles glued cells that a report's own text cannot, with the same agency's reports for the years
/// before and after:
/// - 表二 (2021 template): 现行有效件数 this year should be last year's plus 本年制发 minus 本年废止 (and next
///   year's, minus next year's 本年制发 plus its 本年废止);
/// - 表三: 上年结转 this year should be last year's 结转下年度继续办理, and 结转下年度 this year next
///   year's 上年结转; the table's own identities then settle what that fixes.
///
/// This is evidence, not an identity (a document can also lapse, an application be withdrawn), so it
/// decides only when exactly one reading agrees with it; the cells become `inferred` and a
/// `parse.cross_year` finding names the year and the numbers it used. Pure: the store supplies the reports.
///
///     CrossYear.decide(template: .t2021, ambiguous: findings, previous: ["t2|normative_docs.in_force|": 599], previousYear: 2022)
public enum CrossYear {
    /// Rows of 表二 (2021 template) whose 现行有效件数 carries over: (row prefix, label).
    static let carriedRows = [("regulations", "规章"), ("normative_docs", "行政规范性文件")]

    public static func decide(template: Template, ambiguous: [Finding], previous: [String: Double], previousYear: Int,
                              next: [String: Double] = [:], nextYear: Int? = nil)
        -> (cells: [Cell], findings: [Finding]) {
        guard template == .t2021 else { return ([], []) }
        var cells: [Cell] = []
        var findings: [Finding] = []
        for (prefix, label) in carriedRows {
            let open = ambiguous.filter { $0.rule == .parseAmbiguous && $0.table == "t2" && $0.row.hasPrefix(prefix + ".") }
            guard let printed = open.first?.actual, !printed.isEmpty else { continue }
            // Last year's 现行有效件数 + 本年制发 − 本年废止 = this year's; this year's + next year's 本年制发 − 本年废止
            // = next year's 现行有效件数.
            let before = previous["t2|\(prefix).in_force|"]
            var after: Double?
            if let inForce = next["t2|\(prefix).in_force|"], let issued = next["t2|\(prefix).issued|"], let repealed = next["t2|\(prefix).repealed|"] {
                after = inForce - issued + repealed
            }
            guard before != nil || after != nil else { continue }
            let readings = DigitSolver.readings(GluedRun(printed), cells: 3).readings.compactMap { r -> [Double]? in
                let v = r.compactMap(Double.init)
                return v.count == 3 ? v : nil
            }
            let fitting = readings.filter { r in
                (before.map { abs(r[2] - ($0 + r[0] - r[1])) < 1e-9 } ?? true) && (after.map { abs(r[2] - $0) < 1e-9 } ?? true)
            }
            guard fitting.count == 1, let reading = fitting.first else { continue }
            let keys = ["issued", "repealed", "in_force"].map { "\(prefix).\($0)" }
            cells += zip(keys, reading).map { Cell(table: .t2, row: $0, value: $1, status: .inferred) }
            let values = reading.map(formatNumber)
            var used: [String] = []
            if let before {
                used.append("按\(previousYear)年报告现行有效\(formatNumber(before))件+本年制发\(values[0])−本年废止\(values[1])=现行有效\(values[2])")
            }
            if let after, let nextYear {
                used.append("按\(nextYear)年报告倒推本年现行有效应为\(formatNumber(after))件")
            }
            findings.append(Finding(
                rule: .parseCrossYear, severity: .warning, table: "t2", row: keys[0],
                expected: values.joined(separator: "|"), actual: printed,
                message: "表二“\(label)”粘连数字“\(printed)”有\(readings.count)种读法；" + used.joined(separator: "，")
                    + "，只有一种读法相符，据此确定（跨年推定，非表内勾稽关系）"))
        }
        return (cells, findings)
    }

    /// 表三 rows whose glued readings the report left open, narrowed by the neighbouring years' carried
    /// applications (`adjacent`: `t3|carried_forward|total` of the year before → this year's `carried_over`,
    /// `t3|carried_over|total` of the year after → this year's `carried_forward`), then by the table's
    /// identities. `current` holds this report's settled cells (`t3|row|column` → value).
    public static func decideT3(ambiguous: [Finding], current: [String: Double], previous: [String: Double], previousYear: Int,
                                next: [String: Double] = [:], nextYear: Int? = nil, rows keys: [String])
        -> (cells: [Cell], findings: [Finding]) {
        var printed: [String: String] = [:]
        for f in ambiguous where f.rule == .parseAmbiguous && f.table == "t3" && !f.actual.isEmpty { printed[f.row] = f.actual }
        let evidence: [(row: String, source: [String: Double], sourceRow: String, year: Int?, label: String)] = [
            ("carried_over", previous, "carried_forward", previousYear, "结转下年度继续办理"),
            ("carried_forward", next, "carried_over", nextYear, "上年结转"),
        ]
        // Nothing to decide with (the common case): no solving at all.
        guard evidence.contains(where: { e in
            printed[e.row] != nil && Fields.t3Columns.allSatisfy { e.source["t3|\(e.sourceRow)|\($0)"] != nil }
        }) else { return ([], []) }
        var candidates: [String: [[Double]]] = [:]
        for row in keys {
            if let text = printed[row] {
                let solved = DigitSolver.readings(GluedRun(text), cells: 7, check: DigitSolver.rowTotal)
                guard solved.complete else { return ([], []) }
                candidates[row] = solved.readings.map { $0.map { Double($0) ?? .nan } }
            } else {
                let values = Fields.t3Columns.compactMap { current["t3|\(row)|\($0)"] }
                if values.count == 7 { candidates[row] = [values] }
            }
        }
        var used: [String] = []
        for e in evidence where printed[e.row] != nil {
            let known = Fields.t3Columns.map { e.source["t3|\(e.sourceRow)|\($0)"] }
            guard known.allSatisfy({ $0 != nil }), let open = candidates[e.row] else { continue }
            let fitting = open.filter { zip($0, known).allSatisfy { abs($0 - $1!) < 1e-9 } }
            guard !fitting.isEmpty, fitting.count < open.count else { continue }
            candidates[e.row] = fitting
            used.append("\(e.year.map(String.init) ?? "")年报告的\(e.label)（\(known.map { formatNumber($0!) }.joined(separator: "、"))）")
        }
        guard !used.isEmpty else { return ([], []) }
        let joint = DigitSolver.joint(candidates, resultRows: Fields.t3ResultRows(in: keys))
        guard joint.complete else { return ([], []) }
        var cells: [Cell] = []
        var findings: [Finding] = []
        for row in keys where printed[row] != nil {
            guard let readings = joint.rows[row], readings.count == 1, let reading = readings.first, !reading.contains(where: \.isNaN) else { continue }
            cells += zip(Fields.t3Columns, reading).map { Cell(table: .t3, row: row, column: $0, value: $1, status: .inferred) }
            findings.append(Finding(
                rule: .parseCrossYear, severity: .warning, table: "t3", row: row,
                expected: reading.map(formatNumber).joined(separator: "|"), actual: printed[row]!,
                message: "表三“\(row)”行粘连数字“\(printed[row]!)”的读法按" + used.joined(separator: "、")
                    + "与表内勾稽关系只剩一种，据此确定（跨年推定，非表内勾稽关系）"))
        }
        return (cells, findings)
    }
}
