/// Settles glued 表二 cells that a report's own text cannot, with the same agency's report for the
/// year before: 现行有效件数 this year should be last year's plus 本年制发 minus 本年废止.
///
/// This is evidence, not an identity (a document can also lapse), so it decides only when exactly
/// one of the run's readings agrees with it; the cells become `inferred` and a `parse.cross_year`
/// finding names the year and the numbers it used. Pure: the store supplies both reports.
///
///     CrossYear.decide(template: .t2021, ambiguous: findings, previous: ["t2|normative_docs.in_force|": 599], previousYear: 2022)
public enum CrossYear {
    /// Rows of 表二 (2021 template) whose 现行有效件数 carries over: (row prefix, label).
    static let carriedRows = [("regulations", "规章"), ("normative_docs", "行政规范性文件")]

    public static func decide(template: Template, ambiguous: [Finding], previous: [String: Double], previousYear: Int)
        -> (cells: [Cell], findings: [Finding]) {
        guard template == .t2021 else { return ([], []) }
        var cells: [Cell] = []
        var findings: [Finding] = []
        for (prefix, label) in carriedRows {
            let open = ambiguous.filter { $0.rule == "parse.ambiguous" && $0.table == "t2" && $0.row.hasPrefix(prefix + ".") }
            guard let printed = open.first?.actual, !printed.isEmpty,
                  let before = previous["t2|\(prefix).in_force|"] else { continue }
            let readings = DigitSolver.readings(GluedRun(printed), cells: 3).readings.compactMap { r -> [Double]? in
                let v = r.compactMap(Double.init)
                return v.count == 3 ? v : nil
            }
            let fitting = readings.filter { abs($0[2] - (before + $0[0] - $0[1])) < 1e-9 }
            guard fitting.count == 1, let reading = fitting.first else { continue }
            let keys = ["issued", "repealed", "in_force"].map { "\(prefix).\($0)" }
            cells += zip(keys, reading).map { Cell(table: .t2, row: $0, value: $1, status: .inferred) }
            let values = reading.map(formatNumber)
            findings.append(Finding(
                rule: "parse.cross_year", severity: .warning, table: "t2", row: keys[0],
                expected: values.joined(separator: "|"), actual: printed,
                message: "表二“\(label)”粘连数字“\(printed)”有\(readings.count)种读法；按\(previousYear)年报告现行有效\(formatNumber(before))件"
                    + "+本年制发\(values[0])−本年废止\(values[1])=现行有效\(values[2])，只有一种读法相符，据此确定（跨年推定，非表内勾稽关系）"))
        }
        return (cells, findings)
    }
}
